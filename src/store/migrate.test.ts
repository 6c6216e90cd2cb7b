import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/support/databases.js';
import { migrate, migrationStatus } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { TABLES } from './schema.js';

describeEachDialect('migrations', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(() => t.drop());

  it('creates exactly the tables the schema registry lists', async () => {
    // Only this database's own schema: other test runs may have schemas in the same PostgreSQL database.
    const schema =
      dialect === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.store.db)).rows[0]?.s
        : undefined;
    const tables = (await t.store.db.introspection.getTables())
      .filter((x) => schema === undefined || x.schema === schema)
      .map((x) => x.name)
      .filter((n) => !n.startsWith('fengkong_migration'));
    expect(tables.sort()).toEqual(TABLES.map((x) => x.name).sort());
  });

  it('applies every migration once and is a no-op the second time', async () => {
    const again = await migrate(t.store);
    expect(again.applied).toEqual([]);
    const status = await migrationStatus(t.store);
    expect(status.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(status.pending).toEqual([]);
  });

  it('refuses UPDATE and DELETE on the audit log at the database level', async () => {
    await sql`insert into audit_log (seq, ts, actor_type, actor_id, action, target_type, target_id, outcome, payload, prev_hash, hash)
      values (1, '2026-01-01T00:00:00.000Z', 'system', 's', 'a', 't', 'i', 'success', '{}', ${'0'.repeat(64)}, ${'1'.repeat(64)})`.execute(
      t.store.db,
    );
    await expect(sql`update audit_log set action = 'x'`.execute(t.store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.store.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(t.store.db)).rejects.toThrow(/append-only/);
    const rows = await sql<{ n: number }>`select count(*) as n from audit_log`.execute(t.store.db);
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });
});
