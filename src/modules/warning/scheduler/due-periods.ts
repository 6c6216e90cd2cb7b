/**
 * Which periods of one job a pass may run. Two sources: the `catchUp` most recent ended periods
 * that have no run yet, and older periods still open (running or failed) whose lease has passed.
 * Open periods with no attempts left are given up here instead.
 */
import type { Kysely } from 'kysely';
import { isoUtc } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import { JobLeaseExpired } from './errors.js';
import type { JobPeriod } from './job.js';
import { jobPeriod, periodIndex, recentPeriods } from './periods.js';
import * as repo from './repo.js';
import type { SchedulerLog } from './scheduler-options.js';

/** What the search needs: the job, its window, the attempt limit and the time of the pass. */
export interface DueQuery {
  readonly db: Kysely<Database>;
  readonly log: SchedulerLog;
  readonly job: string;
  readonly everyMs: number;
  readonly catchUp: number;
  readonly maxAttempts: number;
  readonly nowMs: number;
}

/** Stored as the error of a period given up because its runners kept stopping without finishing. */
const LEASE_ERROR = `${JobLeaseExpired.definition.code}: ${JobLeaseExpired.definition.title.en}`;

/**
 * The periods of a job this pass may run, oldest first. Logs when a new job starts, and warns when
 * periods older than the window were never run (every process was down longer than the window).
 */
export async function duePeriods(q: DueQuery): Promise<JobPeriod[]> {
  const { db, log, job, everyMs } = q;
  const nowIso = isoUtc(q.nowMs);
  const { first, last } = recentPeriods(q.nowMs, everyMs, q.catchUp);
  // One period before the window too: its row shows that nothing was skipped.
  const fromIso = jobPeriod(first - 1, everyMs).start;
  const rows = await repo.runsToConsider(db, job, fromIso);
  const due: JobPeriod[] = [];
  for (const r of rows) {
    // A lease holds up to and including `lease_until`.
    if ((r.status !== 'running' && r.status !== 'failed') || r.lease_until >= nowIso) continue;
    if (r.attempts < q.maxAttempts) due.push({ start: r.period_start, end: r.period_end });
    else if (await repo.giveUpRun(db, job, r.period_start, q.maxAttempts, nowIso, LEASE_ERROR)) {
      log.error(
        { job, periodStart: r.period_start, periodEnd: r.period_end, attempts: r.attempts },
        'gave up a job period: its runs stopped without finishing as many times as attempts allow',
      );
    }
  }
  const known = new Set(rows.map((r) => r.period_start));
  for (let k = first; k <= last; k++) {
    const period = jobPeriod(k, everyMs);
    if (!known.has(period.start)) due.push(period);
  }
  if (!rows.some((r) => r.period_start >= fromIso)) {
    const latest = await repo.latestRunBefore(db, job, fromIso);
    const details = { job, firstPeriod: jobPeriod(first, everyMs).start };
    if (latest === undefined) log.info(details, 'a new scheduled job starts');
    else {
      const skipped = first - periodIndex(Date.parse(latest), everyMs) - 1;
      log.warn({ ...details, skipped, after: latest }, 'periods older than the catch-up window are skipped');
    }
  }
  return due.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
