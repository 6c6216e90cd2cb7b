import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The risk reserve fund (issue 5, reference text 三): the posted ledger — one row per month and kind
 * (provision, drawdown, recovery) with the balance after it — written once a month has closed and
 * never changed, so the reserve a report shows is the reserve that was booked.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('reserve_entry')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('balance_after', 'bigint', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('rate', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('posted_by_type', 'text', (c) => c.notNull())
    .addColumn('posted_by_id', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reserve_entry_pk', ['month', 'kind'])
    .execute();
}
