/**
 * Options of a simulation, their defaults and their limits. Problems are returned as values naming
 * the option, so the CLI can name its flag and the library can refuse a bad call in one message.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import { DEFAULT_LATE_FRACTION, DEFAULT_RATES, PATTERNS, type Pattern } from './model.js';

/** What to simulate. */
export interface SimulateOptions {
  /** How many events to produce (late ones included). */
  readonly events: number;
  /** The seed: the same seed and options give the same stream, byte for byte. */
  readonly seed: number;
  /** Time of the platform's opening, the stream's beginning; default {@link DEFAULT_START}. */
  readonly start?: Date;
  /** Share of all events per fraud pattern; unspecified patterns keep {@link DEFAULT_RATES}. */
  readonly rates?: Partial<Record<Pattern, number>>;
  /** Share of events that arrive late, out of time order by at most a few seconds. */
  readonly lateFraction?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly events: number;
  readonly seed: number;
  readonly startMs: number;
  readonly rates: Readonly<Record<Pattern, number>>;
  readonly lateFraction: number;
}

/** A fixed default start, so that a stream never depends on when it was generated. */
export const DEFAULT_START = new Date('2025-01-01T00:00:00.000Z');

/** Largest stream one call produces. */
export const MAX_EVENTS = 1_000_000_000;

/** Largest rate of one pattern, of all patterns together, and of late arrivals. */
export const MAX_PATTERN_RATE = 0.2;
export const MAX_TOTAL_RATE = 0.5;
export const MAX_LATE_FRACTION = 0.05;

const EARLIEST_START = Date.UTC(1990, 0, 1);
const LATEST_START = Date.UTC(2200, 0, 1);

/** Every problem with `options`, each naming the option (`rates.bust_out`). */
export function simulateOptionProblems(options: SimulateOptions): ErrorField[] {
  const problems: ErrorField[] = [];
  const { events, seed, start, rates = {}, lateFraction } = options;
  if (!Number.isInteger(events) || events < 1 || events > MAX_EVENTS)
    problems.push({ path: 'events', message: `must be an integer from 1 to ${MAX_EVENTS}` });
  if (!Number.isSafeInteger(seed) || seed < 0)
    problems.push({ path: 'seed', message: `must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}` });
  if (start !== undefined) {
    const t = start.getTime();
    if (!(t >= EARLIEST_START && t < LATEST_START))
      problems.push({ path: 'start', message: 'must be a valid time between 1990 and 2200' });
  }
  let total = 0;
  for (const [name, rate] of Object.entries(rates)) {
    if (!(PATTERNS as readonly string[]).includes(name)) {
      problems.push({ path: `rates.${name}`, message: `is not a pattern (one of ${PATTERNS.join(', ')})` });
    } else if (typeof rate !== 'number' || !(rate >= 0 && rate <= MAX_PATTERN_RATE)) {
      problems.push({ path: `rates.${name}`, message: `must be a number from 0 to ${MAX_PATTERN_RATE}` });
    }
  }
  for (const p of PATTERNS) total += rates[p] ?? DEFAULT_RATES[p];
  if (problems.length === 0 && total > MAX_TOTAL_RATE)
    problems.push({
      path: 'rates',
      message: `must add up to at most ${MAX_TOTAL_RATE} (they add up to ${total})`,
    });
  if (lateFraction !== undefined && !(lateFraction >= 0 && lateFraction <= MAX_LATE_FRACTION))
    problems.push({ path: 'lateFraction', message: `must be a number from 0 to ${MAX_LATE_FRACTION}` });
  return problems;
}

/** Applies the defaults; throws a RangeError naming every problem (a bad call is a caller's bug). */
export function resolveOptions(options: SimulateOptions): ResolvedOptions {
  const problems = simulateOptionProblems(options);
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.path} ${p.message}`).join('; '));
  const rates = Object.fromEntries(PATTERNS.map((p) => [p, options.rates?.[p] ?? DEFAULT_RATES[p]]));
  return {
    events: options.events,
    seed: options.seed,
    startMs: (options.start ?? DEFAULT_START).getTime(),
    rates: rates as Record<Pattern, number>,
    lateFraction: options.lateFraction ?? DEFAULT_LATE_FRACTION,
  };
}
