import type { Command } from 'commander';
import { FkError } from '../kernel/errors.js';
import { createProgress } from '../kernel/progress.js';
import {
  BackupDamaged,
  BackupRefused,
  backupDatabase,
  RestoreVerificationFailed,
  restore,
} from '../store/backup/index.js';
import { openStore } from '../store/database.js';
import { CheckFailed, CliError, type CliIo, commandConfig, output } from './io.js';

/**
 * `fengkong backup --out FILE` and `fengkong restore --from FILE`. A damaged or tampered backup and a
 * restore that does not verify are failed checks (exit 3); a refused target, an unreadable file or
 * an unknown schema version are input errors (exit 1).
 */
export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('Take a consistent online backup with a signed manifest / 在线一致性备份（含校验清单）')
    .requiredOption('--out <file>', 'write the backup (gzip NDJSON) to this file')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { out: string; db?: string; json?: boolean }) => {
      const config = commandConfig(io, { db: opts.db });
      const json = Boolean(opts.json);
      const progress = createProgress('backup / 备份', io.stderr, json);
      const report = await asCliErrors(() =>
        backupDatabase(config.db, opts.out, {
          key: config.auditKey,
          // Asked for only when a person watches: the total costs a count of every table.
          ...(showsProgress(io, json) ? { onProgress: (done, total) => progress.update(done, total) } : {}),
        }),
      ).finally(() => progress.done());
      const { manifest } = report;
      output(
        io,
        json,
        {
          file: report.file,
          bytes: report.bytes,
          created_at: report.header.created_at,
          dialect: report.header.dialect,
          migrations: report.header.migrations,
          rows: report.rows,
          tables: manifest.tables,
          audit_head: manifest.audit_head,
          sha256: manifest.sha256,
          signed: manifest.signature !== undefined,
        },
        [
          `backup written / 备份已写入: ${report.file} (${report.bytes} bytes / 字节)`,
          `tables / 数据表: ${manifest.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}`,
          `rows / 行数: ${report.rows}`,
          `audit head / 审计链头: ${manifest.audit_head.seq} ${manifest.audit_head.hash}`,
          manifest.signature
            ? `signed / 已签名: key ${manifest.signature.key_id}`
            : 'not signed (set FENGKONG_AUDIT_KEY to sign) / 未签名（设置 FENGKONG_AUDIT_KEY 以签名）',
        ],
      );
    });

  program
    .command('restore')
    .description('Check a backup and restore it, then verify / 校验备份、恢复数据并核验')
    .requiredOption('--from <file>', 'the backup file to restore')
    .option('--db <url>', 'target database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--force', 'replace a target that already holds data (drops every Fengkong table)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { from: string; db?: string; force?: boolean; json?: boolean }) => {
      const config = commandConfig(io, { db: opts.db });
      const json = Boolean(opts.json);
      const progress = createProgress('restore / 恢复', io.stderr, json);
      const store = await asCliErrors(() => openStore(config.db));
      try {
        const report = await asCliErrors(() =>
          restore(opts.from, store, {
            force: Boolean(opts.force),
            key: config.auditKey,
            onProgress: (_phase, done, total) => progress.update(done, total),
          }),
        ).finally(() => progress.done());
        const rows = report.tables.reduce((n, t) => n + t.rows, 0);
        output(
          io,
          json,
          {
            database: store.label,
            file: opts.from,
            created_at: report.backup.header.created_at,
            source_dialect: report.backup.header.dialect,
            signature: report.backup.signature,
            replaced: report.replaced,
            rows,
            tables: report.tables,
            audit: { intact: report.audit.intact, entries: report.audit.entries, head: report.audit.head },
          },
          [
            `restored / 已恢复: ${opts.from} → ${store.label} (${rows} rows / 行)`,
            `tables verified / 数据表已核验: ${report.tables.map((t) => `${t.name} ${t.rows}`).join(', ')}`,
            `audit chain intact / 审计链完整: ${report.audit.entries} entries / 条, head / 链头 ${report.audit.head.seq}`,
            `signature / 签名: ${SIGNATURE_TEXT[report.backup.signature]}`,
          ],
        );
      } finally {
        await store.close();
      }
    });
}

/** Progress goes to stderr, so stdout stays the result; only on a terminal and without --json. */
function showsProgress(io: CliIo, json: boolean): boolean {
  return !json && Boolean(io.stderr.isTTY);
}

const SIGNATURE_TEXT = {
  verified: 'verified / 已验证',
  unsigned: 'none (no key configured) / 无（未配置密钥）',
  not_checked:
    'present but not checked: FENGKONG_AUDIT_KEY is not set / 有签名但未验证：未设置 FENGKONG_AUDIT_KEY',
} as const;

/** Maps the backup module's errors onto the CLI's exit codes; other errors keep their one line. */
async function asCliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (BackupDamaged.is(error) || RestoreVerificationFailed.is(error)) {
      throw new CheckFailed(`${error.title.en} / ${error.title.zh}: ${error.message}`);
    }
    if (BackupRefused.is(error)) throw new CliError(error.message);
    if (error instanceof FkError || error instanceof CliError) throw error;
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new CliError(why);
  }
}
