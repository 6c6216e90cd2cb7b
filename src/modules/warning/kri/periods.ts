/**
 * The periods a KRI is measured over, by frequency, in UTC: an hour, a day (00:00 to 00:00), an ISO
 * 8601 week (Monday 00:00 to the next Monday) or a calendar month. A period is named by its start and
 * is half-open, [start, end). Hourly and daily periods line up with the scheduler's epoch-aligned
 * periods of the same length; weeks and months do not have a fixed length aligned on the epoch, so
 * their jobs run daily and evaluate a week or month on the day it has ended (see `job.ts`).
 */
import { isoUtc } from '../../../kernel/clock.js';

/** How often a KRI is evaluated. */
export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;

/** One of `FREQUENCIES`. */
export type Frequency = (typeof FREQUENCIES)[number];

/** Length of a period of each fixed-length frequency, in milliseconds; a month has none. */
export const PERIOD_MS: Readonly<Record<Frequency, number | null>> = {
  hourly: 3_600_000,
  daily: 86_400_000,
  weekly: 7 * 86_400_000,
  monthly: null,
};

/** One period: [start, end) in UTC ISO-8601 with milliseconds. */
export interface KriPeriod {
  readonly start: string;
  readonly end: string;
}

/** Whether `text` names a frequency. */
export function isFrequency(text: string): text is Frequency {
  return (FREQUENCIES as readonly string[]).includes(text);
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Start (ms) of the period of `frequency` containing the instant `ms`. */
export function periodStartOf(frequency: Frequency, ms: number): number {
  switch (frequency) {
    case 'hourly':
      return Math.floor(ms / HOUR) * HOUR;
    case 'daily':
      return Math.floor(ms / DAY) * DAY;
    case 'weekly': {
      const day = Math.floor(ms / DAY) * DAY;
      // 1970-01-01 was a Thursday: (getUTCDay() + 6) % 7 counts days since Monday.
      return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
    }
    case 'monthly': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** End (ms) of the period of `frequency` that starts at `startMs`. */
export function periodEndOf(frequency: Frequency, startMs: number): number {
  if (frequency === 'monthly') {
    const d = new Date(startMs);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return startMs + (PERIOD_MS[frequency] as number);
}

/** The period of `frequency` containing the instant `ms`. */
export function periodContaining(frequency: Frequency, ms: number): KriPeriod {
  const start = periodStartOf(frequency, ms);
  return { start: isoUtc(start), end: isoUtc(periodEndOf(frequency, start)) };
}

/** The period that starts at `start`, or why `start` cannot start a period of `frequency`. */
export function periodStartingAt(
  frequency: Frequency,
  start: string,
): { ok: true; period: KriPeriod } | { ok: false; message: string } {
  const ms = Date.parse(start);
  if (!Number.isFinite(ms)) return { ok: false, message: `${JSON.stringify(start)} is not a time` };
  if (periodStartOf(frequency, ms) !== ms) {
    const rule = {
      hourly: 'the start of an hour (UTC)',
      daily: '00:00 UTC',
      weekly: 'a Monday 00:00 UTC',
      monthly: 'the first day of a month, 00:00 UTC',
    }[frequency];
    return { ok: false, message: `a ${frequency} period starts at ${rule}, not ${isoUtc(ms)}` };
  }
  return { ok: true, period: { start: isoUtc(ms), end: isoUtc(periodEndOf(frequency, ms)) } };
}

/** The latest period of `frequency` that has ended at `nowMs` (its end is at or before now). */
export function lastEndedPeriod(frequency: Frequency, nowMs: number): KriPeriod {
  const current = periodStartOf(frequency, nowMs);
  return periodContaining(frequency, current - 1);
}

/** The `count` periods of `frequency` ending with `last`, oldest first. */
export function periodsUpTo(frequency: Frequency, last: KriPeriod, count: number): KriPeriod[] {
  const out: KriPeriod[] = [];
  let start = Date.parse(last.start);
  for (let i = 0; i < count; i++) {
    out.push({ start: isoUtc(start), end: isoUtc(periodEndOf(frequency, start)) });
    start = periodStartOf(frequency, start - 1);
  }
  return out.reverse();
}
