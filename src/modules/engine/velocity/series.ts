/**
 * The compact event series of one (stream, subject key), shared by {@link InMemoryWindowStore} and the
 * decision engine's fast path. Millions of keys each hold a few events, so a series' times live in a
 * block of a {@link SeriesArena} — typed-array pages shared by every subject of a key group — and the
 * subject's record in its group's {@link SubjectIndex} holds only the block's handle (a small integer)
 * and, once a non-null value arrives, a plain array of the values (count and since_last streams never
 * allocate it). A block is [newest, droppedUpTo, head, n, capacity, …event times]; events occupy slots
 * [head, head + n), so dropping the oldest only advances `head`, and a key at its cap does not copy its
 * whole history on every event.
 *
 * Why typed pages: at a million keys and more the store's new keys are most of what the young
 * generation's collector copies (twice: once within the young generation, once into the old one), and
 * every lookup is a chain of cache misses. A block costs the collector nothing, and the blocks of a
 * subject's streams, allocated together when the subject first appears, sit side by side.
 */
import { aggregateRange } from './aggregate.js';
import type { EventValue } from './counter-store.js';
import type { FeatureDefinition } from './feature.js';

/** Values parallel to a block's slots (the same indexes), or null while every value held is null. */
export type Values = EventValue[] | null;

/** Where a series' block is: page number × 2^{@link PAGE_BITS} + offset in the page. */
export type Handle = number;

/**
 * The records of a group's subjects ({@link SubjectIndex.records}): each subject's key, then per
 * stream of the group the handle of its block (undefined until the stream observes the subject) and
 * its values. The functions here take the records and `at`, the index of one series' handle in them.
 */
export type SubjectSeries = (string | Handle | Values | undefined)[];

/** Slot of the latest time observed for the key (kept after an `unobserve` of that event). */
export const NEWEST = 0;
/** Slot of the latest time of an event dropped by pruning or the cap (−∞ when none). */
export const DROPPED_UP_TO = 1;
/** Slot of the index (in the block) of the first held event. */
const HEAD = 2;
/** Slot of the number of held events. */
const COUNT = 3;
/** Slot of the number of event slots (a power of two). */
const CAPACITY = 4;
/** First event slot. */
const HEADER = 5;

/** A handle's page is handle >>> PAGE_BITS, its offset handle & OFFSET_MASK. */
const PAGE_BITS = 20;
const PAGE_DOUBLES = 1 << PAGE_BITS;
export const OFFSET_MASK = PAGE_DOUBLES - 1;
/** Doubles of an arena's first page; each next page doubles, up to 2^PAGE_BITS (8 MiB). */
const FIRST_PAGE_DOUBLES = 1 << 10;
/** Pages an arena may hold, so that every handle stays below 2^32. */
const MAX_PAGES = 1 << (32 - PAGE_BITS);

/**
 * Blocks of doubles in pages of `Float64Array`s, by power-of-two capacity, with a free list per
 * capacity: a block released when its series grows is reused by the next series growing to that size.
 */
export class SeriesArena {
  readonly pages: Float64Array[] = [];
  /** Page being filled, and its next free offset. */
  #current = -1;
  #top = 0;
  readonly #free: Handle[][] = [];
  /** Doubles in pages (for memory statistics). */
  doubles = 0;

  /** The page of a handle. */
  page(h: Handle): Float64Array {
    return this.pages[h >>> PAGE_BITS] as Float64Array;
  }

