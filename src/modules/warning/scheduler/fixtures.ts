/**
 * Test support for the scheduler tests (kept out of the build): a log that records what it is told,
 * promises the test settles by hand, jobs that record the periods they ran, and a second connection
 * to a test database, so that two schedulers meet only through the database as two processes would.
 */

import type { TestDatabase } from '../../../../test/support/databases.js';
import { ManualClock } from '../../../kernel/clock.js';
import { openStore, type Store } from '../../../store/database.js';
import type { Executor } from '../../../store/transaction.js';
import type { JobDefinition, JobPeriod } from './job.js';
import { Scheduler } from './scheduler.js';
import type { SchedulerDeps, SchedulerLog } from './scheduler-options.js';
import { schedulerDb } from './tables.js';

/** One line the recording log was given. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly details: Record<string, unknown>;
  readonly message: string;
}

/** A log that keeps every line, for assertions. */
export function recordingLog(): SchedulerLog & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (details: object, message: string): void => {
      lines.push({ level, details: details as Record<string, unknown>, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A promise with its resolve and reject in hand. */
export function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every other ready callback run first, so that concurrent passes interleave. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** A job that records `job@start by owner` for every period it runs, after yielding once. */
export function recordingJob(
  name: string,
  everyMs: number,
  owner: string,
  ran: string[],
  work: (period: JobPeriod) => Promise<void> = nextTurn,
): JobDefinition {
  return {
    name,
    everyMs,
    async run(period) {
      await work(period);
      ran.push(`${name}@${period.start} by ${owner}`);
    },
  };
}

/** The `job@start` part of recorded runs, without who ran them. */
export function periodsOf(ran: readonly string[]): string[] {
  return ran.map((r) => r.split(' by ')[0] ?? r);
}

/** Two scheduler instances on two connections to one test database, with one manual clock. */
export interface Pair {
  readonly clock: ManualClock;
  readonly log: ReturnType<typeof recordingLog>;
  readonly a: Scheduler;
  readonly b: Scheduler;
  readonly second: Store;
}

/** Opens a second connection to `t` and builds instances `a` and `b` with `settings`. */
export async function schedulerPair(
  t: TestDatabase,
  start: string,
  settings: Partial<Omit<SchedulerDeps, 'db' | 'clock' | 'log' | 'owner'>> = {},
): Promise<Pair> {
  const clock = new ManualClock(start);
  const log = recordingLog();
  const second = await openStore(t.url);
  const a = new Scheduler({ db: t.store.db, clock, log, owner: 'a', ...settings });
  const b = new Scheduler({ db: second.db, clock, log, owner: 'b', ...settings });
  return { clock, log, a, b, second };
}

/** Empties `job_run`, so that the tests of one file can share one database. */
export async function clearRuns(db: Executor): Promise<void> {
  await schedulerDb(db).deleteFrom('job_run').execute();
}
