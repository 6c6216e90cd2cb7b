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
import type {
  CounterStore,
  EventValue,
  MemoryStats,
  VelocityEvent,
  VelocityResult,
} from './counter-store.js';
import { type FeatureDefinition, featureStreamKey } from './feature.js';
import {
  blankSeries,
  countOf,
  DROPPED_UP_TO,
  dropOldest,
  evaluateSeries,
  type Handle,
  headOf,
  insertEvent,
  NEWEST,
  OFFSET_MASK,
  removeAt,
  SeriesArena,
  type SeriesResult,
  type SubjectSeries,
  upperBoundIn,
  type Values,
} from './series.js';
import { SubjectIndex } from './subject-index.js';

/** Default per-key cap: enough for a busy subject over a day at one event per ~9 s. */
export const DEFAULT_MAX_EVENTS_PER_KEY = 10_000;

/** Configuration of {@link InMemoryWindowStore}. */
export interface InMemoryWindowStoreConfig {
  /** Every feature that will be evaluated: fixes each stream's retention horizon (its longest window). */
  readonly features: readonly FeatureDefinition[];
  /** Per-key cap on stored events; the oldest are dropped beyond it. */
  readonly maxEventsPerKey?: number;
}

/**
 * The streams that share key fields share one index of subjects: one lookup finds a subject's series
 * on all of them (a decision reads the user's count and amount streams with one lookup, not two). A
 * subject is the index of its first slot in `keys.records` (its base); the stream at `at` keeps the
 * handle of its block in `arena` at base + at and its values at base + at + 1.
 */
export interface SubjectGroup {
  readonly keys: SubjectIndex<Handle | Values | undefined>;
  /** A new subject's slots: no series on any stream. */
  readonly blank: readonly (Handle | Values | undefined)[];
  /** The blocks of the group's series (the handles in `keys.records` point into it). */
  readonly arena: SeriesArena;
}

/**
 * One registered stream: its horizon and where its series sit. The decision engine resolves it once
 * ({@link InMemoryWindowStore.stream}) and then reaches a subject with one lookup per group.
 */
export interface WindowStream {
  readonly horizon: number;
  readonly group: SubjectGroup;
  /** Where the stream's series sits from a subject's base in its group's records: handle here, values next. */
  readonly at: number;
}

/**
 * Rough V8 cost of one stored event besides its time (which sits in the arena, counted exactly): its
 * value slot, with headroom for growth.
 */
const BYTES_PER_EVENT = 12;
/** Rough V8 cost of one subject of a group besides its key's characters: index slots, record. */
const BYTES_PER_SUBJECT = 88;
/** Rough V8 cost of one (stream, subject) series besides its block: its values array's header. */
const BYTES_PER_SERIES = 16;

/** The estimated bytes of a value held in a series (its characters, for a string). */
function valueBytes(v: EventValue): number {
  return typeof v === 'string' ? 16 + 2 * v.length : 0;
}

/** The in-process {@link CounterStore}; see the module comment for its exact semantics. */
export class InMemoryWindowStore implements CounterStore {
  private readonly streams = new Map<string, WindowStream>();
  private readonly maxEventsPerKey: number;
  private readonly result: SeriesResult = { value: null, truncated: false };
  /**
   * {@link memoryStats}, kept up to date by every change: a metrics scrape must not walk millions of
   * keys on the event loop (that walk took half a second at 2.7 million keys).
   */
  private readonly stats = { keys: 0, events: 0, bytes: 0 };

