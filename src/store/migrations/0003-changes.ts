import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Four-eyes change requests (issue 3). One row per submitted change; its status moves once from
 * `pending` to a final state and never back, so the conditional update `status = 'pending'` that an
 * approval performs is the single point where concurrent deciders are told apart.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('change_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('maker_type', 'text', (c) => c.notNull())
    .addColumn('maker_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_by_type', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_comment', 'text')
    .addColumn('result', 'text')
    .addCheckConstraint(
      'change_request_status_known',
      sql`status in ('pending', 'applied', 'rejected', 'withdrawn', 'expired', 'stale')`,
    )
    .execute();
  // The expiry sweep and the pending queue.
  await db.schema
    .createIndex('change_request_status')
    .on('change_request')
    .columns(['status', 'expires_at'])
    .execute();
  // "What is pending against this policy / list / user?"
  await db.schema
    .createIndex('change_request_target')
    .on('change_request')
    .columns(['target_type', 'target_id', 'status'])
    .execute();
  await db.schema
    .createIndex('change_request_maker')
    .on('change_request')
    .columns(['maker_type', 'maker_id', 'status'])
    .execute();
}
