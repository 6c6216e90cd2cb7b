/**
 * An immutable set of IPv4 and IPv6 ranges answering "is this address in one of them, at this
 * time?" for `ip_in(name, ip)` on the hot path. Each range may carry an expiry: the set keeps, for
 * every stretch of addresses, the latest expiry of the ranges covering it, so membership at an
 * event's time is one binary search, however the ranges nest or overlap.
 *
 * Layout: per family, sorted disjoint segments as 32-bit words in typed arrays (IPv6 as four words,
 * most significant first) with a `Float64Array` of expiries; lookups read the text with
 * `readIpWords` and never build a BigInt, so a lookup costs a parse and ~log2(n) word comparisons.
 * IPv4 ranges and IPv6 ranges are kept apart; an IPv4 address also matches an IPv6 range that
 * covers its IPv4-mapped form (RFC 4291 §2.5.5.2), so `::/0` contains `1.2.3.4`.
 */
import {
  type IpAddress,
  type IpFamily,
  IpParseError,
  type IpRange,
  parseIpAddress,
  parseIpRange,
} from './ip-ranges.js';
import { readIpWords } from './ip-text.js';

/** A range with the time (epoch ms) from which it no longer matches; `Infinity` for never. */
export interface TimedIpRange {
  readonly range: IpRange;
  readonly expiresMs: number;
}

/** Sorted disjoint segments of one family, `words` 32-bit words per bound. */
interface Segments {
  readonly words: 1 | 4;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly expires: Float64Array;
}

const WORD = 0xffffffffn;

/** A max-heap of (expiry, last) used by the sweep: the covering range that expires last on top. */
class ExpiryHeap {
  private readonly items: { expiresMs: number; last: bigint }[] = [];
  get top() {
    return this.items[0];
  }
  push(item: { expiresMs: number; last: bigint }): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]!.expiresMs >= a[i]!.expiresMs) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): void {
    const a = this.items;
    const last = a.pop();
    if (a.length === 0 || !last) return;
    a[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]!.expiresMs > a[m]!.expiresMs) m = l;
      if (r < a.length && a[r]!.expiresMs > a[m]!.expiresMs) m = r;
      if (m === i) break;
      [a[m], a[i]] = [a[i]!, a[m]!];
      i = m;
    }
  }
}

/**
 * Cuts the ranges of one family into elementary segments, each with the latest expiry of the ranges
 * covering it (a sweep over the range bounds with a max-heap), then joins neighbours that touch and
 * share an expiry. O(n log n).
 */
function sweep(ranges: readonly TimedIpRange[], words: 1 | 4): Segments {
  const sorted = [...ranges].sort((a, b) =>
    a.range.first < b.range.first ? -1 : a.range.first > b.range.first ? 1 : 0,
  );
  const bounds = new Set<bigint>();
  for (const { range } of sorted) {
    bounds.add(range.first);
    bounds.add(range.last + 1n);
  }
  const points = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: { start: bigint; end: bigint; expiresMs: number }[] = [];
  const heap = new ExpiryHeap();
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    while (next < sorted.length && sorted[next]!.range.first === start) {
      const { range, expiresMs } = sorted[next++]!;
      heap.push({ expiresMs, last: range.last });
    }
    while (heap.top && heap.top.last < start) heap.pop();
    const top = heap.top;
    if (!top) continue;
    const end = points[k + 1]! - 1n;
    const prev = out.at(-1);
    if (prev && prev.end + 1n === start && prev.expiresMs === top.expiresMs) prev.end = end;
    else out.push({ start, end, expiresMs: top.expiresMs });
  }
  const starts = new Uint32Array(out.length * words);
  const ends = new Uint32Array(out.length * words);
  const expires = new Float64Array(out.length);
  out.forEach((s, i) => {
    for (let w = 0; w < words; w++) {
      const shift = BigInt(32 * (words - 1 - w));
      starts[i * words + w] = Number((s.start >> shift) & WORD);
      ends[i * words + w] = Number((s.end >> shift) & WORD);
    }
    expires[i] = s.expiresMs;
  });
  return { words, starts, ends, expires };
}

