import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './database.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` until it holds (or fails the test after `ms`). */
async function eventually(condition: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('condition never held');
    await pause(10);
  }
}

describe('checkpoints in a worker thread', () => {
  let dir: string;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const pragma = async (s: Store, name: string) =>
    Object.values((await sql.raw(`pragma ${name}`).execute(s.db)).rows[0] as object)[0];

  async function fill(s: Store, from: number, n: number): Promise<void> {
    for (let i = from; i < from + n; i++) {
      await s.db.transaction().execute(async (trx) => {
        await sql`insert into blob values (${i}, ${'x'.repeat(4_000)})`.execute(trx);
      });
    }
  }

  it('takes over once the store is busy: the main connection stops checkpointing, the file still fills', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-ckpt-'));
    const file = join(dir, 'db.sqlite');
    store = await openStore(`sqlite:${file}`, { checkpointer: { startAfter: 5, intervalMs: 5 } });
    await sql`create table blob (k integer primary key, v text not null)`.execute(store.db);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(1000);
    await fill(store, 0, 10);
    const s = store;
    await eventually(async () => (await pragma(s, 'wal_autocheckpoint')) === 0);
    // 300 rows of 4 KB: only a checkpoint moves them from the log into the database file, and the
    // main connection no longer makes any.
    const before = statSync(file).size;
    await fill(store, 10, 300);
    await eventually(() => statSync(file).size > before + 1_000_000);
    expect((await sql<{ n: number }>`select count(*) as n from blob`.execute(store.db)).rows[0]?.n).toBe(310);
    await store.close();
    store = await openStore(`sqlite:${file}`, { checkpointer: false });
    expect((await sql<{ n: number }>`select count(*) as n from blob`.execute(store.db)).rows[0]?.n).toBe(310);
  });

  it('gives checkpoints back to SQLite when the worker cannot run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-ckpt-'));
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`, {
      checkpointer: { startAfter: 2, intervalMs: 5, module: join(dir, 'no-such-module.js') },
    });
    await sql`create table blob (k integer primary key, v text not null)`.execute(store.db);
    await fill(store, 0, 5);
    // The worker fails to load its module and exits: the main connection checkpoints again.
    await pause(500);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(1000);
    await fill(store, 5, 5);
    expect((await sql<{ n: number }>`select count(*) as n from blob`.execute(store.db)).rows[0]?.n).toBe(10);
  });

  it('starts no thread for a store that is not busy, and none when told not to', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-ckpt-'));
    store = await openStore(`sqlite:${join(dir, 'a.sqlite')}`);
    await sql`create table blob (k integer primary key, v text not null)`.execute(store.db);
    await fill(store, 0, 20);
    await pause(100);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(1000);
    await store.close();
    store = await openStore(`sqlite:${join(dir, 'b.sqlite')}`, { checkpointer: false });
    await sql`create table blob (k integer primary key, v text not null)`.execute(store.db);
    await fill(store, 0, 300);
    await pause(100);
    expect(await pragma(store, 'wal_autocheckpoint')).toBe(1000);
  });
});
