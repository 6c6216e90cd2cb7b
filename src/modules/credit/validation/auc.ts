/**
 * Area under the ROC curve and the Gini coefficient of a score, the headline measures of how well it
 * separates bads from goods.
 */
import { type Numbers, type Outcomes, type RankOptions, requireBothClasses } from './input.js';
import { type ScoreGroups, scoreGroups } from './score-groups.js';

/** AUC and Gini of a score. */
export interface AucResult {
  /** P(a random bad ranks riskier than a random good), ties counted ½; 0.5 is a coin, 1 is perfect. */
  readonly auc: number;
  /** 2·AUC − 1 (the accuracy ratio): 0 is a coin, 1 is perfect, negative means the ranking is inverted. */
  readonly gini: number;
}

/**
 * AUC from grouped scores through the Mann–Whitney U statistic: rank applicants from least to most
 * risky, give tied applicants the average of their ranks, and take U = R_bad − B(B+1)/2, where R_bad is
 * the sum of the bads' ranks; then AUC = U / (B·G) (Hanley & McNeil, Radiology 143, 1982, §2; Mann &
 * Whitney, Ann. Math. Statist. 18, 1947). Average ranks make a tied bad–good pair count ½. Rank sums
 * are multiples of ½ below 2^52 for any realistic sample, so U is exact.
 */
export function aucFromGroups(groups: ScoreGroups): AucResult {
  requireBothClasses(groups.totalBads, groups.totalGoods);
  let rankSumBads = 0;
  let below = 0;
  for (let g = groups.scores.length - 1; g >= 0; g--) {
    const bads = groups.bads[g]!;
    const size = bads + groups.goods[g]!;
    rankSumBads += bads * (below + (size + 1) / 2);
    below += size;
  }
  const b = groups.totalBads;
  const u = rankSumBads - (b * (b + 1)) / 2;
  const auc = u / (b * groups.totalGoods);
  return { auc, gini: 2 * auc - 1 };
}

/**
 * AUC and Gini of `scores` against outcomes `y` (1 = bad), in O(n log n). `higherIs` says which end of
 * the score is good: `'good'` for scorecard points, `'bad'` for a probability of bad. Throws a
 * ValidationInputError when the sample lacks bads or goods.
 */
export function auc(scores: Numbers, y: Outcomes, options: RankOptions): AucResult {
  return aucFromGroups(scoreGroups(scores, y, options));
}
