/**
 * Queries whose SQL text never changes, only their values: compiled through Kysely once per
 * dialect and shape, then run with new values bound straight to the kept SQL. Building and compiling
 * a Kysely query costs more than SQLite takes to run a small insert or a primary-key lookup — in
 * the HTTP decision bench's profile Kysely's builders and compiler were a sixth of the server's time,
 * nearly all of it on a handful of hot queries (the idempotency lookup, the audit head, the loan
 * application insert, the multi-row inserts of decisions).
 *
 * The caller names the shape and passes the values in the order the SQL binds them; the first
 * compilation checks that Kysely bound exactly those values in that order. A shape where it did not
 * is remembered as such and always goes through Kysely, so the SQL run is always the SQL Kysely
 * would run.
 */
import { type Compilable, CompiledQuery, type QueryResult } from 'kysely';
import type { Executor } from './transaction.js';

/** The SQL of each shape seen, or null where the values must keep going through Kysely. */
const shapes = new Map<string, string | null>();
/** Shapes kept at most (each distinct row count of a multi-row insert is one). */
const MAX_SHAPES = 4096;

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Runs the query `build` makes, whose SQL is the same for every call with the same `shape`, and
 * whose bound values are `values` in order.
 */
export async function runCompiled<R>(
  db: Executor,
  shape: string,
  values: unknown[],
  build: () => Compilable<R>,
): Promise<QueryResult<R>> {
  // The dialect is part of the key: the same process may hold a SQLite and a PostgreSQL store.
  const key = `${db.getExecutor().adapter.constructor.name}\u0000${shape}`;
  const sql = shapes.get(key);
  if (sql) return db.executeQuery<R>(CompiledQuery.raw(sql, values));
  const compiled = build().compile();
  if (sql === undefined && shapes.size < MAX_SHAPES)
    shapes.set(key, sameValues(compiled.parameters, values) ? compiled.sql : null);
  return db.executeQuery<R>(compiled);
}
