/**
 * The compact event series of one (stream, subject key), shared by {@link InMemoryWindowStore} and the
 * decision engine's fast path. Millions of keys each hold a few events, so a series is two plain
 * arrays grown geometrically from two slots (a JS array grown by `push` reserves 17 slots on its first
 * growth, ~150 bytes for a key holding two events), and the values array exists only once a non-null
 * value arrives (count and since_last streams never allocate it). Events occupy slots
 * [head, head + n): dropping the oldest only advances `head`, so a key at its cap does not copy its
 * whole history on every event.
 */
import { aggregateRange } from './aggregate.js';
import type { EventValue } from './counter-store.js';
import type { FeatureDefinition } from './feature.js';

/**
 * One subject's events on one stream, sorted by time (ties in arrival order). Slots 0 and 1 of
 * `times` hold the key's newest observed time and the latest dropped time: as array slots they cost
 * no heap object of their own (a double property of an object is boxed).
 */
export interface KeySeries {
  /** [newest, droppedUpTo, …event times in slots [head, head + n)]; other slots are stale. */
  times: number[];
  /** Values parallel to `times`, or null while every value held is null. */
  values: EventValue[] | null;
  head: number;
  n: number;
}

/** Slot of the latest time observed for the key (kept after an `unobserve` of that event). */
export const NEWEST = 0;
/** Slot of the latest time of an event dropped by pruning or the cap (−∞ when none). */
export const DROPPED_UP_TO = 1;
/** First event slot. */
const HEADER = 2;

/** A new empty series. */
export function newSeries(): KeySeries {
  // Room for two events: most keys never hold more (a literal of doubles is one exact-size array).
  const times = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, Number.NaN];
  return { times, values: null, head: HEADER, n: 0 };
}

/** First index i in [lo, hi) of sorted `times` with times[i] > x, or hi. */
export function upperBoundIn(times: readonly number[], lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Array of `cap` slots, all filled (so that V8 never meets a hole in it). */
function slots<T>(cap: number, fill: T): T[] {
  const a = new Array<T>(cap);
  for (let i = 0; i < cap; i++) a[i] = fill;
  return a;
}

/** Moves the events to the first event slot of arrays with room for at least `need` events. */
function reserve(s: KeySeries, need: number): void {
  const cap = s.times.length;
  if (s.head + need <= cap) return;
  const { head, n } = s;
  if (HEADER + need <= cap && head - HEADER >= (cap - HEADER) >>> 1) {
    // Half the slots are dropped events: slide the live ones down instead of growing.
    const { times, values } = s;
    for (let i = 0; i < n; i++) times[HEADER + i] = times[head + i] as number;
    if (values !== null) {
      for (let i = 0; i < n; i++) values[HEADER + i] = values[head + i] as EventValue;
      for (let i = HEADER + n; i < head + n; i++) values[i] = null;
    }
    s.head = HEADER;
    return;
  }
  const next = HEADER + Math.max(2, (cap - HEADER) * 2, need);
  const times = slots(next, Number.NaN);
  times[NEWEST] = s.times[NEWEST] as number;
  times[DROPPED_UP_TO] = s.times[DROPPED_UP_TO] as number;
  for (let i = 0; i < n; i++) times[HEADER + i] = s.times[head + i] as number;
  s.times = times;
  if (s.values !== null) {
    const values = slots<EventValue>(next, null);
    for (let i = 0; i < n; i++) values[HEADER + i] = s.values[head + i] as EventValue;
    s.values = values;
  }
  s.head = HEADER;
}

/** Inserts an event after every held event with time ≤ `time` (late events placed by their time). */
export function insertEvent(s: KeySeries, time: number, value: EventValue): void {
  reserve(s, s.n + 1);
  if (value !== null && s.values === null) s.values = slots<EventValue>(s.times.length, null);
  const { times, values } = s;
  const end = s.head + s.n;
  const at = upperBoundIn(times, s.head, end, time);
  for (let i = end; i > at; i--) times[i] = times[i - 1] as number;
  times[at] = time;
  if (values !== null) {
    for (let i = end; i > at; i--) values[i] = values[i - 1] as EventValue;
    values[at] = value;
  }
  s.n++;
}

/** Drops the `k` oldest events. */
export function dropOldest(s: KeySeries, k: number): void {
  if (s.values !== null) for (let i = s.head; i < s.head + k; i++) s.values[i] = null;
  s.head += k;
  s.n -= k;
  if (s.n === 0) s.head = HEADER;
}

/** Removes the event at absolute slot `i`. */
export function removeAt(s: KeySeries, i: number): void {
  const { times, values } = s;
  const end = s.head + s.n;
  for (let j = i; j < end - 1; j++) times[j] = times[j + 1] as number;
  if (values !== null) {
    for (let j = i; j < end - 1; j++) values[j] = values[j + 1] as EventValue;
    values[end - 1] = null;
  }
  s.n--;
  if (s.n === 0) s.head = HEADER;
}

/** A feature's value and truncation, written in place by {@link evaluateSeries} (no allocation). */
export interface SeriesResult {
  value: number | null;
  truncated: boolean;
}

/**
 * Evaluates `feature` over the events of `s` (undefined: none) in (t − windowMs, t], plus the current
 * value when `hasCurrent` and the feature includes it; see window-store.ts for the exact semantics.
 */
export function evaluateSeries(
  s: KeySeries | undefined,
  feature: FeatureDefinition,
  t: number,
  hasCurrent: boolean,
  current: EventValue,
  out: SeriesResult,
): void {
  const start = t - feature.windowMs;
  const extra = hasCurrent && feature.includeCurrent;
  if (s === undefined) {
    out.truncated = false;
    out.value =
      feature.aggregate === 'count'
        ? extra
          ? 1
          : 0
        : feature.aggregate === 'since_last'
          ? null
          : aggregateRange(feature.aggregate, null, 0, 0, extra, current);
    return;
  }
  const end = s.head + s.n;
  const lo = upperBoundIn(s.times, s.head, end, start);
  const hi = upperBoundIn(s.times, lo, end, t);
  out.truncated = (s.times[DROPPED_UP_TO] as number) > start;
  switch (feature.aggregate) {
    case 'count':
      out.value = hi - lo + (extra ? 1 : 0);
      return;
    case 'since_last':
      out.value = hi > lo ? t - (s.times[hi - 1] as number) : null;
      return;
    default:
      out.value = aggregateRange(feature.aggregate, s.values, lo, hi, extra, current);
  }
}
