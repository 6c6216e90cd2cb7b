/**
 * KRI periods in the console, as the server names them (`src/modules/warning/kri/periods.ts`): UTC
 * hours, days, ISO weeks from Monday and calendar months, each named by its start. The push form
 * offers the periods a value can still be given for: those after the latest evaluated one, up to
 * the period running now.
 */
import type { KriFrequency } from './types.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Start (ms) of the period of `frequency` containing `ms`. */
export function periodStartOf(frequency: KriFrequency, ms: number): number {
  switch (frequency) {
    case 'hourly':
      return Math.floor(ms / HOUR) * HOUR;
    case 'daily':
      return Math.floor(ms / DAY) * DAY;
    case 'weekly': {
      const day = Math.floor(ms / DAY) * DAY;
      return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
    }
    case 'monthly': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
  }
}

/** End (ms) of the period of `frequency` starting at `startMs`. */
export function periodEndOf(frequency: KriFrequency, startMs: number): number {
  switch (frequency) {
    case 'hourly':
      return startMs + HOUR;
    case 'daily':
      return startMs + DAY;
    case 'weekly':
      return startMs + 7 * DAY;
    case 'monthly': {
      const d = new Date(startMs);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** A period a value may be pushed for, and whether it has ended (only then can it be evaluated). */
export interface OpenPeriod {
  readonly start: string;
  readonly ended: boolean;
}

/**
 * The periods after `latestStart` (the latest evaluated period) up to and including the one running
 * at `nowMs`, the earliest `limit` of them since periods are evaluated in order. A KRI never evaluated
 * is offered the `limit` periods ending with the running one.
 */
export function pushablePeriods(
  frequency: KriFrequency,
  latestStart: string | null,
  nowMs: number,
  limit = 12,
): OpenPeriod[] {
  const current = periodStartOf(frequency, nowMs);
  let start: number;
  if (latestStart === null) {
    start = current;
    for (let i = 1; i < limit; i++) start = periodStartOf(frequency, start - 1);
  } else {
    start = periodEndOf(frequency, Date.parse(latestStart));
  }
  const out: OpenPeriod[] = [];
  while (start <= current && out.length < limit) {
    out.push({ start: new Date(start).toISOString(), ended: periodEndOf(frequency, start) <= nowMs });
    start = periodEndOf(frequency, start);
  }
  return out;
}
