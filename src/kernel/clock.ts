/**
 * Time as a dependency. Services never call `Date.now()` themselves, so that expiry, escalation and
 * windows can be tested with a clock the test moves.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** A clock that only moves when told to; for tests and replays. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: number | string = '2026-01-01T00:00:00.000Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Sets the clock to an absolute time. */
  set(at: number | string): void {
    this.current = typeof at === 'number' ? at : Date.parse(at);
  }
}

let lastMs = Number.NaN;
let lastIso = '';

/** UTC ISO-8601 with milliseconds, the only timestamp format stored by Fengkong. */
export function isoUtc(ms: number): string {
  // A busy server asks for the same millisecond many times (every decision stamps several rows):
  // the last answer is kept.
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
