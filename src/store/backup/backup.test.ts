import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { migrate } from '../migrate.js';
import { backupDatabase } from './backup.js';
import { BackupRefused, RestoreVerificationFailed } from './errors.js';
import { auditOf, seed, startWriteLoad } from './fixtures.js';
import { restore } from './restore.js';
import { occupiedTables } from './target.js';

describeEachDialect('backup and restore', (dialect) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    source = await createTestDatabase(dialect);
    target = await createTestDatabase(dialect, false);
    dir = mkdtempSync(join(tmpdir(), 'fk-backup-'));
  });
  afterEach(async () => {
    await source.drop();
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a new database with every table checksum equal and the audit chain intact', async () => {
    await seed(source.store, { entries: 700, settings: 30, outbox: 50 });
    const file = join(dir, 'b.fkbak');
    const now = () => Date.parse('2026-05-01T00:00:00.000Z');
    const taken = await backupDatabase(source.url, file, { pageSize: 64, now });
    expect(taken.rows).toBeGreaterThan(780);

    const report = await restore(file, target.store);
    expect(report.tables).toEqual(taken.manifest.tables);
    expect(report.audit).toMatchObject({ intact: true, entries: 701, head: taken.manifest.audit_head });
    expect((await auditOf(target.store).verify()).intact).toBe(true);

    // A backup of the restored database, at the same clock time, has the same content line for line.
    const again = await backupDatabase(target.url, join(dir, 'again.fkbak'), { now });
    expect(again.manifest).toEqual(taken.manifest);
  });

  it('takes a consistent snapshot while another connection keeps appending', async () => {
    await seed(source.store, { entries: 500 });
    const load = startWriteLoad(source.store);
    try {
      while (load.written() < 5) await new Promise((r) => setTimeout(r, 5));
      const before = load.written();
      const taken = await backupDatabase(source.url, join(dir, 'live.fkbak'), { pageSize: 25 });
      const during = load.written() - before;
      expect(during).toBeGreaterThan(0);
      const restored = await restore(join(dir, 'live.fkbak'), target.store);
      expect(restored.audit.intact).toBe(true);
      expect(restored.audit.head).toEqual(taken.manifest.audit_head);
    } finally {
      const total = await load.stop();
      expect((await auditOf(source.store).verify()).entries).toBe(501 + total);
    }
  });

  it('refuses a target that holds data unless forced, and then replaces it completely', async () => {
    await seed(source.store, { entries: 50 });
    const file = join(dir, 'b.fkbak');
    const taken = await backupDatabase(source.url, file);
    await restore(file, target.store);
    await auditOf(target.store).record({
      actor: { type: 'user', id: 'late' },
      action: 'setting.change',
      target: { type: 'setting', id: 'x' },
    });

    const refused = await restore(file, target.store).catch((e: unknown) => e as Error);
    expect(BackupRefused.is(refused)).toBe(true);
    expect((refused as Error).message).toMatch(
      /target database is not empty \(setting, audit_log, audit_head, audit_checkpoint, outbox hold rows\)/,
    );

    const forced = await restore(file, target.store, { force: true });
    expect(forced.replaced).toBe(true);
    expect(forced.tables).toEqual(taken.manifest.tables);
    expect((await auditOf(target.store).verify()).entries).toBe(51);
  });

  it('rolls everything back when the target does not read back what was restored', async () => {
    await seed(source.store, { entries: 30 });
    const file = join(dir, 'b.fkbak');
    await backupDatabase(source.url, file);
    await migrate(target.store);
    // A target that silently changes data on the way in, which only the read-back checksums can see.
    if (dialect === 'sqlite') {
      await sql`create trigger tamper after insert on setting
        begin update setting set value = 'tampered' where key = new.key; end`.execute(target.store.db);
    } else {
      await sql`create function fk_test_tamper() returns trigger language plpgsql
        as $$ begin new.value := 'tampered'; return new; end $$`.execute(target.store.db);
      await sql`create trigger tamper before insert on setting
        for each row execute function fk_test_tamper()`.execute(target.store.db);
    }
    const failed = await restore(file, target.store).catch((e: unknown) => e as Error);
    expect(RestoreVerificationFailed.is(failed)).toBe(true);
    expect((failed as Error).message).toMatch(
      /table setting in the target \(20 rows, .*\) differs from the backup/,
    );
    expect(await occupiedTables(target.store)).toEqual([]);
  });

  it('refuses to back up a database without Fengkong schema', async () => {
    await expect(backupDatabase(target.url, join(dir, 'none.fkbak'))).rejects.toThrow(/no Fengkong schema/);
  });
});