  /** A block for `capacity` events (a power of two ≥ 2), empty: no events, nothing dropped. */
  alloc(capacity: number): Handle {
    const cls = 31 - Math.clz32(capacity);
    const free = this.#free[cls];
    let h: Handle;
    if (free !== undefined && free.length > 0) {
      h = free.pop() as Handle;
    } else {
      const size = HEADER + capacity;
      const page = this.pages[this.#current];
      if (page !== undefined && this.#top + size <= page.length) {
        h = this.#current * PAGE_DOUBLES + this.#top;
        this.#top += size;
      } else if (size > PAGE_DOUBLES) {
        // A block larger than a page (a per-key cap beyond a million events) has a page of its own.
        h = this.#addPage(size) * PAGE_DOUBLES;
      } else {
        const last = this.pages[this.#current]?.length ?? FIRST_PAGE_DOUBLES / 2;
        let length = Math.min(PAGE_DOUBLES, 2 * last);
        while (length < size) length *= 2;
        this.#current = this.#addPage(length);
        this.#top = size;
        h = this.#current * PAGE_DOUBLES;
      }
    }
    const b = this.pages[h >>> PAGE_BITS] as Float64Array;
    const o = h & OFFSET_MASK;
    b[o + NEWEST] = Number.NEGATIVE_INFINITY;
    b[o + DROPPED_UP_TO] = Number.NEGATIVE_INFINITY;
    b[o + HEAD] = HEADER;
    b[o + COUNT] = 0;
    b[o + CAPACITY] = capacity;
    return h;
  }

  /** Gives a block back for reuse. */
  release(h: Handle): void {
    const capacity = (this.pages[h >>> PAGE_BITS] as Float64Array)[(h & OFFSET_MASK) + CAPACITY] as number;
    const cls = 31 - Math.clz32(capacity);
    let free = this.#free[cls];
    if (free === undefined) {
      free = [];
      this.#free[cls] = free;
    }
    free.push(h);
  }

  #addPage(length: number): number {
    if (this.pages.length >= MAX_PAGES) throw new RangeError('velocity store: series arena is full');
    this.pages.push(new Float64Array(length));
    this.doubles += length;
    return this.pages.length - 1;
  }
}

/** Index of the first held event of the block at `o` of `page`. */
export function headOf(page: Float64Array, o: number): number {
  return page[o + HEAD] as number;
}

/** Number of held events of the block at `o` of `page`. */
export function countOf(page: Float64Array, o: number): number {
  return page[o + COUNT] as number;
}

/** First index i in [lo, hi) of sorted `times` with times[i] > x, or hi. */
export function upperBoundIn(times: ArrayLike<number>, lo: number, hi: number, x: number): number {
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
 * first event slot; returns its handle (a new block when it grew).
 */
function reserve(arena: SeriesArena, records: SubjectSeries, at: number, need: number): Handle {
  const h = records[at] as Handle;
  const page = arena.page(h);
  const o = h & OFFSET_MASK;
  const cap = page[o + CAPACITY] as number;
  const head = page[o + HEAD] as number;
  if (head + need <= HEADER + cap) return h;
  const n = page[o + COUNT] as number;
  const values = records[at + 1] as Values;
  if (need <= cap && head - HEADER >= cap >>> 1) {
    // Half the slots are dropped events: slide the live ones down instead of growing.
    page.copyWithin(o + HEADER, o + head, o + head + n);
    if (values !== null) {
      for (let i = 0; i < n; i++) values[HEADER + i] = values[head + i] as EventValue;
      for (let i = HEADER + n; i < head + n; i++) values[i] = null;
    }
    page[o + HEAD] = HEADER;
    return h;
  }
  let next = Math.max(2, 2 * cap);
  while (next < need) next *= 2;
  const g = arena.alloc(next);
  const grown = arena.page(g);
  const go = g & OFFSET_MASK;
  grown[go + NEWEST] = page[o + NEWEST] as number;
  grown[go + DROPPED_UP_TO] = page[o + DROPPED_UP_TO] as number;
  grown[go + COUNT] = n;
  for (let i = 0; i < n; i++) grown[go + HEADER + i] = page[o + head + i] as number;
  records[at] = g;
  if (values !== null) {
    const moved = slots<EventValue>(HEADER + next, null);
    for (let i = 0; i < n; i++) moved[HEADER + i] = values[head + i] as EventValue;
    records[at + 1] = moved;
  }
  arena.release(h);
  return g;
}

/**
 * Inserts an event into the series at `at` of `records` (whose block exists), after every held event
 * with time ≤ `time` (late events placed by their time).
 */
export function insertEvent(
  arena: SeriesArena,
  records: SubjectSeries,
  at: number,
  time: number,
  value: EventValue,
): void {
  const h0 = records[at] as Handle;
  const h = reserve(arena, records, at, (arena.page(h0)[(h0 & OFFSET_MASK) + COUNT] as number) + 1);
  const page = arena.page(h);
  const o = h & OFFSET_MASK;
  let values = records[at + 1] as Values;
  if (value !== null && values === null) {
    values = slots<EventValue>(HEADER + (page[o + CAPACITY] as number), null);
    records[at + 1] = values;
  }
  const head = page[o + HEAD] as number;
  const end = head + (page[o + COUNT] as number);
  const i = upperBoundIn(page, o + head, o + end, time) - o;
  for (let j = end; j > i; j--) page[o + j] = page[o + j - 1] as number;
  page[o + i] = time;
  if (values !== null) {
    for (let j = end; j > i; j--) values[j] = values[j - 1] as EventValue;
    values[i] = value;
  }
  page[o + COUNT] = (page[o + COUNT] as number) + 1;
}

/** Drops the `k` oldest events of the series at `at` of `records`. */
export function dropOldest(arena: SeriesArena, records: SubjectSeries, at: number, k: number): void {
  const h = records[at] as Handle;
  const page = arena.page(h);
  const o = h & OFFSET_MASK;
  const values = records[at + 1] as Values;
  const head = page[o + HEAD] as number;
  if (values !== null) for (let i = head; i < head + k; i++) values[i] = null;
  const n = (page[o + COUNT] as number) - k;
  page[o + COUNT] = n;
  page[o + HEAD] = n === 0 ? HEADER : head + k;
}

/** Removes the event at slot `i` (an index in the block) of the series at `at` of `records`. */
export function removeAt(arena: SeriesArena, records: SubjectSeries, at: number, i: number): void {
  const h = records[at] as Handle;
  const page = arena.page(h);
  const o = h & OFFSET_MASK;
  const values = records[at + 1] as Values;
  const head = page[o + HEAD] as number;
  const end = head + (page[o + COUNT] as number);
  for (let j = i; j < end - 1; j++) page[o + j] = page[o + j + 1] as number;
  if (values !== null) {
    for (let j = i; j < end - 1; j++) values[j] = values[j + 1] as EventValue;
    values[end - 1] = null;
  }
  const n = (page[o + COUNT] as number) - 1;
  page[o + COUNT] = n;
  if (n === 0) page[o + HEAD] = HEADER;
}

/** A feature's value and truncation, written in place by {@link evaluateSeries} (no allocation). */
export interface SeriesResult {
  value: number | null;
  truncated: boolean;
}

/**
 * Evaluates `feature` over the events of the block at `o` of `page` (null page: no events) with
 * their `values`, in (t − windowMs, t], plus the current value when `hasCurrent` and the feature
 * includes it; see window-store.ts for the exact semantics.
 */
export function evaluateSeries(
  page: Float64Array | null,
  o: number,
  values: Values,
  feature: FeatureDefinition,
  t: number,
  hasCurrent: boolean,
  current: EventValue,
  out: SeriesResult,
): void {
  const start = t - feature.windowMs;
  const extra = hasCurrent && feature.includeCurrent;
  if (page === null) {
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
  const head = o + (page[o + HEAD] as number);
  const end = head + (page[o + COUNT] as number);
  const lo = upperBoundIn(page, head, end, start);
  const hi = upperBoundIn(page, lo, end, t);
  out.truncated = (page[o + DROPPED_UP_TO] as number) > start;
  switch (feature.aggregate) {
    case 'count':
      out.value = hi - lo + (extra ? 1 : 0);
      return;
    case 'since_last':
      out.value = hi > lo ? t - (page[hi - 1] as number) : null;
      return;
    default:
      out.value = aggregateRange(feature.aggregate, values, lo - o, hi - o, extra, current);
  }
}

/** The slots of a subject new to a group of `streams` streams: no series observed yet. */
export function blankSeries(streams: number): (Handle | Values | undefined)[] {
  const blank: (Handle | Values | undefined)[] = new Array(2 * streams);
  for (let i = 0; i < blank.length; i += 2) {
    blank[i] = undefined;
    blank[i + 1] = null;
  }
  return blank;
}
