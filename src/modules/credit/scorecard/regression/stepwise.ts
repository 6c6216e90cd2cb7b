/**
 * Stepwise variable selection for the scorecard regression, by AIC or by validation AUC, forward or
 * bidirectional. Each forward step ranks every remaining candidate with Rao's score test from the
 * current fit (one pass over the rows for all of them, see `score-test.ts`) and fits only the
 * `shortlist` best, warm-started from the one-step Newton estimate; the criterion of the actual fit
 * decides. This replaces the k refits per step of a naive search (as in R's step()) by one, at the
 * cost of trusting the score ranking, which agrees with the likelihood-ratio ranking to first order.
 *
 * - AIC: a variable enters when its fit lowers AIC = −2ℓ + 2(k+1); the search stops when the best
 *   shortlisted candidate does not lower it.
 * - AUC: a variable enters when its fit raises the AUC on the validation sample by at least
 *   `minGain`; the AUC function is the caller's (scores are logits of P(bad): higher = riskier).
 * - Bidirectional: after each entry, variables already in the model (ranked by their Wald z²,
 *   smallest first) are tried for removal, and one goes when the criterion strictly improves without
 *   it. Every accepted move strictly improves the criterion, so the search cannot cycle.
 */
import { type FitDetails, fitLogisticDetailed, type LogisticFit, predictLogit } from './logistic.js';
import { validateRegressionData } from './regression-data.js';
import { scoreTests } from './score-test.js';

/** Settings of `stepwise`; the fit settings are passed to every `fitLogistic` call. */
export interface StepwiseOptions {
  readonly criterion?: 'aic' | 'auc';
  readonly direction?: 'forward' | 'both';
  /** The sample the AUC criterion is measured on; columns laid out like the training columns. */
  readonly validation?: { readonly columns: readonly Float64Array[]; readonly y: Uint8Array };
  /** AUC of scores (higher = more likely bad) against y (1 = bad); required with criterion 'auc'. */
  readonly auc?: (scores: Float64Array, y: Uint8Array) => number;
  /** Smallest validation-AUC gain for a variable to enter (criterion 'auc'); default 0.0005. */
  readonly minGain?: number;
  /** Candidates fitted per step, best score statistics first; default 1 for AIC, 5 for AUC. */
  readonly shortlist?: number;
  /** Stop once this many variables are in the model; default no limit. */
  readonly maxVariables?: number;
  /** Stop after this many accepted moves (entries and removals); default 4·columns + 10. */
  readonly maxSteps?: number;
  readonly l2?: number;
  readonly weights?: Float64Array;
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Variable names by column index, for warning texts. */
  readonly names?: readonly string[];
  readonly expectNegative?: boolean;
}

/** One accepted move of the search (step 0 is the intercept-only start). */
export interface StepwiseStep {
  readonly step: number;
  readonly added?: number;
  readonly removed?: number;
  readonly aic?: number;
  readonly auc?: number;
}

/** The selection: `fit.coefficients[i]` belongs to column `selected[i]`. */
export interface StepwiseResult {
  /** Selected column indices in order of entry. */
  readonly selected: number[];
  readonly steps: StepwiseStep[];
  readonly fit: LogisticFit;
}

/**
 * Removing a variable lowers AIC when its likelihood-ratio statistic is below 2; its Wald z² estimates
 * that statistic, so only variables with z² below twice that bound are worth a refit.
 */
const REMOVAL_Z2 = 4;

/** A fitted model of the search, with its criterion value (lower AIC or higher AUC is better). */
interface Candidate {
  readonly variables: number[];
  readonly details: FitDetails;
  readonly aic: number;
  readonly auc: number | undefined;
}

/**
 * Selects variables from `columns` (one Float64Array per candidate variable) for a logistic model of
 * `y` (1 = bad). Throws a RangeError for malformed input or options (criterion 'auc' without
 * `validation` and `auc`).
 */
