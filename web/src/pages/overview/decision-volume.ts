import type { DecisionSummary, Outcome } from '../../api/types.js';
import type { VolumeBucket } from '../../charts/chart-options.js';

/** Decision volume over a recent window: buckets for the chart and the window's outcome rates. */
export interface DecisionVolume {
  readonly buckets: readonly VolumeBucket[];
  readonly total: number;
  /** Share of each outcome among the window's decisions; all zero when there were none. */
  readonly rates: Readonly<Record<Outcome, number>>;
}

/**
 * Counts `decisions` (by the time they were decided) into `bucketCount` buckets of `bucketMs` ending
 * at `now`; decisions outside the window are ignored. Rates are shares of the window's total.
 */
export function decisionVolume(
  decisions: readonly DecisionSummary[],
  now: number,
  bucketMs: number,
  bucketCount: number,
): DecisionVolume {
  const end = Math.ceil(now / bucketMs) * bucketMs;
  const start = end - bucketMs * bucketCount;
  const counts = Array.from({ length: bucketCount }, () => ({ approve: 0, review: 0, reject: 0 }));
  let total = 0;
  for (const decision of decisions) {
    const at = Date.parse(decision.decided_at);
    if (!(at >= start && at < end)) continue;
    const bucket = counts[Math.floor((at - start) / bucketMs)];
    if (!bucket) continue;
    bucket[decision.outcome] += 1;
    total += 1;
  }
  const sum = (outcome: Outcome) => counts.reduce((n, c) => n + c[outcome], 0);
  const rate = (outcome: Outcome) => (total === 0 ? 0 : sum(outcome) / total);
  return {
    buckets: counts.map((c, i) => ({ start: start + i * bucketMs, counts: c })),
    total,
    rates: { approve: rate('approve'), review: rate('review'), reject: rate('reject') },
  };
}
