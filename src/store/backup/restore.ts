import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { systemClock } from '../../kernel/clock.js';
import { AuditLog, type VerifyReport } from '../../modules/audit/index.js';
import type { Store } from '../database.js';
import { type Database, TABLES } from '../schema.js';
import { type CheckedBackup, checkBackup } from './check.js';
import { type BackupRow, normaliseRow, TableDigest } from './checksum.js';
import { BackupDamaged, BackupRefused, bilingual, RestoreVerificationFailed } from './errors.js';
import { isManifestLine, type ManifestTable, parseRowLine } from './format.js';
import { readLines } from './lines.js';
import { readTable, textColumns } from './table-reader.js';
import { occupiedTables, prepareTarget } from './target.js';

/** Options of `restore`. */
export interface RestoreOptions {
  /** Replace a target that holds data: every Fengkong table is dropped and migrated again. */
  readonly force?: boolean;
  /** FENGKONG_AUDIT_KEY: when set, the backup must be signed with it. */
  readonly key?: string | undefined;
  /** Called as work advances: checking the file, then writing rows (with the total). */
  readonly onProgress?: (phase: 'check' | 'restore', done: number, total?: number) => void;
}

/** What a restore did, and what the target holds afterwards. */
export interface RestoreReport {
  readonly backup: CheckedBackup;
  /** Row counts and checksums recomputed from the target; equal to the manifest's. */
  readonly tables: readonly ManifestTable[];
  readonly audit: VerifyReport;
  /** Whether existing Fengkong tables were dropped first (force, or a partly migrated target). */
  readonly replaced: boolean;
}

/**
 * Restores the backup in `file` into `target`. Order of work, so that a refusal never costs data:
 * 1. the whole file is checked (`checkBackup`) and a damaged or tampered one refused;
 * 2. a target holding data is refused unless `force`;
 * 3. the target is given this code's schema, which is the backup's (`prepareTarget`);
 * 4. in ONE transaction: the seeded audit head is removed, every row inserted in batches (the file is
 *    hashed again while read, so a file changed since step 1 is caught), each table's checksum
 *    recomputed from the target and the audit chain verified with `AuditLog.verify`; any mismatch
 *    throws and rolls everything back, so a failed restore leaves an empty database, never a partial one.
 * Restoring into a database a server is using at the same time is not supported.
 */
export async function restore(
  file: string,
  target: Store,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const backup = await checkBackup(file, {
    key: options.key,
    onProgress: (n) => options.onProgress?.('check', n),
  });
  const occupied = await occupiedTables(target);
  if (occupied.length > 0 && !options.force) {
    throw BackupRefused(
      bilingual(
        `the target database is not empty (${occupied.join(', ')} hold rows): restore into an empty database, or use --force to replace everything`,
        `目标数据库非空（${occupied.join(', ')} 中有数据）：请恢复到空数据库，或使用 --force 替换全部数据`,
      ),
    );
  }
  const replaced = await prepareTarget(target, occupied.length > 0);
  const { tables, audit } = await target.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('audit_head').execute();
    await insertRows(trx, file, backup, options);
    const tables = await targetChecksums(trx, target, backup);
    const audit = await new AuditLog({ db: trx, dialect: target.dialect, clock: systemClock }).verify();
    const head = backup.manifest.audit_head;
    if (!audit.intact || audit.head.seq !== head.seq || audit.head.hash !== head.hash) {
      const why = audit.first_break?.detail ?? `head ${audit.head.seq} instead of ${head.seq}`;
      throw RestoreVerificationFailed(
        bilingual(`the restored audit chain does not verify: ${why}`, `恢复后的审计链校验失败：${why}`),
      );
    }
    return { tables, audit };
  });
  return { backup, tables, audit, replaced };
}

type LooseDb = Record<string, BackupRow>;

/** Second pass over the file: inserts rows in multi-row batches within `trx`. */
async function insertRows(
  trx: Transaction<Database>,
  file: string,
  backup: CheckedBackup,
  options: RestoreOptions,
): Promise<void> {
  // The loose view lets one code path insert into any table; rows were validated as portable values.
  const db = trx as unknown as Kysely<LooseDb>;
  const overall = createHash('sha256');
  let batch: BackupRow[] = [];
  let table = '';
  let done = 0;
  const flush = async () => {
    if (batch.length > 0) await db.insertInto(table).values(batch).execute();
    done += batch.length;
    options.onProgress?.('restore', done, backup.rows);
    batch = [];
  };
  for await (const line of readLines(file)) {
    if (line.no > backup.manifest.lines) break;
    overall.update(line.raw).update('\n');
    if (line.no === 1) continue;
    let value: unknown;
    try {
      value = JSON.parse(line.text);
    } catch {
      throw changedWhileRestoring();
    }
    if (isManifestLine(value)) break;
    const row = parseRowLine(value, line.no);
    const columns = Object.keys(row.r).length || 1;
    // Stay well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
    if (row.t !== table || batch.length >= Math.min(500, Math.floor(30_000 / columns))) {
      await flush();
      table = row.t;
    }
    batch.push(row.r);
  }
  await flush();
  if (overall.digest('hex') !== backup.manifest.sha256) throw changedWhileRestoring();
}

function changedWhileRestoring(): Error {
  return BackupDamaged(bilingual('the file changed while it was being restored', '恢复过程中备份文件被改动'));
}

/** Recomputes every table's checksum from the target, in the same order and form as a backup does. */
async function targetChecksums(
  trx: Transaction<Database>,
  target: Store,
  backup: CheckedBackup,
): Promise<ManifestTable[]> {
  const ctx = {
    db: trx,
    dialect: target.dialect,
    textColumns: await textColumns(trx, target.dialect),
    pageSize: 1000,
  };
  const out: ManifestTable[] = [];
  for (const expected of backup.manifest.tables) {
    const info = TABLES.find((t) => t.name === expected.name);
    if (!info) continue;
    const digest = new TableDigest();
    for await (const page of readTable(ctx, info))
      for (const row of page) digest.add(normaliseRow(info.name, row));
    const got = { name: info.name, ...digest.finish() };
    if (got.rows !== expected.rows || got.sha256 !== expected.sha256) {
      throw RestoreVerificationFailed(
        bilingual(
          `table ${got.name} in the target (${got.rows} rows, ${got.sha256.slice(0, 12)}…) differs from the backup (${expected.rows} rows, ${expected.sha256.slice(0, 12)}…)`,
          `目标库中的数据表 ${got.name} 与备份不一致`,
        ),
      );
    }
    out.push(got);
  }
  return out;
}
