import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Alerts and notifications (issue 6): alerts deduplicated per key and subject (a partial unique
 * index allows one open or acknowledged alert per pair), with acknowledgement, resolution and
 * escalation; notification targets (signed webhooks, e-mail), the delivery queue and its log of
 * attempts, and each person's in-app inbox. Both dialects support partial indexes
 * (https://www.sqlite.org/partialindex.html, PostgreSQL `CREATE INDEX … WHERE`).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('alert')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text')
    .addColumn('escalation_level', 'integer', (c) => c.notNull())
    .addColumn('escalated_at', 'text')
    .addColumn('escalated_to', 'text')
    .addColumn('escalate_due_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('alert_source_known', sql`source in ('kri', 'engine', 'manual')`)
    .addCheckConstraint('alert_severity_known', sql`severity in ('low', 'medium', 'high', 'critical')`)
    .addCheckConstraint('alert_status_known', sql`status in ('open', 'acknowledged', 'resolved')`)
    .execute();
  await db.schema
    .createIndex('alert_active_key')
    .on('alert')
    .columns(['key', 'subject'])
    .unique()
    .where(sql<boolean>`status in ('open', 'acknowledged')`)
    .execute();
  await db.schema
    .createIndex('alert_resolved_key')
    .on('alert')
    .columns(['key', 'subject', 'resolved_at'])
    .execute();
  await db.schema.createIndex('alert_escalation_due').on('alert').columns(['escalate_due_at']).execute();
  await db.schema.createIndex('alert_status').on('alert').columns(['status', 'id']).execute();
  await db.schema.createIndex('alert_owner').on('alert').columns(['owner_id', 'status']).execute();

  await db.schema
    .createTable('notification_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('secret', 'text')
    .addColumn('recipients', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('notification_target_kind_known', sql`kind in ('webhook', 'email')`)
    .execute();

  await db.schema
    .createTable('notification_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addCheckConstraint(
      'notification_delivery_status_known',
      sql`status in ('pending', 'delivered', 'failed')`,
    )
    .execute();
  await db.schema
    .createIndex('notification_delivery_due')
    .on('notification_delivery')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('notification_delivery_alert')
    .on('notification_delivery')
    .columns(['alert_id'])
    .execute();
  await db.schema
    .createIndex('notification_delivery_target')
    .on('notification_delivery')
    .columns(['target_id', 'id'])
    .execute();

  await db.schema
    .createTable('notification_attempt')
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('notification_delivery.id'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_attempt_pk', ['delivery_id', 'attempt'])
    .addCheckConstraint('notification_attempt_outcome_known', sql`outcome in ('success', 'failure')`)
    .execute();

  await db.schema
    .createTable('notification_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notification_inbox_user')
    .on('notification_inbox')
    .columns(['user_id', 'id'])
    .execute();
}
