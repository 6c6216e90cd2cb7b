/**
 * The two limits every final binning keeps whatever the method: no ordinary bin below the minimum
 * share of rows (a bin of a handful of rows has an unstable WOE, Siddiqi 2006 suggests at least 5%),
 * and no more than the maximum number of bins. Both are met by merging adjacent groups only, so
 * intervals stay intervals and a monotonic sequence of bad rates stays monotonic (a merged group's
 * bad rate lies between those of its two parts).
 */
import { badRate, type Group, mergeWithNext, size } from './cells.js';

/** Limits on the final groups: least rows per group and most groups. */
export interface BinLimits {
  readonly minCount: number;
  readonly maxBins: number;
}

/** The limits for `rows` ordinary rows, a minimum share and a maximum number of bins. */
export function binLimits(rows: number, minBinShare: number, maxBins: number): BinLimits {
  // A tolerance so that a share written as 0.05 of 100 rows accepts a bin of 5.
  return { minCount: minBinShare * rows * (1 - 1e-12), maxBins };
}

/**
 * Merges, in place, each too-small group into the neighbour whose bad rate is closer (smallest group
 * first; the left neighbour on a tie), then, while there are too many groups, the adjacent pair with
 * the most similar bad rate (leftmost on a tie).
 */
export function enforceLimits(groups: Group[], limits: BinLimits): Group[] {
  while (groups.length > 1) {
    let smallest = -1;
    for (const [i, g] of groups.entries())
      if (size(g) < limits.minCount && (smallest < 0 || size(g) < size(groups[smallest] as Group)))
        smallest = i;
    if (smallest < 0) break;
    const rate = badRate(groups[smallest] as Group);
    const left = groups[smallest - 1];
    const right = groups[smallest + 1];
    const toLeft =
      right === undefined ||
      (left !== undefined && Math.abs(badRate(left) - rate) <= Math.abs(badRate(right) - rate));
    mergeWithNext(groups, toLeft ? smallest - 1 : smallest);
  }
  while (groups.length > Math.max(1, limits.maxBins)) mergeWithNext(groups, mostSimilarPair(groups));
  return groups;
}

/** The index i of the adjacent pair (i, i+1) with the smallest difference in bad rate. */
export function mostSimilarPair(groups: readonly Group[]): number {
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  for (let i = 0; i + 1 < groups.length; i++) {
    const gap = Math.abs(badRate(groups[i] as Group) - badRate(groups[i + 1] as Group));
    if (gap < bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
