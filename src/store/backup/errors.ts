import { defineError } from '../../kernel/errors.js';

/**
 * The backup file failed a check: it is not gzip, not a Fengkong backup, cut short, or its content
 * no longer matches its checksums, overall hash, signature or audit chain. Nothing was written.
 */
export const BackupDamaged = defineError(
  'FK_ERR_BACKUP_DAMAGED',
  422,
  'The backup file is damaged or has been tampered with',
  '备份文件已损坏或被篡改',
);

/**
 * The backup or restore cannot proceed here, although the file may be fine: the target database is
 * not empty, the backup's migrations are unknown to this code, the source is not migrated, …
 */
export const BackupRefused = defineError(
  'FK_ERR_BACKUP_REFUSED',
  409,
  'The backup cannot be taken or restored here',
  '无法在此执行备份或恢复',
);

/**
 * After restoring, the target's own rows did not reproduce the backup's checksums, or its audit chain
 * did not verify. The restore transaction was rolled back.
 */
export const RestoreVerificationFailed = defineError(
  'FK_ERR_RESTORE_VERIFICATION_FAILED',
  409,
  'The restored database does not match the backup',
  '恢复后的数据库与备份不一致',
);

/** One line saying the same thing in English and Simplified Chinese, as CLI messages do. */
export function bilingual(en: string, zh: string): string {
  return `${en} / ${zh}`;
}
