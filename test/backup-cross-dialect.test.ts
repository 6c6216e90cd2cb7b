/**
 * Issue 2's check "backup under write load, restore into the other database, row checksums equal,
 * audit chain verifies": a SQLite file and a PostgreSQL schema, each seeded and then written to by a
 * separate connection while the backup runs; each backup restored into the other dialect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.js';
import { auditOf, captureIo, seed, startWriteLoad } from '../src/store/backup/fixtures.js';
import { type BackupReport, backupDatabase, restore } from '../src/store/backup/index.js';
import type { Dialect } from '../src/store/database.js';
import { openStore } from '../src/store/database.js';
import { createTestDatabase, PG_URL, type TestDatabase } from './support/databases.js';

const title = PG_URL
  ? 'backup across dialects under write load'
  : 'backup across dialects [skipped: set FENGKONG_TEST_PG_URL to run against PostgreSQL]';

describe.skipIf(!PG_URL)(title, () => {
  const sources: Partial<Record<Dialect, TestDatabase>> = {};
  const targets: TestDatabase[] = [];
  const backups: Partial<Record<Dialect, BackupReport>> = {};
  const seeded = { sqlite: 2500, postgres: 1200 };
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-cross-'));
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const db = await createTestDatabase(dialect);
      if (dialect === 'postgres') {
        // A linguistic collation sorts these keys unlike SQLite (`a_b a-b ab alpha beta Beta Zeta`):
        // checksums and row order in the file must not depend on it.
        for (const [table, column] of [
          ['setting', 'key'],
          ['outbox', 'id'],
        ] as const) {
          await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type text collate "und-x-icu"`.execute(
            db.store.db,
          );
        }
      }
      await seed(db.store, { entries: seeded[dialect], settings: 60, outbox: 120 });
      sources[dialect] = db;
    }
  });
  afterAll(async () => {
    for (const db of [...Object.values(sources), ...targets]) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function newTarget(dialect: Dialect, migrated = false): Promise<TestDatabase> {
    const db = await createTestDatabase(dialect, migrated);
    targets.push(db);
    return db;
  }

  /** Backs up `dialect`'s source while a separate connection appends audit entries to it. */
  async function backupUnderLoad(dialect: Dialect): Promise<BackupReport> {
    const source = sources[dialect]!;
    const writer = await openStore(source.url);
    const load = startWriteLoad(writer);
    try {
      while (load.written() < 10) await new Promise((r) => setTimeout(r, 5));
      const before = load.written();
      const report = await backupDatabase(source.url, join(dir, `${dialect}.fkbak`), { pageSize: 50 });
      // Writes committed while the snapshot was being read; none of them is in the backup.
      expect(load.written() - before).toBeGreaterThan(0);
      expect(report.manifest.audit_head.seq).toBeGreaterThanOrEqual(seeded[dialect] + 1 + before);
      backups[dialect] = report;
      return report;
    } finally {
      const total = await load.stop();
      await writer.close();
      const after = await auditOf(source.store).verify();
      expect(after.intact).toBe(true);
      expect(after.entries).toBe(seeded[dialect] + 1 + total);
    }
  }

  for (const [from, to] of [
    ['sqlite', 'postgres'],
    ['postgres', 'sqlite'],
  ] as const) {
    it(`restores a ${from} backup taken under write load into ${to} with equal checksums`, async () => {
      const taken = await backupUnderLoad(from);
      const target = await newTarget(to);
      const report = await restore(taken.file, target.store);
      expect(report.tables).toEqual(taken.manifest.tables);
      const verified = await auditOf(target.store).verify();
      expect(verified).toMatchObject({
        intact: true,
        head: taken.manifest.audit_head,
        checkpoints_checked: 1,
      });
      expect(verified.entries).toBe(taken.manifest.audit_head.seq);

      // Taken again from the other dialect, the same rows give the same checksums.
      const again = await backupDatabase(target.url, join(dir, `${from}-in-${to}.fkbak`));
      expect(again.manifest.tables).toEqual(taken.manifest.tables);
      expect(again.manifest.audit_head).toEqual(taken.manifest.audit_head);
    });
  }

  it('through the CLI: refuses a target that holds data (exit 1), replaces it with --force (exit 0)', async () => {
    const file = backups.sqlite?.file ?? (await backupUnderLoad('sqlite')).file;
    const target = await newTarget('postgres', true);
    await seed(target.store, { entries: 10, settings: 2, outbox: 2 });

    const io = captureIo();
    const refused = await runCli(['node', 'fengkong', 'restore', '--from', file, '--db', target.url], io);
    expect(refused).toBe(1);
    expect(io.err()).toMatch(/target database is not empty/);
    expect((await auditOf(target.store).verify()).entries).toBe(11);

    const forcedIo = captureIo();
    const forced = await runCli(
      ['node', 'fengkong', 'restore', '--from', file, '--db', target.url, '--force', '--json'],
      forcedIo,
    );
    expect(forced, forcedIo.err()).toBe(0);
    const result = JSON.parse(forcedIo.out()) as {
      tables: unknown;
      replaced: boolean;
      audit: { intact: boolean };
    };
    expect(result).toMatchObject({ replaced: true, audit: { intact: true } });
    expect(result.tables).toEqual(backups.sqlite?.manifest.tables);
  });
});
