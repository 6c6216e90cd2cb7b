/**
 * Multi-row inserts for the hot write paths (decisions and their audit entries), without building a
 * Kysely query each time: an insert of N rows is compiled once per table, column list and N
 * (compiled.ts) and later inserts of the same shape bind their values straight to its SQL.
 */
import { runCompiled } from './compiled.js';
import type { Database } from './schema.js';
import type { Executor } from './transaction.js';

/** Rows a multi-row insert carries at most: far below SQLite's and PostgreSQL's parameter limits. */
export const INSERT_CHUNK = 400;

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
    // Kysely's insert types are per table; the rows were typed by the caller.
    await runCompiled(db, `insert\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}`, values, () =>
      db.insertInto(table).values(chunk as never),
    );
  }
}
