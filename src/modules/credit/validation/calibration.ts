/**
 * Calibration of predicted probabilities of bad: whether the model's probabilities match the bad rates
 * actually observed, as opposed to how well it ranks (AUC, KS). Inputs are probabilities of bad in
 * [0, 1], so no direction option is needed here.
 */
import { chiSquareUpperTail } from '../stats/chi-square.js';
import { checkSample, type Numbers, type Outcomes, ValidationInputError } from './input.js';
import { equalCountParts, type ScoreGroups, scoreGroups } from './score-groups.js';

/** One group of the Hosmer–Lemeshow table, lowest probabilities first. */
export interface HosmerLemeshowRow {
  readonly probabilityMin: number;
  readonly probabilityMax: number;
  readonly count: number;
  readonly observedBads: number;
  /** Sum of the predicted probabilities in the group. */
  readonly expectedBads: number;
  readonly observedGoods: number;
  readonly expectedGoods: number;
}

/** The Hosmer–Lemeshow test. */
export interface HosmerLemeshowResult {
  /** Ĉ = Σ_k (O_k − E_k)² / (E_k (1 − E_k / n_k)). */
  readonly statistic: number;
  /** Number of groups formed minus 2. */
  readonly df: number;
  /** P(χ²_df ≥ Ĉ); small values mean poor calibration. Null when fewer than 3 groups could be formed. */
  readonly pValue: number | null;
  readonly rows: readonly HosmerLemeshowRow[];
}

const PROBABILITY = { en: 'probability', zh: '概率' };

/** Checks probabilities of bad against their outcomes: paired, not NaN, each within [0, 1]. */
export function checkProbabilities(probabilities: Numbers, y: Outcomes): void {
  checkSample(probabilities, y, PROBABILITY);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new ValidationInputError({
        en: `probability ${i} is ${p}: probabilities of bad must lie in [0, 1]`,
        zh: `第 ${i} 个概率为 ${p}：坏账概率必须在 [0, 1] 之间`,
      });
    }
  }
}

/**
 * The Hosmer–Lemeshow goodness-of-fit test over `groups` (default 10) "deciles of risk" (Hosmer &
 * Lemeshow, *Applied Logistic Regression*, 2nd ed., Wiley 2000, §5.2.2): sort by predicted probability,
 * cut into groups of nearly equal size with tied probabilities kept together, and compare observed with
 * expected bads. Ĉ = Σ_k (O_k − E_k)² / (E_k(1 − E_k/n_k)), which equals the Pearson sum over the
 * 2·g cells of bads and goods, since (O−E)²/E + (O−E)²/(n−E) = (O−E)²·n / (E(n−E)); its reference
 * distribution is χ² with g − 2 degrees of freedom. A group whose probabilities are all exactly 0 or
 * all exactly 1 has no variance: it adds 0 when it is right and makes Ĉ infinite (p = 0) when wrong.
 */
export function hosmerLemeshow(
  probabilities: Numbers,
  y: Outcomes,
  options: { readonly groups?: number } = {},
): HosmerLemeshowResult {
  checkProbabilities(probabilities, y);
  return hosmerLemeshowFromGroups(scoreGroups(probabilities, y, { higherIs: 'bad' }), options.groups ?? 10);
}

/**
 * Hosmer–Lemeshow from probabilities already grouped with `higherIs: 'bad'` (and checked to lie in
 * [0, 1]), so that a report sorts them once for both this test and their AUC.
 */
export function hosmerLemeshowFromGroups(grouped: ScoreGroups, parts = 10): HosmerLemeshowResult {
  if (grouped.higherIs !== 'bad')
    throw new RangeError('Hosmer–Lemeshow needs probabilities grouped highest first');
  // Highest probability first, so the parts are walked backwards to list the lowest risk first.
  const bounds = equalCountParts(grouped, parts);
  const rows: HosmerLemeshowRow[] = [];
  let statistic = 0;
  for (let p = bounds.length - 2; p >= 0; p--) {
    let count = 0;
    let observed = 0;
    let expected = 0;
    for (let g = bounds[p]!; g < bounds[p + 1]!; g++) {
      const size = grouped.bads[g]! + grouped.goods[g]!;
      count += size;
      observed += grouped.bads[g]!;
      expected += grouped.scores[g]! * size;
    }
    const variance = expected * (1 - expected / count);
    const gap = observed - expected;
    statistic += variance > 0 ? (gap * gap) / variance : Math.abs(gap) < 1e-12 ? 0 : Number.POSITIVE_INFINITY;
    rows.push({
      probabilityMin: grouped.scores[bounds[p + 1]! - 1]!,
      probabilityMax: grouped.scores[bounds[p]!]!,
      count,
      observedBads: observed,
      expectedBads: expected,
      observedGoods: count - observed,
      expectedGoods: count - expected,
    });
  }
  const df = rows.length - 2;
  return { statistic, df, pValue: df > 0 ? chiSquareUpperTail(statistic, df) : null, rows };
}

/**
 * The Brier score, mean (p − y)² over applicants (Brier, Monthly Weather Review 78(1), 1950): 0 is a
 * perfect forecast, and always predicting the overall bad rate r scores r(1 − r).
 */
export function brierScore(probabilities: Numbers, y: Outcomes): number {
  checkProbabilities(probabilities, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const d = probabilities[i]! - y[i]!;
    sum += d * d;
  }
  return sum / y.length;
}
