/**
 * The Kolmogorov–Smirnov statistic of a score and its decile table: the widest gap between the
 * cumulative shares of bads and of goods as the cut-off moves from the riskiest score to the safest,
 * the figure Chinese and international credit teams report next to AUC.
 */
import { type Numbers, type Outcomes, type RankOptions, requireBothClasses } from './input.js';
import { equalCountParts, partTotals, type ScoreGroups, scoreGroups } from './score-groups.js';

/** One row of the KS table: a run of applicants of nearly equal size, riskiest first. */
export interface KsTableRow {
  readonly scoreMin: number;
  readonly scoreMax: number;
  readonly count: number;
  readonly bads: number;
  readonly goods: number;
  /** bads / count. */
  readonly badRate: number;
  /** Share of all bads in this row and the riskier rows above it. */
  readonly cumBadShare: number;
  /** Share of all goods in this row and the riskier rows above it. */
  readonly cumGoodShare: number;
  /** |cumBadShare − cumGoodShare| at the end of this row. */
  readonly ks: number;
}

/** The KS statistic, where it is reached, and the decile table. */
export interface KsResult {
  /** max |cum%bad − cum%good| over every cut-off between distinct scores, in [0, 1]. */
  readonly ks: number;
  /**
   * The score of the cut-off that reaches the maximum: applicants scoring this or riskier (at or below
   * it for scorecard points, at or above it for a probability of bad) are on the reject side. The
   * riskiest such score when several cut-offs reach the same maximum.
   */
  readonly score: number;
  readonly cumBadShare: number;
  readonly cumGoodShare: number;
  /** The table by `groups` parts of nearly equal size (10 by default), ties kept together. */
  readonly table: readonly KsTableRow[];
}

/**
 * KS from grouped scores: max over cut-offs of |F_bad − F_good|, the empirical distribution functions
 * of the score among bads and goods (Řezáč & Řezáč, "How to Measure the Quality of Credit Scoring
 * Models", Czech J. Econ. Finance 61(5), 2011, §3.2; Siddiqi, *Credit Risk Scorecards*, 2006). Cut-offs fall only
 * between distinct scores, so the result does not depend on row order. The gap is compared as the
 * integer |cumB·G − cumG·B| so that equal gaps compare equal and the riskiest one wins.
 */
export function ksFromGroups(groups: ScoreGroups, parts = 10): KsResult {
  requireBothClasses(groups.totalBads, groups.totalGoods);
  const b = groups.totalBads;
  const g = groups.totalGoods;
  let cumBads = 0;
  let cumGoods = 0;
  let best = -1;
  let bestAt = 0;
  let bestBads = 0;
  let bestGoods = 0;
  for (let k = 0; k < groups.scores.length; k++) {
    cumBads += groups.bads[k]!;
    cumGoods += groups.goods[k]!;
    const gap = Math.abs(cumBads * g - cumGoods * b);
    if (gap > best) {
      best = gap;
      bestAt = k;
      bestBads = cumBads;
      bestGoods = cumGoods;
    }
  }
  return {
    ks: best / (b * g),
    score: groups.scores[bestAt]!,
    cumBadShare: bestBads / b,
    cumGoodShare: bestGoods / g,
    table: ksTable(groups, parts),
  };
}

function ksTable(groups: ScoreGroups, parts: number): KsTableRow[] {
  const bounds = equalCountParts(groups, parts);
  const rows: KsTableRow[] = [];
  let cumBads = 0;
  let cumGoods = 0;
  for (let p = 0; p + 1 < bounds.length; p++) {
    const totals = partTotals(groups, bounds[p]!, bounds[p + 1]!);
    cumBads += totals.bads;
    cumGoods += totals.goods;
    const cumBadShare = cumBads / groups.totalBads;
    const cumGoodShare = cumGoods / groups.totalGoods;
    rows.push({
      ...totals,
      badRate: totals.bads / totals.count,
      cumBadShare,
      cumGoodShare,
      ks: Math.abs(cumBadShare - cumGoodShare),
    });
  }
  return rows;
}

/**
 * KS of `scores` against outcomes `y` (1 = bad) with its table of `groups` rows (default 10).
 * `higherIs` says which end of the score is good: `'good'` for scorecard points, `'bad'` for a
 * probability of bad. Throws a ValidationInputError when the sample lacks bads or goods.
 */
export function ks(
  scores: Numbers,
  y: Outcomes,
  options: RankOptions & { readonly groups?: number },
): KsResult {
  return ksFromGroups(scoreGroups(scores, y, options), options.groups ?? 10);
}
