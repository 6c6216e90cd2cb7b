/**
 * Queries of the scheduler's `job_run` table. Every change of a run is one conditional statement, so
 * that the database decides races between processes: the primary key picks the one winner of an
 * insert, and each update names the state it expects (owner, attempt, status, lease) and reports
 * whether it found it.
 */
import type { Executor } from '../../../store/transaction.js';
import type { JobPeriod } from './job.js';
import { type JobRunStatus, type JobRunTable, schedulerDb } from './tables.js';

/** One claim of one period: the runner and which attempt it is. */
export interface RunClaim {
  readonly job: string;
  readonly periodStart: string;
  readonly owner: string;
  readonly attempt: number;
}

/** The state of a run that a pass needs to decide what is due. */
export type RunState = Pick<
  JobRunTable,
  'period_start' | 'period_end' | 'status' | 'attempts' | 'lease_until'
>;

/**
 * The runs of `job` whose period starts at or after `fromIso`, together with every run of the job
 * still open (running or failed) however old.
 */
export function runsToConsider(db: Executor, job: string, fromIso: string): Promise<RunState[]> {
  return schedulerDb(db)
    .selectFrom('job_run')
    .select(['period_start', 'period_end', 'status', 'attempts', 'lease_until'])
    .where('job', '=', job)
    .where((eb) => eb.or([eb('period_start', '>=', fromIso), eb('status', 'in', ['running', 'failed'])]))
    .orderBy('period_start')
    .execute();
}

/** The start of the latest period of `job` before `beforeIso` that has a run, if any. */
export async function latestRunBefore(
  db: Executor,
  job: string,
  beforeIso: string,
): Promise<string | undefined> {
  const row = await schedulerDb(db)
    .selectFrom('job_run')
    .select('period_start')
    .where('job', '=', job)
    .where('period_start', '<', beforeIso)
    .orderBy('period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.period_start;
}

/** What a runner asks for when it claims a period. */
export interface ClaimRequest {
  readonly job: string;
  readonly period: JobPeriod;
  readonly owner: string;
  readonly nowIso: string;
  readonly leaseUntilIso: string;
  readonly maxAttempts: number;
}

/**
 * Claims a period: inserts its first run (the primary key makes exactly one runner win), or takes
 * over a run whose lease has passed while it was still running (its runner crashed) or after it
 * failed, if it has attempts left. Returns the attempt number won, or undefined when another runner
 * holds the period, finished it, or gave it up.
 */
export async function claimRun(db: Executor, c: ClaimRequest): Promise<number | undefined> {
  const sdb = schedulerDb(db);
  const inserted = await sdb
    .insertInto('job_run')
    .values({
      job: c.job,
      period_start: c.period.start,
      period_end: c.period.end,
      status: 'running',
      owner: c.owner,
      lease_until: c.leaseUntilIso,
      attempts: 1,
      started_at: c.nowIso,
      finished_at: null,
      error: null,
    })
    .onConflict((oc) => oc.columns(['job', 'period_start']).doNothing())
    .returning('attempts')
    .executeTakeFirst();
  if (inserted) return inserted.attempts;
  const taken = await sdb
    .updateTable('job_run')
    .set((eb) => ({
      status: 'running',
      owner: c.owner,
      lease_until: c.leaseUntilIso,
      attempts: eb('attempts', '+', 1),
      started_at: c.nowIso,
      finished_at: null,
    }))
    .where('job', '=', c.job)
    .where('period_start', '=', c.period.start)
    .where('status', 'in', ['running', 'failed'])
    .where('lease_until', '<', c.nowIso)
    .where('attempts', '<', c.maxAttempts)
    .returning('attempts')
    .executeTakeFirst();
  return taken?.attempts;
}

/** Extends the lease of a run this claim still holds; false when another runner has taken it over. */
export async function renewLease(db: Executor, claim: RunClaim, leaseUntilIso: string): Promise<boolean> {
  const r = await holding(db, claim).set({ lease_until: leaseUntilIso }).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How an attempt ended. */
export type RunOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'failed' | 'given_up'; readonly error: string };

/**
 * Records how an attempt ended, if this claim still holds the run; false when its lease passed and
 * another runner took the period over. A failed run keeps its lease: it is retried after it.
 */
export async function finishRun(
  db: Executor,
  claim: RunClaim,
  outcome: RunOutcome,
  nowIso: string,
): Promise<boolean> {
  const r = await holding(db, claim)
    .set(
      outcome.status === 'done'
        ? { status: 'done', finished_at: nowIso }
        : { ...outcome, finished_at: nowIso },
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Gives up a period whose lease has passed with no attempts left: a run left `running` records
 * `leaseError` (its runner stopped without finishing), a failed one keeps its own error. False when
 * another runner got there first.
 */
export async function giveUpRun(
  db: Executor,
  job: string,
  periodStart: string,
  maxAttempts: number,
  nowIso: string,
  leaseError: string,
): Promise<boolean> {
  const r = await schedulerDb(db)
    .updateTable('job_run')
    .set((eb) => ({
      status: 'given_up',
      finished_at: nowIso,
      error: eb.case().when('status', '=', 'running').then(leaseError).else(eb.ref('error')).end(),
    }))
    .where('job', '=', job)
    .where('period_start', '=', periodStart)
    .where('status', 'in', ['running', 'failed'])
    .where('lease_until', '<', nowIso)
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the finished runs (done or given up) of `job` whose period starts before `beforeIso`. */
export async function pruneRuns(db: Executor, job: string, beforeIso: string): Promise<number> {
  const r = await schedulerDb(db)
    .deleteFrom('job_run')
    .where('job', '=', job)
    .where('status', 'in', ['done', 'given_up'])
    .where('period_start', '<', beforeIso)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** An update of the run `claim` holds: its owner and attempt, still running. */
function holding(db: Executor, claim: RunClaim) {
  return schedulerDb(db)
    .updateTable('job_run')
    .where('job', '=', claim.job)
    .where('period_start', '=', claim.periodStart)
    .where('owner', '=', claim.owner)
    .where('attempts', '=', claim.attempt)
    .where('status', '=', 'running' satisfies JobRunStatus);
}
