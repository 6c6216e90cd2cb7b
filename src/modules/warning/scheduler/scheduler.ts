/**
 * The in-process scheduler: runs each registered job once per period (see `job.ts`), across every
 * server process that shares the database, with leases stored in `job_run`.
 *
 * Guarantees. A period that finished is recorded `done` in one conditional statement and is never
 * run again, by any process, also after restarts (exactly once for work that finished). A claim is
 * won by inserting the period's row (the primary key picks one winner) or by taking over a row whose
 * lease has passed while it was still `running` (its runner crashed) or after it `failed`, so work
 * that did not finish runs again (at least once). Renewal: every pass renews the leases of this
 * process's runs that are half spent, so a live runner keeps its period; a run going on longer than
 * `maxRunMs` is treated as hung and no longer renewed. A run that outlives its lease (the process
 * was paused, or hung) may meet a second runner of the same period; its late result is refused and
 * reported as `lost`, so jobs should write per-period results idempotently.
 *
 * Failures: a job that throws leaves its period `failed` with the message; it is retried once its
 * lease has passed, up to `maxAttempts` attempts in all (default 3), then `given_up`. Each failure
 * is logged with the job name and period.
 *
 * Which periods: a pass considers the `catchUp` most recent ended periods of each job (default 1)
 * and runs those without a row, oldest first, plus any older period still open. A new job starts
 * with the period that has just ended; after every process was down, periods older than the window
 * are skipped with a warning. Within a process one job's periods run one after another; different
 * jobs run side by side; two processes may run two periods of one job at the same time.
 *
 * Clocks: processes compare their own clocks with stored lease times (a lease holds up to and
 * including `lease_until`), so clocks should agree to within half a lease (NTP does far better);
 * renewal keeps at least half a lease in hand. Cost: each pass reads one indexed range of `job_run`
 * per job, and writes only when a period is due or a lease needs renewing.
 */
import { isoUtc } from '../../../kernel/clock.js';
import { duePeriods } from './due-periods.js';
import type { JobDefinition, JobPeriod } from './job.js';
import { recentPeriods } from './periods.js';
import * as repo from './repo.js';
import {
  catchUpOf,
  checkJob,
  type JobOptions,
  type SchedulerDeps,
  type SchedulerSettings,
  schedulerSettings,
} from './scheduler-options.js';

/** A registered job and its per-job state. */
interface Entry {
  readonly job: JobDefinition;
  readonly catchUp: number;
  prunedAtMs: number;
}

/** The run of one period in progress in this process. */
interface Flight {
  readonly claim: repo.RunClaim;
  readonly period: JobPeriod;
  readonly startedMs: number;
  leaseUntilMs: number;
  lost: boolean;
}

/** The work of one job in this process: one pass over its due periods, one period at a time. */
interface Lane {
  flight: Flight | undefined;
  /** Set when its run hung past `maxRunMs`: the lane no longer counts as this job's work. */
  abandoned: boolean;
  done: Promise<number>;
}

/** How often each job's old finished runs are pruned. */
const PRUNE_EVERY_MS = 3_600_000;
/** Stored error messages are cut to this many characters. */
const MAX_ERROR_CHARS = 2000;

