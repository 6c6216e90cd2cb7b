/**
 * In-process velocity store: exact sliding-window aggregates, point in time, bounded memory.
 *
 * Semantics, exactly:
 * - Events are kept per (stream, subject key), sorted by time; a late event is inserted at its time,
 *   after any event with the same time (ties keep arrival order).
 * - `evaluate(feature, key, t, current)` aggregates the stored events with t − windowMs < time ≤ t:
 *   the event at t − windowMs is excluded, the event at t included, and events after t are never seen
 *   even if they were observed earlier (point in time). If `feature.includeCurrent` and `current` is
 *   given, the current event counts once, at time t; it is never read from the store.
 * - Empty window: count, sum and distinct give 0; avg, min, max, stddev and since_last give null.
 * - stddev is the population standard deviation (divide by n), computed with Welford's update.
 * - since_last is t minus the time of the latest stored event in the window, or null when the window
 *   holds none; it never counts the current event.
 * - Pruning: per key, events with time ≤ newest − horizon are dropped, where newest is the latest time
 *   observed for that key and horizon the longest window of the features registered on the stream;
 *   late events already older than that cut are dropped on arrival. A result is therefore exact
 *   whenever t − windowMs ≥ newest − horizon, in particular for every t ≥ newest.
 * - Cap: a key holds at most `maxEventsPerKey` events; beyond that the oldest are dropped.
 * - `truncated: true` is reported exactly when an event dropped by pruning or by the cap has a time
 *   > t − windowMs, i.e. may belong to the window; a result with `truncated: false` is exact.
 */
import { aggregateValues, upperBound } from './aggregate.js';
import type {
  CounterStore,
  EventValue,
  MemoryStats,
  VelocityEvent,
  VelocityResult,
} from './counter-store.js';
import { type FeatureDefinition, featureStreamKey } from './feature.js';

const NO_EXTRA: readonly EventValue[] = Object.freeze([]);

/** Default per-key cap: enough for a busy subject over a day at one event per ~9 s. */
export const DEFAULT_MAX_EVENTS_PER_KEY = 10_000;

/** Configuration of {@link InMemoryWindowStore}. */
export interface InMemoryWindowStoreConfig {
  /** Every feature that will be evaluated: fixes each stream's retention horizon (its longest window). */
  readonly features: readonly FeatureDefinition[];
  /** Per-key cap on stored events; the oldest are dropped beyond it. */
  readonly maxEventsPerKey?: number;
}

interface KeySeries {
  readonly times: number[];
  readonly values: EventValue[];
  newest: number;
  /** Latest time of an event dropped by pruning or the cap (−∞ when none): windows starting before it may be short. */
  droppedUpTo: number;
}

/** Rough V8 cost of one stored event (two array slots of 8 bytes, plus headroom for growth). */
const BYTES_PER_EVENT = 24;
/** Rough V8 cost of one key: map entry, series object, two arrays and the key string header. */
const BYTES_PER_KEY = 160;

/** The in-process {@link CounterStore}; see the module comment for its exact semantics. */
export class InMemoryWindowStore implements CounterStore {
  private readonly horizons = new Map<string, number>();
  private readonly streams = new Map<string, Map<string, KeySeries>>();
  private readonly maxEventsPerKey: number;

  constructor(config: InMemoryWindowStoreConfig) {
    this.maxEventsPerKey = config.maxEventsPerKey ?? DEFAULT_MAX_EVENTS_PER_KEY;
    if (!Number.isInteger(this.maxEventsPerKey) || this.maxEventsPerKey < 1) {
      throw new RangeError(`maxEventsPerKey must be a positive integer, not ${this.maxEventsPerKey}`);
    }
    for (const f of config.features) {
      const k = featureStreamKey(f);
      this.horizons.set(k, Math.max(this.horizons.get(k) ?? 0, f.windowMs));
    }
  }

  observe(featureKey: string, keyValue: string, event: VelocityEvent): void {
    const horizon = this.horizons.get(featureKey);
    if (horizon === undefined) throw new Error(`no registered feature reads the stream ${featureKey}`);
    if (!Number.isFinite(event.time)) throw new RangeError(`event time must be finite, not ${event.time}`);
    let keys = this.streams.get(featureKey);
    if (keys === undefined) {
      keys = new Map();
      this.streams.set(featureKey, keys);
    }
    let s = keys.get(keyValue);
    if (s === undefined) {
      s = { times: [], values: [], newest: Number.NEGATIVE_INFINITY, droppedUpTo: Number.NEGATIVE_INFINITY };
      keys.set(keyValue, s);
    }
    if (event.time <= s.newest - horizon) {
      s.droppedUpTo = Math.max(s.droppedUpTo, event.time);
      return;
    }
    const at = upperBound(s.times, event.time);
    if (at === s.times.length) {
      s.times.push(event.time);
      s.values.push(event.value);
    } else {
      s.times.splice(at, 0, event.time);
      s.values.splice(at, 0, event.value);
    }
    if (event.time > s.newest) {
      s.newest = event.time;
      const cut = upperBound(s.times, s.newest - horizon);
      if (cut > 0) {
        s.droppedUpTo = Math.max(s.droppedUpTo, s.times[cut - 1]!);
        this.drop(s, cut);
      }
    }
    const excess = s.times.length - this.maxEventsPerKey;
    if (excess > 0) {
      s.droppedUpTo = Math.max(s.droppedUpTo, s.times[excess - 1]!);
      this.drop(s, excess);
    }
  }

  unobserve(featureKey: string, keyValue: string, event: VelocityEvent): void {
    const s = this.streams.get(featureKey)?.get(keyValue);
    if (s === undefined) return;
    // The latest event at this time with this value: the one observed last, if it was.
    for (let i = upperBound(s.times, event.time) - 1; i >= 0 && s.times[i] === event.time; i--) {
      if (s.values[i] === event.value) {
        s.times.splice(i, 1);
        s.values.splice(i, 1);
        return;
      }
    }
  }

  evaluate(
    feature: FeatureDefinition,
    keyValue: string,
    t: number,
    current?: { readonly value: EventValue },
  ): VelocityResult {
    const s = this.streams.get(featureStreamKey(feature))?.get(keyValue);
    const times = s?.times ?? [];
    const values = s?.values ?? [];
    const lo = upperBound(times, t - feature.windowMs);
    const hi = upperBound(times, t);
    const truncated = s !== undefined && s.droppedUpTo > t - feature.windowMs;
    const extra: readonly EventValue[] =
      feature.includeCurrent && current !== undefined ? [current.value] : NO_EXTRA;
    switch (feature.aggregate) {
      case 'count':
        return { value: Math.max(0, hi - lo) + extra.length, truncated };
      case 'since_last':
        return { value: hi > lo ? t - times[hi - 1]! : null, truncated };
      default:
        return { value: aggregateValues(feature.aggregate, values, lo, hi, extra), truncated };
    }
  }

  memoryStats(): MemoryStats {
    let keys = 0;
    let events = 0;
    let bytes = 0;
    for (const stream of this.streams.values()) {
      for (const [key, s] of stream) {
        keys++;
        events += s.times.length;
        bytes += BYTES_PER_KEY + 2 * key.length + BYTES_PER_EVENT * s.times.length;
        for (const v of s.values) if (typeof v === 'string') bytes += 16 + 2 * v.length;
      }
    }
    return { keys, events, bytes };
  }

  private drop(s: KeySeries, n: number): void {
    s.times.splice(0, n);
    s.values.splice(0, n);
  }
}
