/**
 * Shared input types and checks of the validation metrics. Every metric that orders applicants by risk
 * takes an explicit `higherIs` option, because the two score kinds a risk team handles point in
 * opposite directions: a scorecard's points rise as risk falls (`higherIs: 'good'`), a probability of
 * bad rises with risk (`higherIs: 'bad'`). Guessing from the data would silently invert AUC and KS for
 * a weak card, so there is no default.
 */
import type { Text } from '../../../kernel/i18n.js';

/** Which end of the score is the good end: `'good'` for scorecard points, `'bad'` for a probability of bad. */
export type HigherIs = 'good' | 'bad';

/** The direction option every ranking metric requires. */
export interface RankOptions {
  readonly higherIs: HigherIs;
}

/** Scores or probabilities, one per applicant. */
export type Numbers = Float64Array | readonly number[];

/** Outcomes, one per applicant: 1 = bad, 0 = good. */
export type Outcomes = Uint8Array | readonly number[];

/**
 * Invalid input to a validation metric (mismatched lengths, a label other than 0/1, a NaN score, a
 * sample without bads or goods). It is a RangeError whose message is the English text; `text` carries
 * both languages for the CLI and API to show.
 */
export class ValidationInputError extends RangeError {
  readonly text: Text;

  constructor(text: Text) {
    super(text.en);
    this.name = 'ValidationInputError';
    this.text = text;
  }
}

/** Checks the direction option at run time, for callers outside the type checker (CLI, JSON). */
export function checkHigherIs(options: RankOptions | undefined): HigherIs {
  const value: unknown = options?.higherIs;
  if (value !== 'good' && value !== 'bad') {
    throw new ValidationInputError({
      en: `higherIs must be 'good' (scorecard points) or 'bad' (probability of bad), not ${String(value)}`,
      zh: `higherIs 必须为 'good'（评分卡分数）或 'bad'（坏账概率），而不是 ${String(value)}`,
    });
  }
  return value;
}

const SCORE: Text = { en: 'score', zh: '分数' };

/**
 * Checks that scores and outcomes pair up and are not empty, that every outcome is 0 or 1 and no score is NaN, and
 * counts the bads. Infinite scores are allowed: they still rank.
 */
export function checkSample(scores: Numbers, y: Outcomes, what: Text = SCORE): { bads: number } {
  if (scores.length !== y.length) {
    throw new ValidationInputError({
      en: `${scores.length} values of ${what.en} but ${y.length} outcomes: they must pair up one to one`,
      zh: `${what.zh}有 ${scores.length} 个而结果有 ${y.length} 个：两者必须一一对应`,
    });
  }
  if (y.length === 0) {
    throw new ValidationInputError({ en: 'the sample is empty', zh: '样本为空' });
  }
  let bads = 0;
  for (let i = 0; i < y.length; i++) {
    const label = y[i];
    if (label !== 0 && label !== 1) {
      throw new ValidationInputError({
        en: `outcome ${i} is ${String(label)}: outcomes must be 1 (bad) or 0 (good)`,
        zh: `第 ${i} 个结果为 ${String(label)}：结果必须为 1（坏）或 0（好）`,
      });
    }
    if (Number.isNaN(scores[i])) {
      throw new ValidationInputError({ en: `${what.en} ${i} is NaN`, zh: `第 ${i} 个${what.zh}为 NaN` });
    }
    bads += label;
  }
  return { bads };
}

/** Refuses a sample that lacks bads or goods, for which no ranking metric is defined. */
export function requireBothClasses(bads: number, goods: number): void {
  if (bads === 0 || goods === 0) {
    throw new ValidationInputError({
      en: `the sample has ${bads} bads and ${goods} goods: validation needs at least one of each`,
      zh: `样本中坏样本 ${bads} 个、好样本 ${goods} 个：验证至少需要各一个`,
    });
  }
}
