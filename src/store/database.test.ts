import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, reusingStatements, STATEMENT_CACHE_SIZE } from './database.js';

describe('SQLite statement reuse', () => {
  let handle: SqliteDatabase.Database;
  afterEach(() => {
    if (handle.open) handle.close();
  });

  function open() {
    handle = new SqliteDatabase(':memory:');
    let prepared = 0;
    const prepare = handle.prepare.bind(handle);
    handle.prepare = ((text: string) => {
      prepared++;
      return prepare(text);
    }) as typeof handle.prepare;
    const db = new Kysely<{ t: { k: number; v: string } }>({
      dialect: new SqliteDialect({ database: reusingStatements(handle) }),
    });
    return { db, prepared: () => prepared };
  }

  it('prepares a query once however often it runs, with the right answers each time', async () => {
    const { db, prepared } = open();
    await sql`create table t (k integer primary key, v text not null)`.execute(db);
    for (let k = 0; k < 50; k++)
      await db
        .insertInto('t')
        .values({ k, v: `v${k}` })
        .execute();
    const before = prepared();
    for (let k = 0; k < 50; k++)
      expect(await db.selectFrom('t').select('v').where('k', '=', k).executeTakeFirst()).toEqual({
        v: `v${k}`,
      });
    expect(prepared() - before).toBe(1);
    await db.destroy();
  });

  it('keeps at most the cache size, dropping the least recently used, and still answers', async () => {
    const { db, prepared } = open();
    await sql`create table t (k integer primary key, v text not null)`.execute(db);
    await db.insertInto('t').values({ k: 1, v: 'one' }).execute();
    // Distinct SQL texts (a growing IN list) beyond the cache size.
    for (let n = 1; n <= STATEMENT_CACHE_SIZE + 10; n++) {
      const keys = Array.from({ length: n }, (_, i) => i + 1);
      expect(await db.selectFrom('t').select('v').where('k', 'in', keys).execute()).toEqual([{ v: 'one' }]);
    }
    const before = prepared();
    // The first texts were dropped: running one again prepares it anew.
    await db.selectFrom('t').select('v').where('k', 'in', [1]).execute();
    expect(prepared() - before).toBe(1);
    // A streamed query left early does not keep its statement busy for the next run.
    for await (const row of db.selectFrom('t').selectAll().stream()) {
      expect(row.v).toBe('one');
      break;
    }
    expect(await db.selectFrom('t').selectAll().execute()).toEqual([{ k: 1, v: 'one' }]);
    await db.destroy();
  });
});

describe('SQLite store settings', () => {
  it('keeps statement journals and spilled sorts in memory, not in temporary files', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      // 2 = MEMORY (https://www.sqlite.org/pragma.html#pragma_temp_store).
      const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(store.db);
      expect(rows).toEqual([{ temp_store: 2 }]);
    } finally {
      await store.close();
    }
  });
});
