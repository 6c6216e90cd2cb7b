/**
 * Applicants collapsed to their distinct scores, riskiest first: the one sorted view that AUC, KS and
 * the lift table are computed from. Collapsing ties into one group is what makes every statistic
 * independent of row order: applicants with the same score are indistinguishable to a cut-off, so they
 * are never split between two sides of it.
 */
import {
  checkHigherIs,
  checkSample,
  type HigherIs,
  type Numbers,
  type Outcomes,
  type RankOptions,
} from './input.js';

/** Distinct scores with their bad and good counts, riskiest first. */
export interface ScoreGroups {
  readonly higherIs: HigherIs;
  /** Distinct score values, riskiest first (descending when `higherIs` is `'bad'`, else ascending). */
  readonly scores: Float64Array;
  readonly bads: Uint32Array;
  readonly goods: Uint32Array;
  /** Number of applicants. */
  readonly count: number;
  readonly totalBads: number;
  readonly totalGoods: number;
}

/**
 * Sorts once and groups ties. The scores of bads and of goods are copied into two Float64Arrays and
 * sorted natively (no comparator), then merged; this is about three times faster than sorting an index
 * array with a comparator and gives the same groups, since only the counts per distinct score matter.
 * `-0` and `0` fall into one group.
 */
export function scoreGroups(scores: Numbers, y: Outcomes, options: RankOptions): ScoreGroups {
  const higherIs = checkHigherIs(options);
  const { bads: totalBads } = checkSample(scores, y);
  const n = y.length;
  const totalGoods = n - totalBads;
  const badScores = new Float64Array(totalBads);
  const goodScores = new Float64Array(totalGoods);
  let nb = 0;
  let ng = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) badScores[nb++] = scores[i]!;
    else goodScores[ng++] = scores[i]!;
  }
  badScores.sort();
  goodScores.sort();
  const values = new Float64Array(n);
  const bads = new Uint32Array(n);
  const goods = new Uint32Array(n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < totalBads || j < totalGoods) {
    const v =
      j >= totalGoods || (i < totalBads && badScores[i]! <= goodScores[j]!) ? badScores[i]! : goodScores[j]!;
    const firstBad = i;
    const firstGood = j;
    while (i < totalBads && badScores[i] === v) i++;
    while (j < totalGoods && goodScores[j] === v) j++;
    values[k] = v;
    bads[k] = i - firstBad;
    goods[k] = j - firstGood;
    k++;
  }
  const group = { scores: values.slice(0, k), bads: bads.slice(0, k), goods: goods.slice(0, k) };
  if (higherIs === 'bad') {
    group.scores.reverse();
    group.bads.reverse();
    group.goods.reverse();
  }
  return { higherIs, ...group, count: n, totalBads, totalGoods };
}

/**
 * Splits the groups into `parts` runs of nearly equal applicant counts without splitting a tie: each
 * group goes to the part that holds its middle applicant. Returns the group index where each part
 * starts, followed by the number of groups; parts left empty by heavy ties are dropped, so there may
 * be fewer than `parts` runs.
 */
export function equalCountParts(groups: ScoreGroups, parts: number): number[] {
  if (!Number.isInteger(parts) || parts < 1)
    throw new RangeError(`parts must be a positive integer, not ${parts}`);
  const bounds = [0];
  const size = groups.scores.length;
  let before = 0;
  let current = 0;
  for (let g = 0; g < size; g++) {
    const count = groups.bads[g]! + groups.goods[g]!;
    const part = Math.min(parts - 1, Math.floor(((before + count / 2) * parts) / groups.count));
    if (g > 0 && part !== current) bounds.push(g);
    current = part;
    before += count;
  }
  bounds.push(size);
  return bounds;
}

/** Totals of the groups `start` (inclusive) to `end` (exclusive). */
export interface PartTotals {
  /** Lowest and highest score in the part. */
  readonly scoreMin: number;
  readonly scoreMax: number;
  readonly count: number;
  readonly bads: number;
  readonly goods: number;
}

/** Adds up a run of groups, as a row of a decile table. */
export function partTotals(groups: ScoreGroups, start: number, end: number): PartTotals {
  let bads = 0;
  let goods = 0;
  for (let g = start; g < end; g++) {
    bads += groups.bads[g]!;
    goods += groups.goods[g]!;
  }
  const first = groups.scores[start]!;
  const last = groups.scores[end - 1]!;
  return {
    scoreMin: Math.min(first, last),
    scoreMax: Math.max(first, last),
    count: bads + goods,
    bads,
    goods,
  };
}
