/**
 * Table types of the scheduler (migration `0007-scheduler`), for Kysely. Times are UTC ISO-8601 text
 * with milliseconds, which sorts chronologically on both dialects (see `store/schema.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/**
 * Where a claimed period stands: `running` (a runner holds the lease), `done` (finished, never run
 * again), `failed` (threw; retried once the lease has passed), `given_up` (failed or lost its lease
 * `maxAttempts` times; never retried).
 */
export type JobRunStatus = 'running' | 'done' | 'failed' | 'given_up';

/** One period of one job, claimed by a runner: the lock, the lease and the outcome. */
export interface JobRunTable {
  job: string;
  period_start: string;
  period_end: string;
  status: JobRunStatus;
  /** The scheduler instance (process) that holds or last held the period. */
  owner: string;
  /** Until when the owner's claim holds; after it another runner may take the period over. */
  lease_until: string;
  /** How many times the period was claimed (1 for the first run). */
  attempts: number;
  /** When the current (or last) attempt started. */
  started_at: string;
  finished_at: string | null;
  /** The last failure's message, kept after a later attempt succeeds. */
  error: string | null;
}

/** The scheduler tables, to add to a `Kysely<Database>` with `withTables` (a type: Kysely wants an index). */
export type SchedulerTables = {
  job_run: JobRunTable;
};

/** A query handle that knows the scheduler tables. */
export type SchedulerDb = Kysely<Database & SchedulerTables>;

/**
 * The scheduler tables with the columns that order their rows: what `TABLES` in `store/schema.ts`
 * lists for backups and checksums.
 */
export const SCHEDULER_TABLES = [{ name: 'job_run', orderBy: ['job', 'period_start'] }] as const;

/** `db` (a store handle or a transaction) seen with the scheduler tables. */
export function schedulerDb(db: Executor): SchedulerDb {
  return db.withTables<SchedulerTables>();
}
