import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Post-loan monitoring (issue 5, reference text 五.3 贷后管理): each periodic re-scoring of an active
 * loan's borrower, with its days past due and why the borrower is on the watch list, if they are.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('loan_rescore')
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addColumn('borrower_id', 'text', (c) => c.notNull())
    .addColumn('scorecard', 'text')
    .addColumn('checksum', 'text')
    .addColumn('score', 'double precision')
    .addColumn('origination_score', 'double precision')
    .addColumn('dpd', 'integer', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('watch', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loan_rescore_pk', ['loan_id', 'scored_at'])
    .execute();
  await db.schema
    .createIndex('loan_rescore_watch')
    .on('loan_rescore')
    .columns(['watch', 'scored_at'])
    .execute();
}
