import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runCompiled } from './compiled.js';
import { reusingStatements } from './database.js';
import type { Database } from './schema.js';

describe('queries compiled once', () => {
  let handle: SqliteDatabase.Database;
  let compiled = 0;
  afterEach(() => {
    if (handle.open) handle.close();
  });

  async function open() {
    handle = new SqliteDatabase(':memory:');
    // Kysely's own type for a table the test creates; the store's schema type is what runCompiled takes.
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(handle) }) });
    await sql`create table t (k integer primary key, v text not null)`.execute(db);
    const t = () => db.withTables<{ t: { k: number; v: string } }>();
    return { db, t };
  }

  const counting =
    <T>(build: () => T) =>
    () => {
      compiled++;
      return build();
    };

  it('builds the query once per shape and answers every call with its own values', async () => {
    const { db, t } = await open();
    compiled = 0;
    for (let k = 1; k <= 20; k++)
      await runCompiled(
        db,
        'test insert t',
        [k, `v${k}`],
        counting(() =>
          t()
            .insertInto('t')
            .values({ k, v: `v${k}` }),
        ),
      );
    for (let k = 1; k <= 20; k++) {
      const { rows } = await runCompiled(
        db,
        'test select t',
        [k],
        counting(() => t().selectFrom('t').select('v').where('k', '=', k)),
      );
      expect(rows).toEqual([{ v: `v${k}` }]);
    }
    expect(compiled).toBe(2);
    const { numAffectedRows } = await runCompiled(db, 'test update t', ['x', 3], () =>
      t().updateTable('t').set({ v: 'x' }).where('k', '=', 3),
    );
    expect(numAffectedRows).toBe(1n);
    await db.destroy();
  });

  it('keeps building through Kysely a shape whose values were not given in binding order', async () => {
    const { db, t } = await open();
    compiled = 0;
    for (let k = 1; k <= 5; k++)
      await runCompiled(
        db,
        'test insert t, values reversed',
        [`v${k}`, k],
        counting(() =>
          t()
            .insertInto('t')
            .values({ k, v: `v${k}` }),
        ),
      );
    // Every call compiled its own query, and the rows are right.
    expect(compiled).toBe(5);
    expect(await t().selectFrom('t').selectAll().orderBy('k').execute()).toEqual(
      [1, 2, 3, 4, 5].map((k) => ({ k, v: `v${k}` })),
    );
    await db.destroy();
  });
});
