import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** A handle that runs queries, inside a transaction or not. */
export type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Runs `work` in one database transaction: everything it writes (the state change, its audit entry,
 * its outbox message) commits together or not at all. Nested calls reuse the outer transaction.
 */
export function transact<T>(db: Executor, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
