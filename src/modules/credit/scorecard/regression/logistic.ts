/**
 * Logistic regression of P(bad) on a scorecard's WOE-encoded variables, fitted by Newton–Raphson
 * (IRLS) with an optional L2 penalty on the coefficients, with the standard errors, Wald z and
 * p-values a credit-risk reviewer expects, and warnings instead of failures for the problems real
 * data has: wrong signs, separation, non-convergence, constant and collinear columns.
 *
 * Sign convention: WOE = ln(%good/%bad) grows with quality and the model predicts P(bad) (y = 1 is
 * bad), so coefficients are expected to be negative; a positive one is reported as
 * FK_WARN_WRONG_SIGN. Standard errors are the square roots of the diagonal of the inverse of the
 * (penalised) information matrix XᵀWX + λI (McCullagh & Nelder, *Generalized Linear Models*, 1989,
 * §4.4.2); with λ > 0 they are the usual ridge approximation, not exact sampling errors.
 */
import { twoSidedPValue } from '../../stats/normal.js';
import { constantColumns } from './aliasing.js';
import { choleskyInverseDiagonal } from './cholesky.js';
import {
  collinearWarning,
  constantColumnWarning,
  type FitWarning,
  notConvergedWarning,
  separationWarning,
  singularInformationWarning,
  wrongSignWarning,
} from './fit-warnings.js';
import { type IrlsResult, linearPredictor, runIrls } from './irls.js';
import { validateFitSettings, validateRegressionData } from './regression-data.js';

export type { FitWarning, FitWarningCode } from './fit-warnings.js';

/** Settings of `fitLogistic`. */
export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept), in units of the log-likelihood: objective ℓ − (λ/2)Σβ². */
  readonly l2?: number;
  readonly maxIterations?: number;
  /** Converged when a full Newton step changes the (penalised) deviance D by at most tolerance·(|D| + 0.1). */
  readonly tolerance?: number;
  /** Case (frequency) weights, ≥ 0: a weight of 2 is the same as the row appearing twice. */
  readonly weights?: Float64Array;
  /** Variable names by column index, used in warning texts. */
  readonly names?: readonly string[];
  /** Warn about positive coefficients (WOE inputs; default true). Set false for other encodings. */
  readonly expectNegative?: boolean;
  /** Starting point (a warm start from a related fit); the default is the intercept-only model. */
  readonly start?: { readonly intercept: number; readonly coefficients: readonly number[] };
}

/** A fitted logistic regression. Arrays of statistics are [intercept, ...coefficients]. */
export interface LogisticFit {
  readonly intercept: number;
  /** One per input column; 0 for a column left out as constant or collinear. */
  readonly coefficients: number[];
  /** [intercept, ...coefficients]; NaN for a column left out, or when the information matrix was singular. */
  readonly standardErrors: number[];
  /** Wald statistics estimate / standard error, [intercept, ...coefficients]. */
  readonly z: number[];
  /** Two-sided p-values of `z` from the standard normal, [intercept, ...coefficients]. */
  readonly pValues: number[];
  /** Unpenalised log-likelihood Σ w·[y·ln p + (1 − y)·ln(1 − p)]. */
  readonly logLikelihood: number;
  /** −2·logLikelihood (the saturated model of 0/1 data has log-likelihood 0). */
  readonly deviance: number;
  /** −2·logLikelihood + 2·(estimated coefficients + 1); columns left out are not counted. */
  readonly aic: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly warnings: FitWarning[];
}

/** What the stepwise search needs besides the public fit: the end state of the iterations. */
export interface FitDetails {
  readonly fit: LogisticFit;
  readonly core: IrlsResult;
  /** Input column positions that were estimated, in the order of `core.beta[1..]`. */
  readonly active: readonly number[];
}

/** How `fitLogisticDetailed` is called from inside the regression folder. */
export interface FitContext {
  /** Data already validated by the caller. */
  readonly trusted?: boolean;
  /** Maps a column position to the index shown in warnings (and looked up in `names`). */
  readonly indexMap?: readonly number[];
  /** Skip the final information pass: standard errors are then one (converged) step stale. */
  readonly quick?: boolean;
}

/** R's glm.fit flags fitted probabilities within 10·ε of 0 or 1: |η| above ln(1/(10ε)) ≈ 33.7. */
const SEPARATION_LOGIT = Math.log(1 / (10 * Number.EPSILON));

/**
 * Fits P(bad) = 1/(1 + e^{−(α + Σβ_j·x_j)}) by maximum (penalised) likelihood. `columns` holds one
 * Float64Array per variable (all of length n), `y` is 1 for bad and 0 for good. Throws a RangeError
 * for malformed input (lengths, non-finite values, a target without both classes); every data
 * problem is a warning in the result.
 */
export function fitLogistic(
  columns: readonly Float64Array[],
  y: Uint8Array,
  options: LogisticOptions = {},
): LogisticFit {
  return fitLogisticDetailed(columns, y, options).fit;
}

