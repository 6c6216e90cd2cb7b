/**
 * The validation report of a scorecard on one labelled sample: every figure the issue's `scorecard
 * report` command prints, as plain data (numbers, strings, arrays, objects) that survives
 * `JSON.stringify` unchanged.
 */
import type { Text } from '../../../kernel/i18n.js';
import { aucFromGroups } from './auc.js';
import { quantileEdges } from './bands.js';
import {
  brierScore,
  checkProbabilities,
  type HosmerLemeshowResult,
  hosmerLemeshowFromGroups,
} from './calibration.js';
import { checkHigherIs, type HigherIs, type Numbers, type Outcomes } from './input.js';
import { type KsResult, ksFromGroups } from './ks.js';
import { type LiftResult, liftFromGroups, type ScoreBandRow, scoreBands } from './lift.js';
import { scoreGroups } from './score-groups.js';
import { type PsiRow, psi, type StabilityResult } from './stability.js';

/** What the report is computed from. */
export interface ValidationReportInput {
  /** The card's scores. */
  readonly scores: Numbers;
  /** The card's probabilities of bad for the same applicants. */
  readonly probabilities: Numbers;
  /** Outcomes, 1 = bad. */
  readonly y: Outcomes;
  /** Which end of `scores` is good: `'good'` for scorecard points, `'bad'` for a risk score. */
  readonly higherIs: HigherIs;
  /** Score band edges for the bad-rate table; by default the sample's own score deciles. */
  readonly bands?: Numbers;
  /** Scores of the baseline (development) sample; when given, the report includes the PSI. */
  readonly baseline?: Numbers;
  /** Rows of the KS, lift and Hosmer–Lemeshow tables; 10 by default. */
  readonly groups?: number;
}

/** The validation report. */
export interface ValidationReport {
  readonly higherIs: HigherIs;
  readonly sample: {
    readonly count: number;
    readonly bads: number;
    readonly goods: number;
    readonly badRate: number;
  };
  readonly auc: number;
  readonly gini: number;
  readonly ks: KsResult;
  readonly lift: LiftResult;
  readonly scoreBands: readonly ScoreBandRow[];
  readonly hosmerLemeshow: HosmerLemeshowResult;
  readonly brier: number;
  /** PSI of the scores against the baseline's deciles, or null without a baseline. */
  readonly psi: StabilityResult<PsiRow> | null;
  /** Things a reader should check, such as a direction that looks inverted. */
  readonly warnings: readonly Text[];
}

/**
 * Computes the report. Scores are sorted once for AUC, KS and lift, and probabilities once for their
 * AUC and Hosmer–Lemeshow. Since the probability is a decreasing (points) or increasing (risk score)
 * function of the score, both should rank alike; when the scores rank worse than chance while the
 * probabilities rank better, `higherIs` is almost certainly wrong and the report says so.
 */
export function validationReport(input: ValidationReportInput): ValidationReport {
  const higherIs = checkHigherIs(input);
  const parts = input.groups ?? 10;
  checkProbabilities(input.probabilities, input.y);
  const grouped = scoreGroups(input.scores, input.y, { higherIs });
  const groupedProbabilities = scoreGroups(input.probabilities, input.y, { higherIs: 'bad' });
  const { auc, gini } = aucFromGroups(grouped);
  const probabilityAuc = aucFromGroups(groupedProbabilities).auc;
  const warnings: Text[] = [];
  if (auc < 0.5 && probabilityAuc > 0.5) {
    warnings.push({
      en: `the scores rank bads as safer than goods (AUC ${auc.toFixed(3)}) while the probabilities rank them correctly (AUC ${probabilityAuc.toFixed(3)}): check higherIs ('${higherIs}')`,
      zh: `分数把坏样本排得比好样本更安全（AUC ${auc.toFixed(3)}），而概率排序正确（AUC ${probabilityAuc.toFixed(3)}）：请检查 higherIs（'${higherIs}'）`,
    });
  } else if (auc < 0.5) {
    warnings.push({
      en: `the scores rank bads as safer than goods (AUC ${auc.toFixed(3)})`,
      zh: `分数把坏样本排得比好样本更安全（AUC ${auc.toFixed(3)}）`,
    });
  }
  const { count, totalBads, totalGoods } = grouped;
  return {
    higherIs,
    sample: { count, bads: totalBads, goods: totalGoods, badRate: totalBads / count },
    auc,
    gini,
    ks: ksFromGroups(grouped, parts),
    lift: liftFromGroups(grouped, parts),
    scoreBands: scoreBands(input.scores, input.y, input.bands ?? quantileEdges(input.scores, 10)),
    hosmerLemeshow: hosmerLemeshowFromGroups(groupedProbabilities, parts),
    brier: brierScore(input.probabilities, input.y),
    psi: input.baseline ? psi(input.baseline, input.scores) : null,
    warnings,
  };
}
