/**
 * The compact event series of one (stream, subject key), shared by {@link InMemoryWindowStore} and the
 * decision engine's fast path. Millions of keys each hold a few events, so a series is two plain
 * arrays grown geometrically from two slots (a JS array grown by `push` reserves 17 slots on its first
 * growth, ~150 bytes for a key holding two events), and the values array exists only once a non-null
 * value arrives (count and since_last streams never allocate it). Events occupy slots
 * [head, head + n): dropping the oldest only advances `head`, so a key at its cap does not copy its
 * whole history on every event.
 *
 * The two arrays sit directly in the record of the subject in its group's {@link SubjectIndex}
 * (times at an even offset after the key, values right after), with the bookkeeping numbers in the
 * header slots of `times`: no object per series, and none per subject besides its key. At a million
 * keys and more, each object less is one cache miss less per lookup and one object less for the
 * garbage collector to copy when the key is new (profiling the decision bench: the store's lookups and
 * the young-generation collections of its new keys were most of a decision).
 */
import { aggregateRange } from './aggregate.js';
import type { EventValue } from './counter-store.js';
import type { FeatureDefinition } from './feature.js';

/**
 * One subject's event times on one stream, sorted (ties in arrival order), after a header:
 * [newest, droppedUpTo, head, n, …event times in slots [head, head + n)]; other slots are stale.
 * Header values as array slots cost no heap object of their own (a double property of an object is
 * boxed).
 */
export type Times = number[];
/** Values parallel to {@link Times}, or null while every value held is null. */
export type Values = EventValue[] | null;

/**
 * The records of a group's subjects ({@link SubjectIndex.records}): each subject's key, then per
 * stream of the group its times (undefined until the stream observes the subject) and its values.
 * The functions here take the records and `at`, the index of one series' times in them.
 */
export type SubjectSeries = (string | Times | Values | undefined)[];

/** Slot of the latest time observed for the key (kept after an `unobserve` of that event). */
export const NEWEST = 0;
/** Slot of the latest time of an event dropped by pruning or the cap (−∞ when none). */
export const DROPPED_UP_TO = 1;
/** Slot of the index of the first held event. */
const HEAD = 2;
/** Slot of the number of held events. */
const COUNT = 3;
/** First event slot. */
const HEADER = 4;

/** The slots of a subject new to a group of `streams` streams: no series observed yet. */
export function blankSeries(streams: number): (Times | Values | undefined)[] {
  const blank: (Times | Values | undefined)[] = new Array(2 * streams);
  for (let i = 0; i < blank.length; i += 2) {
    blank[i] = undefined;
    blank[i + 1] = null;
  }
  return blank;
}

/** New empty times, with room for two events: most keys never hold more. */
export function newTimes(): Times {
  // A literal of doubles is one exact-size array.
  return [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, HEADER, 0, Number.NaN, Number.NaN];
}

/** Index of the first held event. */
export function headOf(times: Times): number {
  return times[HEAD] as number;
}

