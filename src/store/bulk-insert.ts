/**
 * Multi-row inserts for the hot write paths (decisions and their audit entries), without building a
 * Kysely query each time: Kysely compiles an insert of N rows once per table, column list and N, the
 * SQL text is kept, and later inserts of the same shape bind their values straight to it. Profiling
 * the HTTP decision bench showed Kysely's insert parsing and compilation at about a tenth of the
 * server's time. The first compilation of a shape also checks that Kysely binds the values exactly
 * as this module would (column by column, row by row); a shape where it does not keeps going through
 * Kysely, so the SQL run is always the SQL Kysely would run.
 */
import { CompiledQuery } from 'kysely';
import type { Database } from './schema.js';
import type { Executor } from './transaction.js';

/** Rows a multi-row insert carries at most: far below SQLite's and PostgreSQL's parameter limits. */
export const INSERT_CHUNK = 400;

/** The SQL of each shape seen, or null where values must keep going through Kysely. */
const shapes = new Map<string, string | null>();
/** Shapes kept at most (each distinct row count of each table is one). */
const MAX_SHAPES = 2048;

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Inserts `rows` (all with the keys of the first row, in its order) into `table`, in chunks of
 * {@link INSERT_CHUNK}.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first as object);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const values: unknown[] = [];
    for (const row of chunk) {
      const r = row as unknown as Record<string, unknown>;
      for (const c of columns) values.push(r[c]);
    }
    // The dialect is part of the key: the same process may hold a SQLite and a PostgreSQL store.
    const key = `${db.getExecutor().adapter.constructor.name}\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}`;
    const sql = shapes.get(key);
    if (sql) {
      await db.executeQuery(CompiledQuery.raw(sql, values));
      continue;
    }
    // Kysely's insert types are per table; the rows were typed by the caller.
    const query = db.insertInto(table).values(chunk as never);
    if (sql === undefined && shapes.size < MAX_SHAPES) {
      const compiled = query.compile();
      shapes.set(key, sameValues(compiled.parameters, values) ? compiled.sql : null);
    }
    await query.execute();
  }
}
