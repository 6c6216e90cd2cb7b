import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The foundation: settings, the outbox, and the audit log with its head and checkpoints. The audit
 * tables are append-only at the database level: triggers reject UPDATE and DELETE (and TRUNCATE on
 * PostgreSQL), so that even code with a bug, or a person with the application's credentials, cannot
 * rewrite history without dropping the triggers first — which the hash chain then reveals.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const big = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('outbox_unpublished')
    .on('outbox')
    .columns(['published_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', big, (c) => c.primaryKey())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_ts').on('audit_log').column('ts').execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
  await db.schema
    .createIndex('audit_log_target')
    .on('audit_log')
    .columns(['target_type', 'target_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor_type', 'actor_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', big, (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  await db.schema
    .createTable('audit_checkpoint')
    .addColumn('seq', big, (c) => c.primaryKey())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('merkle_root', 'text', (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await appendOnly(db, dialect, 'audit_log');
  await appendOnly(db, dialect, 'audit_checkpoint');
}

/** Installs the triggers that make `table` append-only. */
async function appendOnly(db: Kysely<unknown>, dialect: Dialect, table: string): Promise<void> {
  const message = `${table} is append-only`;
  if (dialect === 'sqlite') {
    for (const op of ['update', 'delete'] as const) {
      await sql`create trigger ${sql.id(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.id(table)}
        begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
    }
    return;
  }
  await sql`create or replace function fengkong_reject_change() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege'; end $$`.execute(
    db,
  );
  await sql`create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.id(table)}
    for each row execute function fengkong_reject_change()`.execute(db);
  await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.id(table)}
    for each statement execute function fengkong_reject_change()`.execute(db);
}
