/**
 * Durable SQLite commits without stalling the event loop.
 *
 * With `synchronous=FULL` SQLite calls fsync on the write-ahead log inside COMMIT, and better-sqlite3
 * runs COMMIT on the JavaScript thread: every group commit of decisions stopped the server for the
 * length of a disk flush (a fifth of the HTTP decision bench's time). Here SQLite runs with
 * `synchronous=NORMAL` — in WAL mode it then writes the log at commit but only syncs it before a
 * checkpoint (https://www.sqlite.org/pragma.html#pragma_synchronous) — and the store itself calls
 * `fdatasync` on the log file in libuv's thread pool after each commit, before the caller's promise
 * settles. A commit is acknowledged only once the log frames holding it are on disk, which is exactly
 * FULL's guarantee (a transaction is durable once its commit frame is synced; recovery replays the
 * log up to the last valid commit frame, https://www.sqlite.org/wal.html), while other requests keep
 * running during the flush. Commits arriving while a flush runs share the next one.
 *
 * Other connections see a commit as soon as it is written, a few milliseconds before it is synced;
 * a power cut in that window loses it as it loses any unacknowledged transaction. A process crash
 * loses nothing either way: the frames are in the kernel's page cache once COMMIT returns.
 *
 * A failed flush is final: the kernel may have dropped the dirty pages it could not write, so a later
 * successful flush would not prove the earlier commits durable. Every later write is refused.
 */
import { closeSync, fdatasync as fdatasyncCallback, fdatasyncSync, fstatSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

const fdatasync = promisify(fdatasyncCallback);

/** Flushes a file descriptor's data to disk. */
export type FlushFile = (fd: number) => Promise<void>;

/** Raised for every write once flushing the log has failed. */
export class DurabilityError extends Error {
  constructor(cause: unknown) {
    const why = String(cause);
    super(`the database log could not be flushed to disk; no further write is acknowledged: ${why}`, {
      cause,
    });
    this.name = 'DurabilityError';
  }
}

/**
 * Flushes of one SQLite database's write-ahead log, coalesced: {@link request} takes a ticket right
 * after a commit, {@link until} resolves once a flush that started after that commit has completed.
 */
export class WalSync {
  readonly #walPath: string;
  readonly #flushFile: FlushFile;
  #fd: number | null = null;
  #requested = 0;
  #flushed = 0;
  #running: Promise<void> | null = null;
  #failure: DurabilityError | null = null;
  /** Flushes done, for tests and metrics. */
  flushes = 0;

  constructor(databasePath: string, flushFile: FlushFile = fdatasync) {
    this.#walPath = `${databasePath}-wal`;
    this.#flushFile = flushFile;
  }

  /** A ticket for everything committed so far. */
  request(): number {
    return ++this.#requested;
  }

  /** Throws once a flush has failed: nothing more may be written. */
  check(): void {
    if (this.#failure) throw this.#failure;
  }

  /** Resolves when the commits up to `ticket` are on disk; rejects if the flush failed. */
  async until(ticket: number): Promise<void> {
    while (this.#flushed < ticket) {
      if (this.#failure) throw this.#failure;
      if (this.#running === null) {
        const target = this.#requested;
        this.#running = this.#flush(target).finally(() => {
          this.#running = null;
        });
      }
      await this.#running;
    }
  }

  async #flush(target: number): Promise<void> {
    try {
      const fd = this.#open();
      // No log yet (nothing written since the database was opened in WAL mode): nothing to flush.
      if (fd === null) {
        if (target > this.#flushed) this.#flushed = target;
        return;
      }
      await this.#flushFile(fd);
      this.flushes++;
      // SQLite deletes the log only when the last connection closes; should it ever be replaced
      // under an open descriptor, flush the file that is there now.
      if (fstatSync(this.#fd as number).nlink === 0) {
        this.#close();
        const again = this.#open();
        if (again !== null) await this.#flushFile(again);
      }
      if (target > this.#flushed) this.#flushed = target;
    } catch (error) {
      this.#failure ??= new DurabilityError(error);
      throw this.#failure;
    }
  }

  #open(): number | null {
    if (this.#fd === null) {
      try {
        this.#fd = openSync(this.#walPath, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      // The log's directory entry must be durable too (once, when the descriptor is opened).
      const dir = openSync(dirname(this.#walPath), 'r');
      try {
        fdatasyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return this.#fd;
  }

  #close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }

  /** Waits for every requested flush, then closes the log's descriptor. */
  async close(): Promise<void> {
    try {
      if (!this.#failure) await this.until(this.#requested);
    } finally {
      this.#close();
    }
  }
}

/** The database as Kysely's SQLite driver sees it (`reusingStatements` in database.ts). */
type Statements = { close(): void; prepare(sql: string): SqliteDatabase.Statement };

/**
 * Kysely's SQLite driver with durable commits through a {@link WalSync}: after a COMMIT, or after a
 * write outside any transaction, the connection is handed back first (other queries run during the
 * flush) and the caller's `releaseConnection` — which Kysely awaits before the transaction or query
 * returns — resolves once the log is flushed.
 */
class DurableSqliteDriver extends SqliteDriver {
  #ticket = 0;
  #connection: DatabaseConnection | null = null;

  constructor(
    private readonly handle: SqliteDatabase.Database,
    private readonly statements: Statements,
    private readonly sync: WalSync,
    private readonly afterCommit: () => void,
  ) {
    super({ database: statements });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    this.#connection ??= {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        // A write in autocommit mode commits by itself.
        const autocommitWrite = !this.handle.inTransaction && !this.statements.prepare(query.sql).readonly;
        if (autocommitWrite) this.sync.check();
        const result = await inner.executeQuery<R>(query);
        if (autocommitWrite) {
          this.#ticket = this.sync.request();
          this.afterCommit();
        }
        return result;
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => inner.streamQuery<R>(query, chunkSize),
    };
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    this.sync.check();
    await super.beginTransaction(connection);
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.#ticket = this.sync.request();
    this.afterCommit();
  }

  override async releaseConnection(): Promise<void> {
    const ticket = this.#ticket;
    this.#ticket = 0;
    await super.releaseConnection();
    if (ticket !== 0) await this.sync.until(ticket);
  }

  override async destroy(): Promise<void> {
    try {
      await this.sync.close();
    } finally {
      await super.destroy();
    }
  }
}

/**
 * {@link SqliteDialect} whose commits are acknowledged only once flushed by `sync`; `afterCommit` is
 * told of each commit (the store's `Checkpointer` counts them).
 */
export class DurableSqliteDialect extends SqliteDialect {
  constructor(
    private readonly handle: SqliteDatabase.Database,
    private readonly statements: Statements,
    private readonly sync: WalSync,
    private readonly afterCommit: () => void = () => {},
  ) {
    super({ database: statements });
  }

  override createDriver(): Driver {
    return new DurableSqliteDriver(this.handle, this.statements, this.sync, this.afterCommit);
  }
}
