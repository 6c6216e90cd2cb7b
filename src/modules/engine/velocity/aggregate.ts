import type { EventValue } from './counter-store.js';
import type { Aggregate } from './feature.js';

/**
 * Computes a value aggregate over `values[lo, hi)` plus optionally one extra (current) value.
 *
 * - sum: Neumaier's compensated summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren
 *   zur Summation endlicher Summen"), so the result does not depend on how many small terms follow a
 *   large one.
 * - avg: compensated sum divided by the number of finite numeric values.
 * - stddev: population standard deviation sqrt(Σ(x − mean)² / n) by Welford's online update (Welford
 *   1962, Technometrics 4(3)), which avoids the cancellation of the naive Σx² − n·mean² formula.
 * - distinct: number of distinct non-null values (typed, so 1 and '1' differ).
 */
export function aggregateValues(
  aggregate: Exclude<Aggregate, 'count' | 'since_last'>,
  values: readonly EventValue[],
  lo: number,
  hi: number,
  extra: readonly EventValue[],
): number | null {
  if (aggregate === 'distinct') {
    const seen = new Set<string>();
    const visit = (v: EventValue): void => {
      if (v !== null) seen.add(typeof v === 'number' ? `n${v}` : `s${v}`);
    };
    for (let i = lo; i < hi; i++) visit(values[i] ?? null);
    for (const v of extra) visit(v);
    return seen.size;
  }
  let n = 0;
  let sum = 0;
  let comp = 0;
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const visit = (v: EventValue): void => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    n++;
    const s = sum + v;
    comp += Math.abs(sum) >= Math.abs(v) ? sum - s + v : v - s + sum;
    sum = s;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
    if (v < min) min = v;
    if (v > max) max = v;
  };
  for (let i = lo; i < hi; i++) visit(values[i] ?? null);
  for (const v of extra) visit(v);
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

/** First index i in sorted `times` with times[i] > x (so ties are inserted after existing equals). */
export function upperBound(times: readonly number[], x: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