  constructor(config: InMemoryWindowStoreConfig) {
    this.maxEventsPerKey = config.maxEventsPerKey ?? DEFAULT_MAX_EVENTS_PER_KEY;
    if (!Number.isInteger(this.maxEventsPerKey) || this.maxEventsPerKey < 1) {
      throw new RangeError(`maxEventsPerKey must be a positive integer, not ${this.maxEventsPerKey}`);
    }
    const horizons = new Map<string, number>();
    for (const f of config.features) {
      const k = featureStreamKey(f);
      horizons.set(k, Math.max(horizons.get(k) ?? 0, f.windowMs));
    }
    // Each group's streams first, to size its records; then the streams, each at its place in them.
    const members = new Map<string, string[]>();
    for (const f of config.features) {
      const k = featureStreamKey(f);
      const fields = JSON.stringify(f.key);
      const streams = members.get(fields) ?? [];
      if (!streams.includes(k)) streams.push(k);
      members.set(fields, streams);
    }
    for (const streams of members.values()) {
      const group: SubjectGroup = {
        keys: new SubjectIndex(2 * streams.length),
        blank: blankSeries(streams.length),
        arena: new SeriesArena(),
      };
      streams.forEach((k, i) => {
        this.streams.set(k, { horizon: horizons.get(k) as number, group, at: 2 * i });
      });
    }
  }

  /** The base of a subject in `group` (see {@link SubjectGroup}), added with no series when new. */
  subject(group: SubjectGroup, keyValue: string): number {
    const base = group.keys.find(keyValue);
    return base >= 0 ? base : this.addSubject(group, keyValue);
  }

  /** Adds a subject known to be absent from `group` (its lookup just missed), with no series yet; its base. */
  addSubject(group: SubjectGroup, keyValue: string): number {
    this.stats.bytes += BYTES_PER_SUBJECT + 2 * keyValue.length;
    return group.keys.add(keyValue, group.blank);
  }

  /** The registered stream with this key, for callers that reuse it across many events. */
  stream(featureKey: string): WindowStream | undefined {
    return this.streams.get(featureKey);
  }

  observe(featureKey: string, keyValue: string, event: VelocityEvent): void {
    const stream = this.streams.get(featureKey);
    if (stream === undefined) throw new Error(`no registered feature reads the stream ${featureKey}`);
    this.observeIn(stream, keyValue, event.time, event.value);
  }

