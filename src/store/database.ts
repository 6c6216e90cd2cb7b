import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { redactDbUrl } from '../config.js';
import { Checkpointer, type CheckpointerOptions } from './checkpointer.js';
import type { Database } from './schema.js';
import { DurableSqliteDialect, WalSync } from './wal-sync.js';

/** Which SQL engine is behind a store. */
export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, its dialect, and how to close it. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The URL with any password masked, for logs and messages. */
  readonly label: string;
  close(): Promise<void>;
}

/** Options for `openStore`. */
export interface StoreOptions {
  /** Open SQLite read-only (backups read a snapshot without taking the write lock). */
  readonly readonly?: boolean;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
  /** SQLite: when checkpoints move to a worker thread (checkpointer.ts), or false to leave them in SQLite. */
  readonly checkpointer?: CheckpointerOptions | false;
}

/**
 * Opens `sqlite:<path>` (created with its folder when missing; `sqlite::memory:` for tests) or
 * `postgres://…`. A PostgreSQL URL may carry `?schema=name`: Fengkong's tables then live in that
 * schema (created when missing), which lets several installations or test runs share one database.
 *
 * SQLite runs in WAL mode, and a commit is acknowledged only once the log holding it is flushed to
 * disk, so an acknowledged transaction survives power loss; the flush runs off the event loop
 * ({@link DurableSqliteDialect}); once the store is busy, checkpoints run in a worker thread
 * ({@link Checkpointer}). Foreign keys are enforced.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  throw new Error(`unsupported database URL ${JSON.stringify(url)}: use sqlite:<path> or postgres://…`);
}

function openSqlite(path: string, options: StoreOptions): Store {
  const memory = path === ':memory:';
  if (!memory && !options.readonly) mkdirSync(dirname(resolve(path)), { recursive: true });
  const handle = new SqliteDatabase(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
  });
  // Statement journals (the undo record of a multi-row insert inside a transaction) in memory: in a
  // file they cost an open, writes and a close on the event loop for each of a decision batch's
  // inserts (7 % of the server's main thread in the HTTP bench). Sorts that spill go to memory too.
  handle.pragma('temp_store = MEMORY');
  handle.pragma('busy_timeout = 10000');
  handle.pragma('foreign_keys = ON');
  const statements = reusingStatements(handle);
  // SQLite answers with the journal mode it is in: WAL unless the file or its folder cannot have one.
  const wal = !options.readonly && !memory && handle.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  let dialect: SqliteDialect;
  let checkpointer: Checkpointer | null = null;
  if (wal) {
    // Durable commits with the flush off the event loop: see wal-sync.ts.
    handle.pragma('synchronous = NORMAL');
    if (options.checkpointer !== false)
      checkpointer = new Checkpointer(handle, resolve(path), options.checkpointer);
    const afterCommit = checkpointer ? checkpointer.committed.bind(checkpointer) : undefined;
    dialect = new DurableSqliteDialect(handle, statements, new WalSync(resolve(path)), afterCommit);
  } else {
    // No log to flush ourselves: SQLite syncs inside every commit.
    if (!options.readonly) handle.pragma('synchronous = FULL');
    dialect = new SqliteDialect({ database: statements });
  }
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: 'sqlite',
    label: `sqlite:${path}`,
    close: async () => {
      try {
        await checkpointer?.close();
      } finally {
        await db.destroy();
      }
    },
  };
}

/** How many prepared statements a SQLite store keeps for reuse. */
export const STATEMENT_CACHE_SIZE = 512;

/**
 * The database as Kysely's SQLite driver sees it, with prepared statements kept for reuse: the
 * driver prepares every query it runs again, and compiling the SQL of a decision's inserts each time
 * cost more than running them. Least recently used statements are dropped past
 * {@link STATEMENT_CACHE_SIZE} (queries with a variable number of parameters each have their own
 * SQL). Sharing a statement is safe because the driver runs one query at a time on its connection;
 * SQLite re-prepares a kept statement by itself after a schema change.
 */
export function reusingStatements(handle: SqliteDatabase.Database): {
  close(): void;
  prepare(sql: string): SqliteDatabase.Statement;
} {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      kept.clear();
      handle.close();
    },
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement !== undefined) {
        kept.delete(sql);
      } else {
        statement = handle.prepare(sql);
        if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      }
      kept.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)} in the database URL`);
  }
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: options.poolSize ?? 10,
    // Kept per pool rather than in pg's global type registry: int8 (OID 20) as a number, numeric
    // (OID 1700) stays a string so that money is never a float.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    else await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const label = redactDbUrl(url);
  return { db, dialect: 'postgres', label, close: () => db.destroy() };
}
