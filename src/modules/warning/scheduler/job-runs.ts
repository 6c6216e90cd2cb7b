/** The operators' view of the scheduler: recent runs with their status, attempts and last error. */
import type { Executor } from '../../../store/transaction.js';
import { type JobRunStatus, schedulerDb } from './tables.js';

/** One job period as an operator reads it. */
export interface JobRun {
  readonly job: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly status: JobRunStatus;
  /** The scheduler instance that holds or last held the period (`host/pid/random` by default). */
  readonly owner: string;
  readonly attempts: number;
  readonly leaseUntil: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The last failure's message; kept when a later attempt succeeded. */
  readonly error: string | null;
}

/** Which runs to read. */
export interface JobRunQuery {
  /** Only this job. */
  readonly job?: string;
  /** Only runs in this status (e.g. `failed` and `given_up` for a failure screen). */
  readonly status?: JobRunStatus;
  /** At most this many runs, 1 to 1000 (default 50). */
  readonly limit?: number;
}

/** The largest page `jobRuns` returns. */
export const MAX_JOB_RUNS = 1000;

/**
 * The most recently started runs, newest first (ties by job, then latest period first). Throws a
 * RangeError for a limit that is not a whole number from 1 to {@link MAX_JOB_RUNS}.
 */
export async function jobRuns(db: Executor, query: JobRunQuery = {}): Promise<JobRun[]> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_JOB_RUNS) {
    throw new RangeError(`limit must be a whole number from 1 to ${MAX_JOB_RUNS}, got ${limit}`);
  }
  let q = schedulerDb(db).selectFrom('job_run').selectAll();
  if (query.job !== undefined) q = q.where('job', '=', query.job);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  const rows = await q
    .orderBy('started_at', 'desc')
    .orderBy('job')
    .orderBy('period_start', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    job: r.job,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    owner: r.owner,
    attempts: r.attempts,
    leaseUntil: r.lease_until,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error,
  }));
}
