import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The in-process scheduler (issue 6): one row per job and period it has claimed. The primary key
 * (job, period_start) is the lock: of several server processes inserting the same period exactly
 * one succeeds, and a crashed runner's period is taken over by a conditional update once its lease
 * (`lease_until`) has passed. Times are UTC ISO-8601 text, which sorts chronologically.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('job_run')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_run_pk', ['job', 'period_start'])
    .addCheckConstraint('job_run_status_known', sql`status in ('running', 'done', 'failed', 'given_up')`)
    .addCheckConstraint('job_run_attempts_positive', sql`attempts >= 1`)
    .execute();
  // Each pass looks for the periods of a job that are still open (running or failed).
  await db.schema.createIndex('job_run_open').on('job_run').columns(['job', 'status']).execute();
  // Operators read the most recent runs first.
  await db.schema.createIndex('job_run_started').on('job_run').columns(['started_at']).execute();
}
