import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

let t: TestDatabase | undefined;
afterEach(() => t?.drop());

it('moves the decision rows of a SQLite database written before 0013 into WITHOUT ROWID tables, keeping them', async () => {
  t = await createTestDatabase('sqlite', false);
  const db = t.store.db;
  // The database as it was before: every migration up to 0012, recorded as applied.
  const before = MIGRATIONS.filter((m) => m.name < '0013');
  await sql`create table fengkong_migration (name text primary key, applied_at text not null)`.execute(db);
  for (const m of before) {
    await db.transaction().execute(async (trx) => {
      await m.up(trx as never, 'sqlite');
      await sql`insert into fengkong_migration values (${m.name}, '2026-01-01T00:00:00.000Z')`.execute(trx);
    });
  }
  await sql`insert into decision_subject values ('device_id', 'd1', 'x1'), ('user_id', 'u1', 'x1')`.execute(
    db,
  );
  await sql`insert into decision_rule_hit values ('R1', 'x1')`.execute(db);
  await sql`insert into decision_model_score values ('x1', 'card', 'card', 'c0', 'loan_application', '2026-01-01T00:00:00.000Z', 612.5, '[1,2]')`.execute(
    db,
  );

  expect((await migrate(t.store)).applied).toEqual(
    MIGRATIONS.filter((m) => m.name >= '0013').map((m) => m.name),
  );

  const tables = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'table'
    and name in ('decision_subject', 'decision_rule_hit', 'decision_model_score') order by name`.execute(db);
  expect(tables.rows.map((r) => [r.name, /without rowid$/i.test(r.sql)])).toEqual([
    ['decision_model_score', true],
    ['decision_rule_hit', true],
    ['decision_subject', true],
  ]);
  expect((await sql`select * from decision_subject order by key`.execute(db)).rows).toEqual([
    { key: 'device_id', value: 'd1', decision_id: 'x1' },
    { key: 'user_id', value: 'u1', decision_id: 'x1' },
  ]);
  expect((await sql`select * from decision_rule_hit`.execute(db)).rows).toEqual([
    { rule_id: 'R1', decision_id: 'x1' },
  ]);
  expect((await sql`select score, bins from decision_model_score`.execute(db)).rows).toEqual([
    { score: 612.5, bins: '[1,2]' },
  ]);
  const index = await sql<{ name: string }>`
    select name from sqlite_master where type = 'index' and tbl_name = 'decision_model_score'`.execute(db);
  expect(index.rows.map((r) => r.name)).toEqual(['decision_model_score_source']);
  // The key still refuses a duplicate.
  await expect(sql`insert into decision_rule_hit values ('R1', 'x1')`.execute(db)).rejects.toThrow(/UNIQUE/);
});
