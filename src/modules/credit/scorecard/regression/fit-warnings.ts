/**
 * The warnings a logistic fit can carry, each with its text in English and Simplified Chinese. A
 * warning never stops a fit: the caller decides whether a wrong-signed or separated model is usable.
 * Variables are named by the caller's name when one was given, and always by their column index.
 */
import { formatStatistic, variableLabel } from './variable-label.js';

/** What a fit warning is about. */
export type FitWarningCode =
  | 'FK_WARN_WRONG_SIGN'
  | 'FK_WARN_SEPARATION'
  | 'FK_WARN_NOT_CONVERGED'
  | 'FK_WARN_SINGULAR_INFORMATION'
  | 'FK_WARN_CONSTANT_COLUMN'
  | 'FK_WARN_COLLINEAR';

/** One warning of a fit; `variableIndex` is the column it concerns, when it concerns one. */
export interface FitWarning {
  readonly code: FitWarningCode;
  readonly variableIndex?: number;
  readonly en: string;
  readonly zh: string;
}

/**
 * A positive coefficient on a WOE input: WOE = ln(%good/%bad) grows with quality while the model
 * predicts P(bad), so a positive sign says better bins are riskier (usually a binning or
 * collinearity problem; Siddiqi, *Credit Risk Scorecards*, 2006, "Scorecard Development").
 */
export function wrongSignWarning(index: number, coefficient: number, names?: readonly string[]): FitWarning {
  const v = variableLabel(index, names);
  return {
    code: 'FK_WARN_WRONG_SIGN',
    variableIndex: index,
    en: `Variable ${v.en} has a positive coefficient (${formatStatistic(coefficient)}); on WOE inputs it should be negative. Check its binning or correlation with other variables, or drop it.`,
    zh: `变量${v.zh}的系数为正（${formatStatistic(coefficient)}）；以 WOE 为输入时系数应为负。请检查其分箱及与其他变量的相关性，或剔除该变量。`,
  };
}

/** Fitted probabilities at 0 or 1: the classes are (quasi-)separated and the MLE does not exist. */
export function separationWarning(maxAbsLogit: number): FitWarning {
  return {
    code: 'FK_WARN_SEPARATION',
    en: `Fitted probabilities numerically 0 or 1 occurred (|logit| up to ${formatStatistic(maxAbsLogit)}): the inputs (quasi-)separate goods from bads, so coefficients and standard errors are not reliable.`,
    zh: `出现数值上为 0 或 1 的拟合概率（|logit| 最大 ${formatStatistic(maxAbsLogit)}）：输入变量（准）完全分离了好坏样本，系数和标准误不可靠。`,
  };
}

/** The Newton iterations stopped before the step became small enough. */
export function notConvergedWarning(iterations: number, stalled: boolean): FitWarning {
  const why = stalled
    ? { en: 'the log-likelihood could not be increased further', zh: '对数似然无法继续提高' }
    : { en: `the iteration limit of ${iterations} was reached`, zh: `已达到迭代次数上限 ${iterations}` };
  return {
    code: 'FK_WARN_NOT_CONVERGED',
    en: `The logistic regression did not converge: ${why.en}. The estimates are the last iterate.`,
    zh: `逻辑回归未收敛：${why.zh}。结果为最后一次迭代的估计值。`,
  };
}

/** The information matrix stopped being positive definite during the iterations. */
export function singularInformationWarning(): FitWarning {
  return {
    code: 'FK_WARN_SINGULAR_INFORMATION',
    en: 'The information matrix became singular during fitting (usually separation or near-collinear inputs); standard errors are not available.',
    zh: '拟合过程中信息矩阵变为奇异（通常由于完全分离或输入变量近似共线）；无法给出标准误。',
  };
}

/** A column with one value only: confounded with the intercept, so its coefficient is fixed at 0. */
export function constantColumnWarning(index: number, names?: readonly string[]): FitWarning {
  const v = variableLabel(index, names);
  return {
    code: 'FK_WARN_CONSTANT_COLUMN',
    variableIndex: index,
    en: `Variable ${v.en} is constant; its coefficient is fixed at 0 and has no standard error.`,
    zh: `变量${v.zh}为常数；其系数固定为 0，没有标准误。`,
  };
}

/** A column that is a linear combination of others: not identifiable, so its coefficient is fixed at 0. */
export function collinearWarning(
  index: number,
  others: readonly number[],
  names?: readonly string[],
): FitWarning {
  const v = variableLabel(index, names);
  const en = others.map((o) => variableLabel(o, names).en).join(', ');
  const zh = others.map((o) => variableLabel(o, names).zh).join('、');
  return {
    code: 'FK_WARN_COLLINEAR',
    variableIndex: index,
    en: `Variable ${v.en} is a linear combination of ${others.length > 0 ? en : 'the intercept'} (the information matrix is singular); its coefficient is fixed at 0 and has no standard error.`,
    zh: `变量${v.zh}是${others.length > 0 ? zh : '截距'}的线性组合（信息矩阵奇异）；其系数固定为 0，没有标准误。`,
  };
}
