import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The loan lifecycle (issue 5): approval authority per user or role and product, loan applications
 * with their engine and human decisions, booked loans with their original schedule, the current
 * ledger of each loan, repayments, write-offs and recoveries. Amounts are whole fen in `bigint`
 * columns; rates are decimal text; calendar dates are `YYYY-MM-DD` text.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('approval_authority')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('max_amount', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('approval_authority_pk', ['subject_type', 'subject_id', 'product'])
    .addCheckConstraint('approval_authority_subject_known', sql`subject_type in ('user', 'role')`)
    .execute();

  await db.schema
    .createTable('loan_application')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.unique())
    .addColumn('decision_id', 'text')
    .addColumn('borrower_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('annual_rate', 'text', (c) => c.notNull())
    .addColumn('schedule_kind', 'text', (c) => c.notNull())
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('engine_outcome', 'text')
    .addColumn('score', 'double precision')
    .addColumn('probability', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('change_id', 'text')
    .addColumn('first_approver_id', 'text')
    .addColumn('decided_by_type', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('loan_id', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'loan_application_status_known',
      sql`status in ('pending_review', 'approved', 'awaiting_second_approval', 'booked', 'rejected')`,
    )
    .execute();
  await db.schema
    .createIndex('loan_application_status')
    .on('loan_application')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('loan')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.unique())
    .addColumn('external_ref', 'text', (c) => c.unique())
    .addColumn('borrower_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('annual_rate', 'text', (c) => c.notNull())
    .addColumn('term_months', 'integer', (c) => c.notNull())
    .addColumn('schedule_kind', 'text', (c) => c.notNull())
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('upfront_fee', 'bigint', (c) => c.notNull())
    .addColumn('monthly_fee', 'bigint', (c) => c.notNull())
    .addColumn('level', 'bigint', (c) => c.notNull())
    .addColumn('penalty_daily_rate', 'text', (c) => c.notNull())
    .addColumn('apr_nominal', 'text', (c) => c.notNull())
    .addColumn('apr_effective', 'text', (c) => c.notNull())
    .addColumn('disbursed_on', 'text', (c) => c.notNull())
    .addColumn('first_due_date', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('written_off_on', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('loan_status_known', sql`status in ('active', 'closed', 'written_off')`)
    .execute();
  await db.schema.createIndex('loan_status').on('loan').columns(['status', 'id']).execute();
  await db.schema.createIndex('loan_borrower').on('loan').columns(['borrower_id']).execute();
  await db.schema.createIndex('loan_disbursed').on('loan').columns(['disbursed_on']).execute();

  await db.schema
    .createTable('loan_instalment')
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('penalty', 'bigint', (c) => c.notNull())
    .addColumn('paid_principal', 'bigint', (c) => c.notNull())
    .addColumn('paid_interest', 'bigint', (c) => c.notNull())
    .addColumn('paid_fee', 'bigint', (c) => c.notNull())
    .addColumn('paid_penalty', 'bigint', (c) => c.notNull())
    .addColumn('settled_on', 'text')
    .addPrimaryKeyConstraint('loan_instalment_pk', ['loan_id', 'seq'])
    .execute();

  await db.schema
    .createTable('loan_repayment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('penalty', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('credit', 'bigint', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('loan_repayment_seq', ['loan_id', 'seq'])
    .addUniqueConstraint('loan_repayment_reference', ['loan_id', 'reference'])
    .addCheckConstraint('loan_repayment_kind_known', sql`kind in ('regular', 'prepayment', 'payoff')`)
    .execute();

  await db.schema
    .createTable('loan_write_off')
    .addColumn('loan_id', 'text', (c) => c.primaryKey())
    .addColumn('written_off_on', 'text', (c) => c.notNull())
    .addColumn('principal', 'bigint', (c) => c.notNull())
    .addColumn('interest', 'bigint', (c) => c.notNull())
    .addColumn('fee', 'bigint', (c) => c.notNull())
    .addColumn('penalty', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('dpd', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('loan_recovery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('loan_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('loan_recovery_loan')
    .on('loan_recovery')
    .columns(['loan_id', 'received_on'])
    .execute();
}