export function stepwise(
  columns: readonly Float64Array[],
  y: Uint8Array,
  options: StepwiseOptions = {},
): StepwiseResult {
  const {
    criterion = 'aic',
    direction = 'forward',
    validation,
    auc,
    minGain = 0.0005,
    weights,
    l2 = 0,
  } = options;
  const shortlist = options.shortlist ?? (criterion === 'aic' ? 1 : 5);
  const maxVariables = options.maxVariables ?? columns.length;
  const maxSteps = options.maxSteps ?? 4 * columns.length + 10;
  if (!Number.isInteger(shortlist) || shortlist < 1)
    throw new RangeError(`shortlist must be a positive integer, not ${shortlist}`);
  if (!(minGain >= 0)) throw new RangeError(`minGain must be ≥ 0, not ${minGain}`);
  validateRegressionData(columns, y, weights);
  if (criterion === 'auc') {
    if (!validation || !auc) throw new RangeError("criterion 'auc' needs both `validation` and `auc`");
    if (validation.columns.length !== columns.length) {
      throw new RangeError(
        `validation has ${validation.columns.length} columns, training has ${columns.length}`,
      );
    }
    validateRegressionData(validation.columns, validation.y, undefined, 'validation.columns');
  }

  const fitOptions = {
    l2,
    weights,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    names: options.names,
    expectNegative: options.expectNegative,
  };
  // Fits of the search skip the final information pass; the selected model is refitted at the end.
  const fitModel = (variables: number[], start?: Float64Array, quick = true): Candidate | undefined => {
    const details = fitLogisticDetailed(
      variables.map((j) => columns[j]!),
      y,
      {
        ...fitOptions,
        start: start && { intercept: start[0]!, coefficients: Array.from(start.subarray(1)) },
      },
      { trusted: true, indexMap: variables, quick },
    );
    // A model that did not converge or left a column out is not a usable step.
    if (!details.fit.converged || details.active.length !== variables.length) return undefined;
    const score =
      criterion === 'auc' && validation && auc
        ? variables.length === 0
          ? 0.5 // the intercept-only model scores everyone alike: every pair is a tie
          : auc(
              predictLogit(
                details.fit,
                variables.map((j) => validation.columns[j]!),
              ),
              validation.y,
            )
        : undefined;
    return { variables, details, aic: details.fit.aic, auc: score };
  };
  // How much `next` improves on `current`; a move needs a gain > 0 (and ≥ minGain to add by AUC).
  const gain = (next: Candidate, current: Candidate): number =>
    criterion === 'aic' ? current.aic - next.aic : next.auc! - current.auc!;
  const log = (step: number, c: Candidate, move: { added?: number; removed?: number }): StepwiseStep => ({
    step,
    ...move,
    aic: c.aic,
    ...(c.auc === undefined ? {} : { auc: c.auc }),
  });

  let current = fitModel([]);
  if (!current) throw new Error('the intercept-only model failed to converge');
  const steps: StepwiseStep[] = [log(0, current, {})];

  while (steps.length <= maxSteps && current.variables.length < maxVariables) {
    const entered = forwardStep(current);
    if (!entered) break;
    current = entered;
    steps.push(log(steps.length, current, { added: current.variables.at(-1)! }));
    if (direction === 'both') {
      let removed = backwardStep(current);
      while (removed && steps.length <= maxSteps) {
        steps.push(log(steps.length, removed.model, { removed: removed.variable }));
        current = removed.model;
        removed = backwardStep(current);
      }
    }
  }
  // From its own solution the refit converges at once, with standard errors at the final estimate.
  const final = fitModel(current.variables, current.details.core.beta, false) ?? current;
  return { selected: current.variables, steps, fit: final.details.fit };

  function forwardStep(model: Candidate): Candidate | undefined {
    const pool = columns.map((_, j) => j).filter((j) => !model.variables.includes(j));
    if (pool.length === 0) return undefined;
    const { core } = model.details;
    const tests = scoreTests(
      model.variables.map((j) => columns[j]!),
      pool.map((j) => columns[j]!),
      y,
      weights,
      core.eta,
      core.beta,
      l2,
    );
    const ranked = pool
      .map((j, c) => ({ j, c, s: tests.statistic[c]! }))
      .filter((t) => t.s > 0)
      .sort((a, b) => b.s - a.s || a.j - b.j);
    let best: Candidate | undefined;
    let tried = 0;
    for (const t of ranked) {
      if (tried >= shortlist) break;
      const next = fitModel([...model.variables, t.j], tests.start(t.c));
      if (!next) continue;
      tried++;
      if (!best || gain(next, best) > 0) best = next;
    }
    if (!best) return undefined;
    const g = gain(best, model);
    return g > 0 && (criterion === 'aic' || g >= minGain) ? best : undefined;
  }

  function backwardStep(model: Candidate): { model: Candidate; variable: number } | undefined {
    const { fit: f } = model.details;
    const last = model.variables.length - 1;
    const ranked = model.variables
      .map((j, at) => ({ j, at, z2: f.z[at + 1]! ** 2 }))
      .filter((t) => t.at !== last && (criterion === 'auc' || t.z2 < REMOVAL_Z2))
      .sort((a, b) => a.z2 - b.z2)
      .slice(0, shortlist);
    for (const t of ranked) {
      const start = model.details.core.beta.filter((_, a) => a !== t.at + 1);
      const next = fitModel(
        model.variables.filter((j) => j !== t.j),
        start,
      );
      if (next && gain(next, model) > 0) return { model: next, variable: t.j };
    }
    return undefined;
  }
}
