import { statSync } from 'node:fs';
import { isoUtc } from '../../kernel/clock.js';
import { openStore, type Store } from '../database.js';
import { TABLES } from '../schema.js';
import { canonicalRow, normaliseRow, TableDigest } from './checksum.js';
import { BackupRefused, bilingual } from './errors.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupManifest,
  headerLine,
  type ManifestTable,
  manifestLine,
  rowLine,
  signManifest,
} from './format.js';
import { LineWriter } from './lines.js';
import { appliedMigrations, inSnapshot } from './snapshot.js';
import { type ReadContext, readTable, textColumns } from './table-reader.js';

/** Options of `backupDatabase`. */
export interface BackupOptions {
  /** HMAC key (FENGKONG_AUDIT_KEY) to sign the manifest with; unsigned without. */
  readonly key?: string | undefined;
  /** Milliseconds since the epoch, for `created_at`; the wall clock by default. */
  readonly now?: () => number;
  /** Rows per query; small values let tests interleave writes with the backup. */
  readonly pageSize?: number;
  /** Called as rows are written, with the total once counted. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a backup wrote. */
export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  readonly header: BackupHeader;
  readonly manifest: BackupManifest;
  readonly rows: number;
}

/**
 * Takes a consistent online backup of the database at `url` into `file` (see `format.ts`), while the
 * server may keep writing. It opens a connection of its own (read-only for SQLite, so it never takes
 * the write lock) and reads every table inside one snapshot (`inSnapshot`), paging by keyset; the
 * manifest's audit head is read in the same snapshot, so it matches the audit rows exactly.
 */
export async function backupDatabase(
  url: string,
  file: string,
  options: BackupOptions = {},
): Promise<BackupReport> {
  if (url === 'sqlite::memory:') {
    throw BackupRefused(
      bilingual('an in-memory database cannot be backed up from outside', '内存数据库无法从外部备份'),
    );
  }
  let store: Store;
  try {
    store = await openStore(url, url.startsWith('sqlite:') ? { readonly: true } : { poolSize: 1 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw BackupRefused(bilingual(`cannot open the database: ${why}`, `无法打开数据库：${why}`));
  }
  try {
    const { header, manifest } = await inSnapshot(store, async (trx) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created_at: isoUtc((options.now ?? Date.now)()),
        dialect: store.dialect,
        migrations: await appliedMigrations(trx),
      };
      const ctx: ReadContext = {
        db: trx,
        dialect: store.dialect,
        textColumns: await textColumns(trx, store.dialect),
        pageSize: options.pageSize ?? 1000,
      };
      return { header, manifest: await writeTables(ctx, file, header, options) };
    });
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    return { file, bytes: statSync(file).size, header, manifest, rows };
  } finally {
    await store.close();
  }
}

async function countRows(ctx: ReadContext): Promise<number> {
  let total = 0;
  for (const table of TABLES) {
    const row = await ctx.db
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    total += Number(row?.n ?? 0);
  }
  return total;
}

async function writeTables(
  ctx: ReadContext,
  file: string,
  header: BackupHeader,
  options: BackupOptions,
): Promise<BackupManifest> {
  const head = await ctx.db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) throw BackupRefused(bilingual('the audit head row is missing', '缺少审计链头记录'));
  const total = options.onProgress ? await countRows(ctx) : 0;
  const writer = LineWriter.open(file);
  try {
    await writer.write(headerLine(header));
    const tables: ManifestTable[] = [];
    let done = 0;
    for (const table of TABLES) {
      const digest = new TableDigest();
      for await (const page of readTable(ctx, table)) {
        for (const raw of page) {
          const json = canonicalRow(normaliseRow(table.name, raw));
          digest.addCanonical(json);
          await writer.write(rowLine(table.name, json));
        }
        done += page.length;
        options.onProgress?.(done, total);
      }
      tables.push({ name: table.name, ...digest.finish() });
    }
    let manifest: BackupManifest = {
      tables,
      audit_head: { seq: head.seq, hash: head.hash },
      lines: writer.lines,
      sha256: writer.digest(),
    };
    if (options.key) manifest = signManifest(manifest, options.key);
    await writer.write(manifestLine(manifest), false);
    await writer.close();
    return manifest;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
