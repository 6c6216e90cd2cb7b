/**
 * Backup and restore (reference text chapter 七, 数据备份与恢复): a portable, checksummed, optionally
 * signed logical backup that is taken online from either dialect and restores into either.
 */
export type { BackupOptions, BackupReport } from './backup.js';
export { backupDatabase } from './backup.js';
export type { CheckedBackup, CheckOptions } from './check.js';
export { checkBackup } from './check.js';
export type { BackupRow, BackupValue, TableChecksum } from './checksum.js';
export { TableDigest } from './checksum.js';
export { BackupDamaged, BackupRefused, RestoreVerificationFailed } from './errors.js';
export type { BackupHeader, BackupManifest, ManifestTable, SignatureStatus } from './format.js';
export { BACKUP_FORMAT, BACKUP_VERSION } from './format.js';
export type { RestoreOptions, RestoreReport } from './restore.js';
export { restore } from './restore.js';
