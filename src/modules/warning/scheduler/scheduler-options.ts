/** What a {@link Scheduler} takes, its defaults, and the checks on both. */
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import { randomToken } from '../../../kernel/ids.js';
import type { Database } from '../../../store/schema.js';
import type { JobDefinition } from './job.js';
import type { SchedulerMetrics } from './metrics.js';

/** Where the scheduler reports (a pino logger fits). */
export interface SchedulerLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Dependencies and settings of one scheduler instance (one per server process). */
export interface SchedulerDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: SchedulerLog;
  /** This instance's name in `job_run.owner`; default `host/pid/random`, unique per process. */
  readonly owner?: string;
  /** How long a claim holds before another runner may take the period over (default 5 minutes). */
  readonly leaseMs?: number;
  /** Milliseconds between passes once started (default 1 second). */
  readonly tickMs?: number;
  /** How many of the most recent ended periods a pass considers (default 1); see {@link JobOptions}. */
  readonly catchUp?: number;
  /** Attempts of one period, first run included, before it is given up (default 3). */
  readonly maxAttempts?: number;
  /** How long a run may go on being renewed (default 1 hour); past it, it is treated as hung. */
  readonly maxRunMs?: number;
  /** How long finished runs are kept in `job_run` (default 30 days). */
  readonly retentionMs?: number;
  readonly metrics?: SchedulerMetrics;
}

/** Per-job settings given to `register`. */
export interface JobOptions {
  /**
   * How many of the most recent ended periods this job considers (default: the scheduler's). A new
   * job starts with that many periods back (1: only the period that just ended); after every
   * process was down, periods older than that are skipped, with a warning.
   */
  readonly catchUp?: number;
}

/** The settings with defaults applied. */
export interface SchedulerSettings {
  readonly owner: string;
  readonly leaseMs: number;
  readonly tickMs: number;
  readonly catchUp: number;
  readonly maxAttempts: number;
  readonly maxRunMs: number;
  readonly retentionMs: number;
}

/** The defaults of the settings. */
export const SCHEDULER_DEFAULTS = Object.freeze({
  leaseMs: 5 * 60_000,
  tickMs: 1000,
  catchUp: 1,
  maxAttempts: 3,
  maxRunMs: 60 * 60_000,
  retentionMs: 30 * 86_400_000,
});

/** Applies the defaults and checks every setting; a RangeError names the first one out of range. */
export function schedulerSettings(deps: SchedulerDeps): SchedulerSettings {
  const owner = deps.owner ?? `${hostname()}/${process.pid}/${randomToken(4)}`;
  if (owner.length === 0 || owner.length > 200) {
    throw new RangeError('scheduler owner must be 1 to 200 characters');
  }
  const leaseMs = whole('leaseMs', deps.leaseMs ?? SCHEDULER_DEFAULTS.leaseMs, 1000);
  return {
    owner,
    leaseMs,
    tickMs: whole('tickMs', deps.tickMs ?? SCHEDULER_DEFAULTS.tickMs, 10),
    catchUp: catchUpOf(deps.catchUp ?? SCHEDULER_DEFAULTS.catchUp),
    maxAttempts: whole('maxAttempts', deps.maxAttempts ?? SCHEDULER_DEFAULTS.maxAttempts, 1),
    maxRunMs: whole('maxRunMs', deps.maxRunMs ?? Math.max(SCHEDULER_DEFAULTS.maxRunMs, leaseMs), leaseMs),
    retentionMs: whole('retentionMs', deps.retentionMs ?? SCHEDULER_DEFAULTS.retentionMs, 0),
  };
}

/** The largest catch-up window, in periods: a pass walks the window, so it stays bounded. */
export const MAX_CATCH_UP = 10_000;

/** Checks a catch-up setting. */
export function catchUpOf(value: number): number {
  return whole('catchUp', value, 1, MAX_CATCH_UP);
}

/** Periods of at most a leap year, so that period boundaries stay far inside the date range. */
const MAX_EVERY_MS = 366 * 86_400_000;

/** Checks a job definition before it is registered. */
export function checkJob(job: JobDefinition): void {
  if (!/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$/.test(job.name) || job.name.length > 100) {
    throw new RangeError(
      `job name ${JSON.stringify(job.name)} must be dotted lowercase words, module first (e.g. kri.evaluate), at most 100 characters`,
    );
  }
  whole(`everyMs of job ${job.name}`, job.everyMs, 1000, MAX_EVERY_MS);
}

function whole(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}
