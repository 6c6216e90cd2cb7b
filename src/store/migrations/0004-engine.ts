import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The decision engine (issue 4): custom event types, policies and their versions, lists, stored
 * events with their decisions (the idempotency record is the event row), shadow outcomes, the manual
 * review queue and backtest runs. Identity numbers, phones and cards only ever appear here as keyed
 * hashes (HMAC-SHA256, 64 hex digits), never in clear.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('event_type')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  // One row per policy: which version is deployed and how (active = the decision, shadow = challenger).
  await db.schema
    .createTable('policy')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('deployed_version', 'integer')
    .addColumn('previous_version', 'integer')
    .addColumn('previous_mode', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addCheckConstraint('policy_mode_known', sql`mode in ('inactive', 'active', 'shadow')`)
    .execute();
  await db.schema.createIndex('policy_event_type').on('policy').columns(['event_type', 'mode']).execute();
  await db.schema
    .createTable('policy_version')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_version_pk', ['policy_id', 'version'])
    .execute();

  await db.schema
    .createTable('risk_list')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('protected', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('risk_list_purpose_known', sql`purpose in ('block', 'allow', 'watch')`)
    .execute();
  await db.schema
    .createTable('risk_list_entry')
    .addColumn('list_name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addPrimaryKeyConstraint('risk_list_entry_pk', ['list_name', 'value'])
    .execute();

  // Every event decided; `body_hash` makes it the idempotency record of its id.
  await db.schema
    .createTable('event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_time').on('event').columns(['occurred_at']).execute();
  await db.schema.createIndex('event_type_time').on('event').columns(['type', 'occurred_at']).execute();

  await db.schema
    .createTable('decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('policy_id', 'text')
    .addColumn('policy_version', 'integer')
    .addColumn('fallback', 'text')
    .addColumn('response', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decision_created').on('decision').columns(['created_at']).execute();
  await db.schema.createIndex('decision_outcome').on('decision').columns(['outcome', 'created_at']).execute();
  await db.schema
    .createTable('decision_subject')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_subject_pk', ['key', 'value', 'decision_id'])
    .execute();
  await db.schema
    .createTable('decision_rule_hit')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_rule_hit_pk', ['rule_id', 'decision_id'])
    .execute();
  await db.schema
    .createTable('decision_shadow')
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('result', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_shadow_pk', ['decision_id', 'policy_id'])
    .execute();
  await db.schema
    .createIndex('decision_shadow_policy')
    .on('decision_shadow')
    .columns(['policy_id'])
    .execute();

  // The manual review queue: one row per decision whose outcome was `review`.
  await db.schema
    .createTable('review')
    .addColumn('decision_id', 'text', (c) => c.primaryKey())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_by_type', 'text')
    .addColumn('resolved_by_id', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('comment', 'text')
    .addCheckConstraint('review_status_known', sql`status in ('open', 'resolved')`)
    .execute();
  await db.schema.createIndex('review_status').on('review').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('backtest_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
}