/** -1, 0 or 1 as the 4-word key at `bounds[4i..]` is below, equal to or above `key`. */
function compare4(bounds: Uint32Array, i: number, key: Uint32Array, offset: number): number {
  const b = i * 4;
  for (let w = 0; w < 4; w++) {
    const x = bounds[b + w]!;
    const y = key[offset + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The expiry of the segment containing the key, or -Infinity when none does. */
function expiryAt(segments: Segments, key: Uint32Array, offset: number): number {
  const { starts, ends, expires } = segments;
  let lo = 0;
  let hi = expires.length - 1;
  if (segments.words === 1) {
    const v = key[offset]!;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (v < starts[mid]!) hi = mid - 1;
      else if (v > ends[mid]!) lo = mid + 1;
      else return expires[mid]!;
    }
    return Number.NEGATIVE_INFINITY;
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (compare4(starts, mid, key, offset) > 0) hi = mid - 1;
    else if (compare4(ends, mid, key, offset) < 0) lo = mid + 1;
    else return expires[mid]!;
  }
  return Number.NEGATIVE_INFINITY;
}

/**
 * An immutable set of IPv4 and IPv6 ranges with optional expiries. Build once (O(n log n)); each
 * lookup is a binary search.
 */
export class IpRangeSet {
  // Scratch space for one lookup: lookups are synchronous, so one set can reuse it.
  private readonly key = new Uint32Array(8);
  private readonly groups = new Uint16Array(8);

  private constructor(
    private readonly v4: Segments,
    private readonly v6: Segments,
  ) {}

  /**
   * Builds a set from range texts (see `parseIpRange`), none expiring. Throws {@link IpParseError}
   * for the first bad entry, carrying its text and zero-based index.
   */
  static from(entries: Iterable<string>): IpRangeSet {
    const ranges: IpRange[] = [];
    let index = 0;
    for (const entry of entries) {
      try {
        ranges.push(parseIpRange(entry));
      } catch (error) {
        if (error instanceof IpParseError) throw new IpParseError(error.entry, error.reason, index);
        throw error;
      }
      index++;
    }
    return IpRangeSet.fromRanges(ranges);
  }

  /** Builds a set from already parsed ranges, none expiring. */
  static fromRanges(ranges: readonly IpRange[]): IpRangeSet {
    return IpRangeSet.fromTimedRanges(
      ranges.map((range) => ({ range, expiresMs: Number.POSITIVE_INFINITY })),
    );
  }

  /** Builds a set from parsed ranges that each stop matching at their `expiresMs`. */
  static fromTimedRanges(ranges: readonly TimedIpRange[]): IpRangeSet {
    const of = (family: IpFamily) => ranges.filter((r) => r.range.family === family);
    return new IpRangeSet(sweep(of(4), 1), sweep(of(6), 4));
  }

  /**
   * Number of disjoint intervals left after merging overlapping and adjacent ranges (ranges with
   * different expiries stay apart where their expiries differ).
   */
  get size(): number {
    return this.v4.expires.length + this.v6.expires.length;
  }

  /**
   * Whether the address lies in a range that has not expired at `atMs` (every range counts when
   * `atMs` is omitted). Accepts text (throws {@link IpParseError} if malformed) or a parsed address.
   */
  contains(address: string | IpAddress, atMs: number = Number.NEGATIVE_INFINITY): boolean {
    if (typeof address !== 'string') return this.match(toWords(address, this.key), atMs);
    const family = readIpWords(address, this.key, this.groups);
    if (family !== 0) return this.match(family, atMs);
    parseIpAddress(address); // throws the IpParseError that names the problem
    throw new IpParseError(address, 'not an address');
  }

  /** Like {@link contains} for text, but false (never a throw) for malformed text: the rule-side answer. */
  has(text: string, atMs: number): boolean {
    const family = readIpWords(text, this.key, this.groups);
    return family !== 0 && this.match(family, atMs);
  }

  /** Membership of the address just written to `key`. */
  private match(family: 4 | 6, atMs: number): boolean {
    const key = this.key;
    if (family === 6) return expiryAt(this.v6, key, 0) > atMs;
    if (expiryAt(this.v4, key, 0) > atMs) return true;
    if (this.v6.expires.length === 0) return false;
    key[4] = 0;
    key[5] = 0;
    key[6] = 0xffff;
    key[7] = key[0]!;
    return expiryAt(this.v6, key, 4) > atMs;
  }
}

/** Writes a parsed address as words (an IPv4-mapped IPv6 address as IPv4); returns its family. */
function toWords(address: IpAddress, key: Uint32Array): 4 | 6 {
  const { value } = address;
  if (address.family === 4 || value >> 32n === 0xffffn) {
    key[0] = Number(value & WORD);
    return 4;
  }
  for (let w = 0; w < 4; w++) key[w] = Number((value >> BigInt(96 - 32 * w)) & WORD);
  return 6;
}
