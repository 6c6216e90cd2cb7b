import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, reusingStatements } from './database.js';
import { DurabilityError, DurableSqliteDialect, WalSync } from './wal-sync.js';

interface T {
  t: { k: number; v: string };
}

/** A flush the test releases by hand, recording what was committed when each flush started. */
class HeldFlush {
  readonly started: number[] = [];
  readonly #waiting: { resolve(): void; reject(e: unknown): void }[] = [];
  constructor(private readonly committedRows: () => number) {}
  readonly flush = (_fd: number): Promise<void> => {
    this.started.push(this.committedRows());
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  };
  get pending(): number {
    return this.#waiting.length;
  }
  release(): void {
    for (const w of this.#waiting.splice(0)) w.resolve();
  }
  fail(error: Error): void {
    for (const w of this.#waiting.splice(0)) w.reject(error);
  }
}

const settle = () => new Promise((r) => setImmediate(r));

describe('durable SQLite commits with the log flushed off the event loop', () => {
  let dir: string;
  let db: Kysely<T> | undefined;
  afterEach(async () => {
    await db?.destroy().catch(() => undefined);
    db = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(flushes?: HeldFlush) {
    dir = mkdtempSync(join(tmpdir(), 'fk-walsync-'));
    const path = join(dir, 'db.sqlite');
    const handle = new SqliteDatabase(path);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    const count = () => (handle.prepare('select count(*) as n from t').get() as { n: number }).n;
    const held = flushes ?? new HeldFlush(count);
    const sync = new WalSync(path, held.flush);
    db = new Kysely<T>({ dialect: new DurableSqliteDialect(handle, reusingStatements(handle), sync) });
    // Schema changes outside a transaction are writes too: released by hand here.
    const created = sql`create table t (k integer primary key, v text not null)`.execute(db);
    await settle();
    held.release();
    await created;
    return { db, held, sync, handle };
  }

  it('answers a transaction only after the log holding its commit is flushed, and lets queries run meanwhile', async () => {
    const { db, held } = await open(new HeldFlush(() => 0));
    let done = false;
    const write = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ k: 1, v: 'one' }).execute();
      })
      .then(() => {
        done = true;
      });
    await settle();
    await settle();
    expect(held.pending).toBe(1);
    expect(done).toBe(false);
    // The connection is free during the flush: a read (which sees the commit) runs at once.
    expect(await db.selectFrom('t').select('v').execute()).toEqual([{ v: 'one' }]);
    expect(done).toBe(false);
    held.release();
    await write;
    expect(done).toBe(true);
  });

  it('flushes after a write outside any transaction, never after a read', async () => {
    const { db, held } = await open(new HeldFlush(() => 0));
    const flushesBefore = held.started.length;
    await db.selectFrom('t').selectAll().execute();
    expect(held.started.length).toBe(flushesBefore);
    let done = false;
    const insert = db
      .insertInto('t')
      .values({ k: 2, v: 'two' })
      .execute()
      .then(() => {
        done = true;
      });
    await settle();
    await settle();
    expect(done).toBe(false);
    expect(held.started.length).toBe(flushesBefore + 1);
    held.release();
    await insert;
    expect(done).toBe(true);
  });

  it('shares one flush among commits that arrive while another runs, each answered after a flush begun after it', async () => {
    let rows = () => 0;
    const held = new HeldFlush(() => rows());
    const { db, handle } = await open(held);
    rows = () => (handle.prepare('select count(*) as n from t').get() as { n: number }).n;
    const before = held.started.length;
    const acknowledged: { rowsAtCommit: number; flushesStarted: number }[] = [];
    const writes = Array.from({ length: 40 }, (_, k) =>
      db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('t')
            .values({ k, v: `v${k}` })
            .execute();
          // Transactions run one at a time: the rows committed once this one commits.
          return (
            await trx
              .selectFrom('t')
              .select((e) => e.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n;
        })
        .then((rowsAtCommit) => acknowledged.push({ rowsAtCommit, flushesStarted: held.started.length })),
    );
    // Release flushes as they come until every write is answered.
    while (acknowledged.length < writes.length) {
      await settle();
      held.release();
    }
    await Promise.all(writes);
    const flushes = held.started.slice(before);
    expect(flushes.length).toBeLessThan(40);
    // Every acknowledged commit precedes the start of a flush that had begun by its acknowledgement.
    for (const a of acknowledged) {
      const covering = flushes.slice(0, a.flushesStarted - before);
      expect(covering.some((committed) => committed >= a.rowsAtCommit)).toBe(true);
    }
    expect(rows()).toBe(40);
  });

  it('refuses the waiting write and every later one once a flush fails', async () => {
    const { db, held } = await open(new HeldFlush(() => 0));
    const write = db.insertInto('t').values({ k: 3, v: 'three' }).execute();
    await settle();
    await settle();
    held.fail(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(write).rejects.toThrow(DurabilityError);
    await expect(write).rejects.toThrow(/could not be flushed to disk.*EIO/);
    await expect(db.insertInto('t').values({ k: 4, v: 'four' }).execute()).rejects.toThrow(DurabilityError);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ k: 5, v: 'five' }).execute();
      }),
    ).rejects.toThrow(DurabilityError);
    // Reads still answer.
    expect((await db.selectFrom('t').select('k').execute()).length).toBeGreaterThan(0);
  });

  it('is how openStore opens a SQLite file: WAL, NORMAL, the log really flushed, data there after reopening', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-walsync-'));
    const url = `sqlite:${join(dir, 'store.sqlite')}`;
    const store = await openStore(url);
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    await sql`create table kv (k text primary key, v text)`.execute(store.db);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => sql`insert into kv values (${`k${i}`}, ${'v'})`.execute(store.db)),
    );
    await store.close();
    const again = await openStore(url);
    expect((await sql<{ n: number }>`select count(*) as n from kv`.execute(again.db)).rows[0]?.n).toBe(20);
    await again.close();
  });

  it('keeps synchronous=FULL for an in-memory database, which has no log to flush', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-walsync-'));
    const store = await openStore('sqlite::memory:');
    expect(Object.values((await sql.raw('pragma synchronous').execute(store.db)).rows[0] as object)[0]).toBe(
      2,
    );
    await store.close();
  });

  it('WalSync on its own: a ticket resolves after a flush started after it; close waits for the last one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fk-walsync-'));
    const path = join(dir, 'x.sqlite');
    const handle = new SqliteDatabase(path);
    handle.pragma('journal_mode = WAL');
    handle.exec('create table a (x)');
    const order: string[] = [];
    const sync = new WalSync(path, async () => {
      order.push('flush');
    });
    const first = sync.request();
    const p1 = sync.until(first).then(() => order.push('first'));
    const second = sync.request();
    const p2 = sync.until(second).then(() => order.push('second'));
    await Promise.all([p1, p2]);
    expect(order.indexOf('first')).toBeGreaterThan(order.indexOf('flush'));
    expect(sync.flushes).toBeGreaterThanOrEqual(1);
    sync.request();
    await sync.close();
    expect(order.filter((o) => o === 'flush').length).toBe(sync.flushes);
    handle.close();
  });
});
