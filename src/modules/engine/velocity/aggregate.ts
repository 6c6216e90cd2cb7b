import type { EventValue } from './counter-store.js';
import type { Aggregate } from './feature.js';

/** Reused by `distinct` over many values (one decision at a time per thread: never shared across calls). */
const seen = new Set<EventValue>();

/** Up to this many values, `distinct` compares pairwise instead of filling the set. */
const PAIRWISE_DISTINCT = 16;

/**
 * Computes a value aggregate over `values[lo, hi)` (null `values`: all null) followed, when `hasExtra`,
 * by one extra (current) value, in that order. No allocation: this runs for every feature of every
 * decision.
 *
 * - sum: Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren
 *   zur Summation endlicher Summen"), so the result does not depend on how many small terms follow a
 *   large one.
 * - avg: compensated sum divided by the number of finite numeric values.
 * - stddev: population standard deviation sqrt(Σ(x − mean)² / n) by Welford's online update (Welford
 *   1962, Technometrics 4(3)), which avoids the cancellation of the naive Σx² − n·mean² formula.
 * - distinct: number of distinct non-null values (typed, so 1 and '1' differ; SameValueZero, so NaN
 *   equals NaN and 0 equals −0).
 */
export function aggregateRange(
  aggregate: Exclude<Aggregate, 'count' | 'since_last'>,
  values: readonly EventValue[] | null,
  lo: number,
  hi: number,
  hasExtra: boolean,
  extra: EventValue,
): number | null {
  if (values === null) hi = lo;
  const end = hasExtra ? hi + 1 : hi;
  if (aggregate === 'distinct') return distinct(values, lo, hi, end, extra);
  let n = 0;
  let sum = 0;
  let comp = 0;
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = lo; i < end; i++) {
    const v = i < hi ? (values as readonly EventValue[])[i] : extra;
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    n++;
    const s = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - s + v : v - s + sum;
    sum = s;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
    // As Math.min / Math.max: −0 is below +0 (a plain comparison would keep whichever came first).
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  switch (aggregate) {
    case 'sum':
      return sum + comp;
    case 'avg':
      return n === 0 ? null : (sum + comp) / n;
    case 'min':
      return n === 0 ? null : min;
    case 'max':
      return n === 0 ? null : max;
    case 'stddev':
      return n === 0 ? null : Math.sqrt(Math.max(0, m2) / n);
  }
}

function distinct(
  values: readonly EventValue[] | null,
  lo: number,
  hi: number,
  end: number,
  extra: EventValue,
): number {
  if (end - lo <= PAIRWISE_DISTINCT) {
    let count = 0;
    for (let i = lo; i < end; i++) {
      const v = i < hi ? (values as readonly EventValue[])[i] : extra;
      if (v === null || v === undefined) continue;
      let first = true;
      for (let j = lo; j < i; j++) {
        const u = (values as readonly EventValue[])[j];
        if (u === v || (Number.isNaN(u) && Number.isNaN(v))) {
          first = false;
          break;
        }
      }
      if (first) count++;
    }
    return count;
  }
  for (let i = lo; i < end; i++) {
    const v = i < hi ? (values as readonly EventValue[])[i] : extra;
    if (v !== null && v !== undefined) seen.add(v);
  }
  const size = seen.size;
  seen.clear();
  return size;
}