  /** {@link observe} into a stream already resolved by {@link stream}. */
  observeIn(stream: WindowStream, keyValue: string, time: number, value: EventValue): void {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, not ${time}`);
    this.observeInto(stream, this.subject(stream.group, keyValue), time, value);
  }

  /** {@link observe} into the series of the subject whose base {@link subject} gave. */
  observeInto(stream: WindowStream, base: number, time: number, value: EventValue): void {
    if (!Number.isFinite(time)) throw new RangeError(`event time must be finite, not ${time}`);
    const records = stream.group.keys.records as SubjectSeries;
    const arena = stream.group.arena;
    const at = base + stream.at;
    let h = records[at] as Handle | undefined;
    if (h === undefined) {
      h = arena.alloc(2);
      records[at] = h;
      this.stats.keys++;
      this.stats.bytes += BYTES_PER_SERIES;
    }
    let page = arena.page(h);
    let o = h & OFFSET_MASK;
    const horizon = stream.horizon;
    const newest = page[o + NEWEST] as number;
    if (time <= newest - horizon) {
      if (time > (page[o + DROPPED_UP_TO] as number)) page[o + DROPPED_UP_TO] = time;
      return;
    }
    insertEvent(arena, records, at, time, value);
    this.stats.events++;
    this.stats.bytes += BYTES_PER_EVENT + valueBytes(value);
    h = records[at] as Handle;
    page = arena.page(h);
    o = h & OFFSET_MASK;
    if (time > newest) {
      page[o + NEWEST] = time;
      const head = headOf(page, o);
      const cut = upperBoundIn(page, o + head, o + head + countOf(page, o), time - horizon) - (o + head);
      if (cut > 0) this.drop(arena, records, at, cut);
    }
    const excess = countOf(page, o) - this.maxEventsPerKey;
    if (excess > 0) this.drop(arena, records, at, excess);
  }

  /** Drops the `k` oldest events of the series at `at` of `records`, remembering the latest dropped time. */
  private drop(arena: SeriesArena, records: SubjectSeries, at: number, k: number): void {
    const h = records[at] as Handle;
    const page = arena.page(h);
    const o = h & OFFSET_MASK;
    const head = headOf(page, o);
    const last = page[o + head + k - 1] as number;
    if (last > (page[o + DROPPED_UP_TO] as number)) page[o + DROPPED_UP_TO] = last;
    this.forget(records[at + 1] as Values, head, head + k);
    dropOldest(arena, records, at, k);
  }

  unobserve(featureKey: string, keyValue: string, event: VelocityEvent): void {
    const stream = this.streams.get(featureKey);
    if (stream === undefined) return;
    const base = stream.group.keys.find(keyValue);
    if (base < 0) return;
    const records = stream.group.keys.records as SubjectSeries;
    const arena = stream.group.arena;
    const at = base + stream.at;
    const h = records[at] as Handle | undefined;
    if (h === undefined) return;
    const page = arena.page(h);
    const o = h & OFFSET_MASK;
    const values = records[at + 1] as Values;
    const head = headOf(page, o);
    // The latest event at this time with this value: the one observed last, if it was.
    for (
      let i = upperBoundIn(page, o + head, o + head + countOf(page, o), event.time) - 1 - o;
      i >= head && page[o + i] === event.time;
      i--
    ) {
      if ((values === null ? null : values[i]) === event.value) {
        this.forget(values, i, i + 1);
        removeAt(arena, records, at, i);
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
    const stream = this.streams.get(featureStreamKey(feature));
    const base = stream === undefined ? -1 : stream.group.keys.find(keyValue);
    const records = stream?.group.keys.records;
    const at = base + (stream?.at ?? 0);
    const h = base < 0 ? undefined : (records?.[at] as Handle | undefined);
    const values = base < 0 ? null : (records?.[at + 1] as Values);
    const out = this.result;
    evaluateSeries(
      h === undefined ? null : (stream as WindowStream).group.arena.page(h),
      h === undefined ? 0 : h & OFFSET_MASK,
      values,
      feature,
      t,
      current !== undefined,
      current === undefined ? null : current.value,
      out,
    );
    return { value: out.value, truncated: out.truncated };
  }

  memoryStats(): MemoryStats {
    return { keys: this.stats.keys, events: this.stats.events, bytes: this.stats.bytes + this.arenaBytes() };
  }

  /** Bytes of the pages of every group's arena (exact: blocks in use, free and not yet handed out). */
  private arenaBytes(): number {
    let bytes = 0;
    for (const group of this.groups()) bytes += 8 * group.arena.doubles;
    return bytes;
  }

  private groups(): Set<SubjectGroup> {
    const groups = new Set<SubjectGroup>();
    for (const stream of this.streams.values()) groups.add(stream.group);
    return groups;
  }

  /** Takes the events in slots [from, to) out of the statistics (they are being dropped). */
  private forget(values: Values, from: number, to: number): void {
    let bytes = BYTES_PER_EVENT * (to - from);
    if (values !== null) for (let i = from; i < to; i++) bytes += valueBytes(values[i] as EventValue);
    this.stats.events -= to - from;
    this.stats.bytes -= bytes;
  }

  /**
   * {@link memoryStats} computed afresh by walking every subject and series (for tests and diagnosis:
   * it must always equal the kept statistics).
   */
  recountStats(): MemoryStats {
    let keys = 0;
    let events = 0;
    let bytes = 0;
    for (const group of this.groups()) {
      const records = group.keys.records;
      for (const [key, base] of group.keys.entries()) {
        bytes += BYTES_PER_SUBJECT + 2 * key.length;
        for (let at = base; at < base + group.keys.width; at += 2) {
          const h = records[at] as Handle | undefined;
          if (h === undefined) continue;
          const page = group.arena.page(h);
          const o = h & OFFSET_MASK;
          keys++;
          events += countOf(page, o);
          bytes += this.bytesOf(page, o, records[at + 1] as Values);
        }
      }
    }
    return { keys, events, bytes: bytes + this.arenaBytes() };
  }

  /** Estimated bytes of one (stream, subject) series and its events, as {@link memoryStats} counts them. */
  private bytesOf(page: Float64Array, o: number, values: Values): number {
    const head = headOf(page, o);
    const n = countOf(page, o);
    let bytes = BYTES_PER_SERIES + BYTES_PER_EVENT * n;
    if (values !== null) for (let i = head; i < head + n; i++) bytes += valueBytes(values[i] as EventValue);
    return bytes;
  }
}
