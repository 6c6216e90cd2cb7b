/**
 * Period arithmetic of the scheduler. Periods of a job are `[k·everyMs, (k+1)·everyMs)` for every
 * integer k, aligned on the Unix epoch, so every process computes the same boundaries without
 * talking to the others; period k is due once it has ended, i.e. when `(k+1)·everyMs <= now`.
 */
import { isoUtc } from '../../../kernel/clock.js';
import type { JobPeriod } from './job.js';

/** The index k of the period of length `everyMs` that contains the instant `ms`. */
export function periodIndex(ms: number, everyMs: number): number {
  return Math.floor(ms / everyMs);
}

/** Period `index` of a job with periods of `everyMs`, as RFC 3339 UTC boundaries. */
export function jobPeriod(index: number, everyMs: number): JobPeriod {
  return { start: isoUtc(index * everyMs), end: isoUtc((index + 1) * everyMs) };
}

/** An inclusive range of period indexes. */
export interface PeriodRange {
  readonly first: number;
  readonly last: number;
}

/**
 * The periods a pass at `nowMs` may run: the `catchUp` most recent periods that have ended. The
 * period containing `nowMs` has not ended, so the last one is the period just before it.
 */
export function recentPeriods(nowMs: number, everyMs: number, catchUp: number): PeriodRange {
  const last = periodIndex(nowMs, everyMs) - 1;
  return { first: last - catchUp + 1, last };
}