/** `fitLogistic` plus the iteration state, for the stepwise search. */
export function fitLogisticDetailed(
  columns: readonly Float64Array[],
  y: Uint8Array,
  options: LogisticOptions = {},
  context: FitContext = {},
): FitDetails {
  const { l2 = 0, maxIterations = 50, tolerance = 1e-10, weights, names, expectNegative = true } = options;
  validateFitSettings(l2, maxIterations, tolerance);
  if (!context.trusted) validateRegressionData(columns, y, weights);
  const k = columns.length;
  const shown = (j: number): number => context.indexMap?.[j] ?? j;
  const warnings: FitWarning[] = [];

  const constant = constantColumns(columns, weights);
  for (const j of constant) warnings.push(constantColumnWarning(shown(j), names));
  let active = columns.map((_, j) => j).filter((j) => !constant.includes(j));
  // With λ > 0 collinear columns are still estimable (ridge), so only the unpenalised fit checks.
  const detectAliased = l2 === 0;
  const { start } = options;
  if (start && start.coefficients.length !== k) {
    throw new RangeError(`start has ${start.coefficients.length} coefficients, columns has ${k}`);
  }
  let core: IrlsResult;
  for (;;) {
    core = runIrls({
      design: active.map((j) => columns[j]!),
      y,
      weights,
      l2,
      maxIterations,
      tolerance,
      start: start && Float64Array.from([start.intercept, ...active.map((j) => start.coefficients[j]!)]),
      detectAliased,
      refreshInformation: !context.quick,
    });
    if (core.status !== 'aliased') break;
    // Leave the collinear columns out and fit again; the second run finds none.
    const positions = active;
    const dropped = new Set<number>();
    for (const a of core.aliased ?? []) {
      const j = positions[a.index]!;
      dropped.add(j);
      warnings.push(
        collinearWarning(
          shown(j),
          a.with.map((t) => shown(positions[t]!)),
          names,
        ),
      );
    }
    active = active.filter((j) => !dropped.has(j));
  }

  const m = active.length + 1;
  const variance = core.factor
    ? choleskyInverseDiagonal(core.factor, m)
    : new Float64Array(m).fill(Number.NaN);
  const coefficients = new Array<number>(k).fill(0);
  const standardErrors = new Array<number>(k + 1).fill(Number.NaN);
  standardErrors[0] = Math.sqrt(variance[0]!);
  active.forEach((j, a) => {
    coefficients[j] = core.beta[a + 1]!;
    standardErrors[j + 1] = Math.sqrt(variance[a + 1]!);
  });
  const estimates = [core.beta[0]!, ...coefficients];
  const z = estimates.map((b, j) => b / standardErrors[j]!);

  if (core.status === 'singular') warnings.push(singularInformationWarning());
  if (core.status === 'max-iterations' || core.status === 'stalled') {
    warnings.push(notConvergedWarning(core.iterations, core.status === 'stalled'));
  }
  let maxAbsLogit = 0;
  for (let i = 0; i < core.eta.length; i++) {
    if (weights === undefined || weights[i]! > 0) maxAbsLogit = Math.max(maxAbsLogit, Math.abs(core.eta[i]!));
  }
  if (maxAbsLogit > SEPARATION_LOGIT) warnings.push(separationWarning(maxAbsLogit));
  if (expectNegative) {
    for (const j of active)
      if (coefficients[j]! > 0) warnings.push(wrongSignWarning(shown(j), coefficients[j]!, names));
  }

  const fit: LogisticFit = {
    intercept: core.beta[0]!,
    coefficients,
    standardErrors,
    z,
    pValues: z.map(twoSidedPValue),
    logLikelihood: core.logLikelihood,
    deviance: -2 * core.logLikelihood,
    aic: -2 * core.logLikelihood + 2 * m,
    iterations: core.iterations,
    converged: core.status === 'converged',
    warnings,
  };
  return { fit, core, active };
}

/**
 * The fitted log-odds of bad, α + Σβ_j·x_j, for each row of `columns` (laid out as in the fit).
 * Throws a RangeError when the number of columns or their lengths do not match. An intercept-only fit
 * has no columns to take n from and gives an empty array.
 */
export function predictLogit(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  columns: readonly Float64Array[],
): Float64Array {
  if (columns.length !== fit.coefficients.length) {
    throw new RangeError(
      `the fit has ${fit.coefficients.length} coefficients, but ${columns.length} columns were given`,
    );
  }
  const n = columns[0]?.length ?? 0;
  columns.forEach((x, j) => {
    if (x.length !== n) throw new RangeError(`columns[${j}] has ${x.length} rows, columns[0] has ${n}`);
  });
  return linearPredictor(columns, [fit.intercept, ...fit.coefficients], new Float64Array(n));
}

/** The fitted probability of bad, 1/(1 + e^{−logit}), for each row of `columns`. */
export function predictProbability(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  columns: readonly Float64Array[],
): Float64Array {
  const eta = predictLogit(fit, columns);
  for (let i = 0; i < eta.length; i++) eta[i] = 1 / (1 + Math.exp(-eta[i]!));
  return eta;
}