/** Number of held events. */
export function countOf(times: Times): number {
  return times[COUNT] as number;
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

/**
 * Makes room for at least `need` events in the series at `at` of `records`, moving the events to the
 * first event slot; returns the times array (a new one when it grew).
 */
function reserve(records: SubjectSeries, at: number, need: number): Times {
  const times = records[at] as Times;
  const cap = times.length;
  const head = times[HEAD] as number;
  if (head + need <= cap) return times;
  const n = times[COUNT] as number;
  const values = records[at + 1] as Values;
  if (HEADER + need <= cap && head - HEADER >= (cap - HEADER) >>> 1) {
    // Half the slots are dropped events: slide the live ones down instead of growing.
    for (let i = 0; i < n; i++) times[HEADER + i] = times[head + i] as number;
    if (values !== null) {
      for (let i = 0; i < n; i++) values[HEADER + i] = values[head + i] as EventValue;
      for (let i = HEADER + n; i < head + n; i++) values[i] = null;
    }
    times[HEAD] = HEADER;
    return times;
  }
  const next = HEADER + Math.max(2, (cap - HEADER) * 2, need);
  const grown = slots(next, Number.NaN);
  grown[NEWEST] = times[NEWEST] as number;
  grown[DROPPED_UP_TO] = times[DROPPED_UP_TO] as number;
  grown[HEAD] = HEADER;
  grown[COUNT] = n;
  for (let i = 0; i < n; i++) grown[HEADER + i] = times[head + i] as number;
  records[at] = grown;
  if (values !== null) {
    const moved = slots<EventValue>(next, null);
    for (let i = 0; i < n; i++) moved[HEADER + i] = values[head + i] as EventValue;
    records[at + 1] = moved;
  }
  return grown;
}

/**
 * Inserts an event into the series at `at` of `records` (whose times exist), after every held event
 * with time ≤ `time` (late events placed by their time).
 */
export function insertEvent(records: SubjectSeries, at: number, time: number, value: EventValue): void {
  const times = reserve(records, at, ((records[at] as Times)[COUNT] as number) + 1);
  let values = records[at + 1] as Values;
  if (value !== null && values === null) {
    values = slots<EventValue>(times.length, null);
    records[at + 1] = values;
  }
  const head = times[HEAD] as number;
  const end = head + (times[COUNT] as number);
  const i = upperBoundIn(times, head, end, time);
  for (let j = end; j > i; j--) times[j] = times[j - 1] as number;
  times[i] = time;
  if (values !== null) {
    for (let j = end; j > i; j--) values[j] = values[j - 1] as EventValue;
    values[i] = value;
  }
  times[COUNT] = (times[COUNT] as number) + 1;
}

/** Drops the `k` oldest events of the series at `at` of `records`. */
export function dropOldest(records: SubjectSeries, at: number, k: number): void {
  const times = records[at] as Times;
  const values = records[at + 1] as Values;
  const head = times[HEAD] as number;
  if (values !== null) for (let i = head; i < head + k; i++) values[i] = null;
  const n = (times[COUNT] as number) - k;
  times[COUNT] = n;
  times[HEAD] = n === 0 ? HEADER : head + k;
}

/** Removes the event at absolute slot `i` of the series at `at` of `records`. */
export function removeAt(records: SubjectSeries, at: number, i: number): void {
  const times = records[at] as Times;
  const values = records[at + 1] as Values;
  const head = times[HEAD] as number;
  const end = head + (times[COUNT] as number);
  for (let j = i; j < end - 1; j++) times[j] = times[j + 1] as number;
  if (values !== null) {
    for (let j = i; j < end - 1; j++) values[j] = values[j + 1] as EventValue;
    values[end - 1] = null;
  }
  const n = (times[COUNT] as number) - 1;
  times[COUNT] = n;
  if (n === 0) times[HEAD] = HEADER;
}

/** A feature's value and truncation, written in place by {@link evaluateSeries} (no allocation). */
export interface SeriesResult {
  value: number | null;
  truncated: boolean;
}

/**
 * Evaluates `feature` over the events (`times`, `values`; undefined times: none) in (t − windowMs, t],
 * plus the current value when `hasCurrent` and the feature includes it; see window-store.ts for the
 * exact semantics.
 */
export function evaluateSeries(
  times: Times | undefined,
  values: Values,
  feature: FeatureDefinition,
  t: number,
  hasCurrent: boolean,
  current: EventValue,
  out: SeriesResult,
): void {
  const start = t - feature.windowMs;
  const extra = hasCurrent && feature.includeCurrent;
  if (times === undefined) {
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
  const head = times[HEAD] as number;
  const end = head + (times[COUNT] as number);
  const lo = upperBoundIn(times, head, end, start);
  const hi = upperBoundIn(times, lo, end, t);
  out.truncated = (times[DROPPED_UP_TO] as number) > start;
  switch (feature.aggregate) {
    case 'count':
      out.value = hi - lo + (extra ? 1 : 0);
      return;
    case 'since_last':
      out.value = hi > lo ? t - (times[hi - 1] as number) : null;
      return;
    default:
      out.value = aggregateRange(feature.aggregate, values, lo, hi, extra, current);
  }
}
