/**
 * Scorecard scaling: turning a logistic regression on WOE inputs into points, after Siddiqi,
 * *Credit Risk Scorecards* (Wiley, 2006), section "Scaling" of the scorecard development chapter:
 *
 *   score  = offset + factor · ln(odds)          odds are good:bad
 *   factor = pdo / ln 2                           pdo points double the odds
 *   offset = base_score − factor · ln(base_odds)  base_score points mean base_odds
 *   points of a bin = −(woe · β + α / n) · factor + offset / n
 *
 * with WOE = ln(%good / %bad), β the variable's coefficient and α the intercept of the regression of
 * P(bad) on the WOE inputs, and n the number of variables. Since ln(good:bad odds) = −(α + Σ βᵢ·woeᵢ),
 * the points of the bins a case falls in sum to offset + factor · ln(odds). The credit module trains;
 * these functions are shared so the points it writes are the points this format documents.
 */
import type { ScorecardScaling } from './scorecard-format.js';

/** The two constants of a scaling. */
export interface ScalingConstants {
  readonly factor: number;
  readonly offset: number;
}

/** factor = pdo / ln 2 and offset = base_score − factor · ln(base_odds) (Siddiqi 2006). */
export function scalingConstants(
  scaling: Pick<ScorecardScaling, 'pdo' | 'base_score' | 'base_odds'>,
): ScalingConstants {
  if (!(scaling.pdo > 0) || !(scaling.base_odds > 0))
    throw new RangeError('pdo and base_odds must be positive');
  const factor = scaling.pdo / Math.LN2;
  return { factor, offset: scaling.base_score - factor * Math.log(scaling.base_odds) };
}

/** The score of good:bad `odds` on this scale. */
export function scoreAtOdds(
  odds: number,
  scaling: Pick<ScorecardScaling, 'pdo' | 'base_score' | 'base_odds'>,
): number {
  const { factor, offset } = scalingConstants(scaling);
  return offset + factor * Math.log(odds);
}

/** The good:bad odds a score stands for: exp((score − offset) / factor). */
export function oddsAtScore(
  score: number,
  scaling: Pick<ScorecardScaling, 'pdo' | 'base_score' | 'base_odds'>,
): number {
  const { factor, offset } = scalingConstants(scaling);
  return Math.exp((score - offset) / factor);
}

/** A fitted logistic regression of P(bad) on WOE inputs: its intercept α and, per variable, β and the WOEs of its bins. */
export interface WoeRegression {
  readonly intercept: number;
  readonly variables: readonly { readonly coefficient: number; readonly woe: readonly number[] }[];
}

/**
 * The points of every bin and the base points of a card. In `spread` mode the intercept and offset
 * are shared evenly by the variables (Siddiqi's formula above) and base_points is 0; in `base` mode
 * they form base_points = offset − factor·α and a bin gives −woe·β·factor. Both sum to the same score.
 */
export function scorecardPointsFromModel(
  scaling: ScorecardScaling,
  model: WoeRegression,
): { readonly base_points: number; readonly points: number[][] } {
  const { factor, offset } = scalingConstants(scaling);
  const n = model.variables.length;
  if (n === 0) throw new RangeError('a scorecard needs at least one variable');
  const alpha = model.intercept;
  if (scaling.intercept_mode === 'base') {
    return {
      base_points: offset - factor * alpha,
      points: model.variables.map((v) => v.woe.map((w) => -(w * v.coefficient) * factor)),
    };
  }
  return {
    base_points: 0,
    points: model.variables.map((v) =>
      v.woe.map((w) => -(w * v.coefficient + alpha / n) * factor + offset / n),
    ),
  };
}