/** Runs registered jobs once per period across processes; see the file comment for the guarantees. */
export class Scheduler {
  /** This instance's name in `job_run.owner`. */
  readonly owner: string;
  readonly #deps: SchedulerDeps;
  readonly #s: SchedulerSettings;
  readonly #jobs = new Map<string, Entry>();
  readonly #lanes = new Map<string, Lane>();
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<void> | undefined;
  #draining = false;
  #wake: () => void = () => undefined;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
    this.#s = schedulerSettings(deps);
    this.owner = this.#s.owner;
  }

  /** Adds a job; throws a RangeError for a bad name or period, or a name already registered. */
  register(job: JobDefinition, options: JobOptions = {}): void {
    checkJob(job);
    if (this.#jobs.has(job.name)) throw new RangeError(`job ${job.name} is already registered`);
    const catchUp = catchUpOf(options.catchUp ?? this.#s.catchUp);
    this.#jobs.set(job.name, { job, catchUp, prunedAtMs: Number.NEGATIVE_INFINITY });
  }

  /** Starts a pass now and every `tickMs` (a timer that does not keep the process alive). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.#tick(), this.#s.tickMs);
    this.#timer.unref();
    this.#tick();
  }

  /**
   * Stops starting runs and waits for the runs in flight (their leases are still renewed meanwhile);
   * a run abandoned as hung is not waited for. The scheduler can be started again afterwards.
   */
  async stop(): Promise<void> {
    this.#draining = true;
    try {
      await this.#ticking;
      while (this.#lanes.size > 0) {
        const woken = new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        await Promise.race([Promise.all([...this.#lanes.values()].map((l) => l.done)), woken]);
      }
    } finally {
      clearInterval(this.#timer);
      this.#timer = undefined;
      this.#draining = false;
    }
  }

  /**
   * One pass: renews this process's leases, then runs every due period of every job that has no run
   * in flight here, and waits for them. Returns how many periods it ran (done or failed). This is
   * what each tick does; tests call it under a `ManualClock`.
   */
  async runDue(): Promise<number> {
    const counts = await Promise.all(await this.#launch());
    return counts.reduce((a, b) => a + b, 0);
  }

  #tick(): void {
    if (this.#ticking) return;
    const work = this.#draining ? this.#renewLeases() : this.#launch().then(() => undefined);
    this.#ticking = work
      .catch((error: unknown) =>
        this.#deps.log.error({ err: error }, 'scheduler tick failed; the next tick retries'),
      )
      .finally(() => {
        this.#ticking = undefined;
      });
  }

  async #launch(): Promise<Promise<number>[]> {
    await this.#renewLeases();
    if (this.#draining) return [];
    const started: Promise<number>[] = [];
    for (const entry of this.#jobs.values()) {
      if (this.#lanes.has(entry.job.name)) continue;
      const lane: Lane = { flight: undefined, abandoned: false, done: Promise.resolve(0) };
      this.#lanes.set(entry.job.name, lane);
      lane.done = this.#runLane(entry, lane);
      started.push(lane.done);
    }
    return started;
  }

  async #runLane(entry: Entry, lane: Lane): Promise<number> {
    const { db, clock } = this.#deps;
    let ran = 0;
    try {
      const due = await duePeriods({
        db,
        log: this.#deps.log,
        job: entry.job.name,
        everyMs: entry.job.everyMs,
        catchUp: entry.catchUp,
        maxAttempts: this.#s.maxAttempts,
        nowMs: clock.now(),
      });
      for (const period of due) {
        if (this.#draining || lane.abandoned) break;
        const now = clock.now();
        const attempt = await repo.claimRun(db, {
          job: entry.job.name,
          period,
          owner: this.owner,
          nowIso: isoUtc(now),
          leaseUntilIso: isoUtc(now + this.#s.leaseMs),
          maxAttempts: this.#s.maxAttempts,
        });
        if (attempt === undefined) continue;
        await this.#attempt(entry.job, lane, period, attempt, now);
        ran++;
      }
      await this.#pruneIfDue(entry);
    } catch (error) {
      this.#deps.log.error(
        { job: entry.job.name, err: error },
        'scheduling a job failed (is the database reachable?); the next pass retries',
      );
    } finally {
      if (this.#lanes.get(entry.job.name) === lane) this.#lanes.delete(entry.job.name);
    }
    return ran;
  }

  /** Runs one claimed period and records how it ended, if the claim still holds. */
  async #attempt(
    job: JobDefinition,
    lane: Lane,
    period: JobPeriod,
    attempt: number,
    startedMs: number,
  ): Promise<void> {
    const { db, clock, log, metrics } = this.#deps;
    const claim: repo.RunClaim = { job: job.name, periodStart: period.start, owner: this.owner, attempt };
    lane.flight = { claim, period, startedMs, leaseUntilMs: startedMs + this.#s.leaseMs, lost: false };
    let failure: { error: unknown } | undefined;
    try {
      await job.run(period);
    } catch (error) {
      failure = { error };
    } finally {
      lane.flight = undefined;
    }
    const now = clock.now();
    const outcome: repo.RunOutcome =
      failure === undefined
        ? { status: 'done' }
        : {
            status: attempt >= this.#s.maxAttempts ? 'given_up' : 'failed',
            error: messageOf(failure.error),
          };
    const held = await repo.finishRun(db, claim, outcome, isoUtc(now));
    const where = { job: job.name, periodStart: period.start, periodEnd: period.end, attempt };
    if (failure !== undefined) {
      log.error(
        { ...where, err: failure.error },
        outcome.status === 'given_up'
          ? 'scheduled job failed with no attempts left; the period is given up'
          : 'scheduled job failed; the period is retried once its lease has passed',
      );
    }
    if (!held) {
      log.warn(where, 'the lease passed to another runner before this run finished; its result is dropped');
    }
    metrics?.observeRun(job.name, held ? outcome.status : 'lost', (now - startedMs) / 1000);
  }

  /** Renews the half-spent leases of this process's runs, and abandons runs gone on past `maxRunMs`. */
  async #renewLeases(): Promise<void> {
    const { db, clock, log } = this.#deps;
    const now = clock.now();
    for (const [name, lane] of [...this.#lanes]) {
      const flight = lane.flight;
      if (!flight || flight.lost) continue;
      const where = { job: name, periodStart: flight.period.start, attempt: flight.claim.attempt };
      if (now - flight.startedMs >= this.#s.maxRunMs) {
        lane.abandoned = true;
        this.#lanes.delete(name);
        this.#wake();
        log.error(
          where,
          'a job run went on past maxRunMs; its lease is no longer renewed and will be taken over',
        );
        continue;
      }
      if (flight.leaseUntilMs - now > this.#s.leaseMs / 2) continue;
      const until = now + this.#s.leaseMs;
      try {
        if (await repo.renewLease(db, flight.claim, isoUtc(until))) flight.leaseUntilMs = until;
        else {
          flight.lost = true;
          log.warn(where, 'the lease of a running job period passed to another runner');
        }
      } catch (error) {
        log.error({ ...where, err: error }, 'renewing a job lease failed; the next pass retries');
      }
    }
  }

  /** Deletes a job's finished runs past retention, at most once an hour, never inside its window. */
  async #pruneIfDue(entry: Entry): Promise<void> {
    const now = this.#deps.clock.now();
    if (now - entry.prunedAtMs < PRUNE_EVERY_MS) return;
    entry.prunedAtMs = now;
    const { first } = recentPeriods(now, entry.job.everyMs, entry.catchUp);
    const before = Math.max(0, Math.min((first - 1) * entry.job.everyMs, now - this.#s.retentionMs));
    const deleted = await repo.pruneRuns(this.#deps.db, entry.job.name, isoUtc(before));
    if (deleted > 0) {
      this.#deps.log.info(
        { job: entry.job.name, deleted, before: isoUtc(before) },
        'pruned finished job runs',
      );
    }
  }
}

/** The message of a thrown value, cut to what the `error` column keeps. */
function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
