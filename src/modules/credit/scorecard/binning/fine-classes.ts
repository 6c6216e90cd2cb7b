/**
 * Fine classing of a numeric variable (Siddiqi 2006, "Initial Characteristic Analysis"): the ordinary
 * values (neither missing nor special) are cut at their quantiles into about `fineBins` classes of
 * equal row counts. Cuts fall only between distinct values, so rows with the same value are never
 * split and a value holding many rows simply makes its class larger (and the classes fewer).
 */
import type { Cells } from './cells.js';

/** The distinct ordinary values, ascending, with the goods and bads holding each. */
export interface DistinctValues {
  readonly values: Float64Array;
  readonly goods: Float64Array;
  readonly bads: Float64Array;
}

/** Merges the sorted values of the goods and of the bads into one table of distinct values. */
export function distinctValues(sortedGoods: Float64Array, sortedBads: Float64Array): DistinctValues {
  const capacity = sortedGoods.length + sortedBads.length;
  const values = new Float64Array(capacity);
  const goods = new Float64Array(capacity);
  const bads = new Float64Array(capacity);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < sortedGoods.length || j < sortedBads.length) {
    const g = i < sortedGoods.length ? (sortedGoods[i] as number) : Number.POSITIVE_INFINITY;
    const b = j < sortedBads.length ? (sortedBads[j] as number) : Number.POSITIVE_INFINITY;
    const v = Math.min(g, b);
    const i0 = i;
    const j0 = j;
    while (i < sortedGoods.length && sortedGoods[i] === v) i++;
    while (j < sortedBads.length && sortedBads[j] === v) j++;
    values[d] = v;
    goods[d] = i - i0;
    bads[d] = j - j0;
    d++;
  }
  return { values: values.subarray(0, d), goods: goods.subarray(0, d), bads: bads.subarray(0, d) };
}

/** Fine classes: their goods and bads, and the index in the distinct table of each class's first value. */
export interface FineClasses {
  readonly cells: Cells;
  readonly starts: readonly number[];
}

/** Cuts the distinct values into at most `fineBins` classes at the row quantiles k/fineBins. */
export function fineClasses(table: DistinctValues, fineBins: number): FineClasses {
  const d = table.values.length;
  let rows = 0;
  for (let i = 0; i < d; i++) rows += (table.goods[i] as number) + (table.bads[i] as number);
  const starts = d === 0 ? [] : [0];
  let cumulative = 0;
  let k = 1;
  for (let i = 0; i + 1 < d; i++) {
    cumulative += (table.goods[i] as number) + (table.bads[i] as number);
    // Cut after value i once the rows so far reach the k-th quantile; skip quantiles a tie covered.
    if (cumulative * fineBins >= k * rows) {
      starts.push(i + 1);
      while (k * rows <= cumulative * fineBins) k++;
    }
  }
  const goods: number[] = [];
  const bads: number[] = [];
  for (const [c, start] of starts.entries()) {
    const end = starts[c + 1] ?? d;
    let g = 0;
    let b = 0;
    for (let i = start; i < end; i++) {
      g += table.goods[i] as number;
      b += table.bads[i] as number;
    }
    goods.push(g);
    bads.push(b);
  }
  return { cells: { goods, bads }, starts };
}

/**
 * A readable cut point between two adjacent distinct values a < b: a multiple of the largest power of
 * ten that has one in (a, b], the one nearest the midpoint (so 5000 between 4999 and 5001, 500
 * between 100 and 900, 31 between 30 and 31). Any point in (a, b] splits the training rows the same
 * way under [lower, upper) bins; a round one is easier to read on a card and to explain.
 */
export function niceEdge(a: number, b: number): number {
  if (!(a < b)) throw new RangeError(`an edge needs a < b (got ${a} and ${b})`);
  if (!Number.isFinite(a)) return b;
  if (!Number.isFinite(b)) return niceEdge(a, Number.MAX_VALUE);
  const mid = a / 2 + b / 2;
  const top = Math.floor(Math.log10(Math.max(Math.abs(a), Math.abs(b)))) + 1;
  // A double holds about 17 significant digits; below that no shorter number can exist.
  for (let k = top; k >= top - 17; k--) {
    const scale = 10 ** Math.abs(k);
    const at = (n: number) => (k >= 0 ? n * scale : n / scale);
    const unit = (x: number) => (k >= 0 ? x / scale : x * scale);
    for (const x of [at(Math.round(unit(mid))), at(Math.floor(unit(a)) + 1)])
      if (x > a && x <= b) return x === 0 ? 0 : x;
  }
  return b;
}
