/**
 * The numerical core of the scorecard's logistic regression: Newton–Raphson on the (L2-penalised)
 * Bernoulli log-likelihood, which for the canonical logit link is the same as iteratively reweighted
 * least squares (McCullagh & Nelder, *Generalized Linear Models*, 2nd ed., 1989, §2.5 and §4.4).
 * Objective: ℓ(β) − (λ/2)·Σ_{j≥1} β_j², with ℓ = Σ_i w_i·[y_i·η_i − ln(1 + e^{η_i})] and η = Xβ; the
 * intercept β_0 is not penalised. Gradient g = Xᵀ(w∘(y − p)) − λβ, information H = XᵀWX + λI with
 * W = diag(w_i·p_i(1 − p_i)); each step solves H·δ = g by Cholesky and halves δ while the objective
 * would fall (step-halving as in R's glm.fit), so a fit never moves to a worse point.
 *
 * The design is held as columns, one Float64Array per variable; H is accumulated in one pass over the
 * rows into a flat (k+1)×(k+1) Float64Array.
 */
import { type AliasedColumn, aliasedColumns } from './aliasing.js';
import { choleskyFactor, choleskySolve } from './cholesky.js';
import { addSymmetricBlock, BLOCK_ROWS, blockBuffers, mirrorUpper } from './cross-product.js';

/** One Newton–Raphson problem: design columns (without the intercept), the target and the settings. */
export interface IrlsProblem {
  readonly design: readonly Float64Array[];
  readonly y: Uint8Array;
  /** Case (frequency) weights, or undefined for all ones. */
  readonly weights: Float64Array | undefined;
  readonly l2: number;
  readonly maxIterations: number;
  readonly tolerance: number;
  /** Starting point [β_0, β_1, …]; the default is the null model (intercept = logit of the bad rate). */
  readonly start?: Float64Array | undefined;
  /** Check the first information matrix for collinear columns and stop with status `aliased` if any. */
  readonly detectAliased?: boolean;
  /**
   * After convergence, evaluate the information once more at the final estimate so that standard
   * errors belong to it (default true). A search that only compares fits can skip that pass.
   */
  readonly refreshInformation?: boolean;
}

/**
 * How the iterations ended. `stalled`: step-halving found no better point although the step was
 * large; `aliased`: stopped before the first step because columns are collinear (see `aliased`).
 */
export type IrlsStatus = 'converged' | 'max-iterations' | 'singular' | 'stalled' | 'aliased';

/** The end point of the iterations. */
export interface IrlsResult {
  /** [β_0, β_1, …, β_k]. */
  readonly beta: Float64Array;
  /** The linear predictor Xβ at `beta`, one per row. */
  readonly eta: Float64Array;
  /**
   * Cholesky factor of the penalised information H: at `beta` when converged (unless
   * `refreshInformation` was false), otherwise at the point before the last step; null when H was
   * singular.
   */
  readonly factor: Float64Array | null;
  /** Unpenalised log-likelihood at `beta`. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly status: IrlsStatus;
  /** With status `aliased`: the collinear design columns (positions after the intercept). */
  readonly aliased?: readonly AliasedColumn[];
}

/** Number of step halvings tried before a step is declared unable to improve the objective. */
const MAX_HALVINGS = 30;

/** η = β_0 + Σ_j β_j·x_j, column by column into `out`. */
export function linearPredictor(
  design: readonly Float64Array[],
  beta: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  out.fill(beta[0]!);
  for (let j = 0; j < design.length; j++) {
    const b = beta[j + 1]!;
    if (b === 0) continue;
    const x = design[j]!;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + b * x[i]!;
  }
  return out;
}

/**
 * Σ_i w_i·[y_i·η_i − ln(1 + e^{η_i})], written as y·η − max(η, 0) − ln(1 + e^{−|η|}) so that it
 * neither overflows nor loses the tiny terms of well-classified rows.
 */
export function bernoulliLogLikelihood(
  eta: Float64Array,
  y: Uint8Array,
  weights: Float64Array | undefined,
): number {
  let sum = 0;
  for (let i = 0; i < eta.length; i++) {
    const e = eta[i]!;
    const term = y[i]! * e - Math.max(e, 0) - Math.log1p(Math.exp(-Math.abs(e)));
    sum += weights === undefined ? term : weights[i]! * term;
  }
  return sum;
}

/**
 * Gradient Xᵀ(w∘(y − p)) and XᵀWX (both triangles) at η, in one pass over the rows in blocks. Both
 * outputs are overwritten. p = 1/(1 + e^{−η}) and p(1 − p) = e^{−|η|}/(1 + e^{−|η|})² are computed
 * from e^{−|η|} so that neither overflows.
 */
export function accumulateInformation(
  design: readonly Float64Array[],
  y: Uint8Array,
  weights: Float64Array | undefined,
  eta: Float64Array,
  gradient: Float64Array,
  information: Float64Array,
): void {
  const m = design.length + 1;
  const x = blockBuffers(m);
  const wx = blockBuffers(m);
  const residual = new Float64Array(BLOCK_ROWS);
  x[0]!.fill(1);
  gradient.fill(0);
  information.fill(0);
  for (let start = 0; start < eta.length; start += BLOCK_ROWS) {
    const len = Math.min(BLOCK_ROWS, eta.length - start);
    const w = wx[0]!;
    let g0 = 0;
    for (let i = 0; i < len; i++) {
      const row = start + i;
      const wt = weights === undefined ? 1 : weights[row]!;
      const e = eta[row]!;
      const ex = Math.exp(-Math.abs(e));
      const inv = 1 / (1 + ex);
      const p = e >= 0 ? inv : ex * inv;
      w[i] = wt * ex * inv * inv;
      const r = wt * (y[row]! - p);
      residual[i] = r;
      g0 += r;
    }
    gradient[0] = gradient[0]! + g0;
    for (let a = 1; a < m; a++) {
      const source = design[a - 1]!;
      const xa = x[a]!;
      const wa = wx[a]!;
      let ga = 0;
      for (let i = 0; i < len; i++) {
        const v = source[start + i]!;
        xa[i] = v;
        wa[i] = w[i]! * v;
        ga += residual[i]! * v;
      }
      gradient[a] = gradient[a]! + ga;
    }
    addSymmetricBlock(wx, x, len, information, m);
  }
  mirrorUpper(information, m);
}

/** (λ/2)·Σ_{j≥1} β_j²: the penalty leaves the intercept free. */
function penalty(beta: Float64Array, l2: number): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (let j = 1; j < beta.length; j++) s += beta[j]! * beta[j]!;
  return 0.5 * l2 * s;
}

/** max_j |δ_j|/(1 + |β_j|): the step relative to the size of each coefficient. */
function largestStep(step: Float64Array, beta: Float64Array): number {
  let largest = 0;
  for (let j = 0; j < step.length; j++)
    largest = Math.max(largest, Math.abs(step[j]!) / (1 + Math.abs(beta[j]!)));
  return largest;
}

/** The null model's start: intercept = logit of the weighted bad rate, all coefficients 0. */
function nullStart(m: number, y: Uint8Array, weights: Float64Array | undefined): Float64Array {
  let bad = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const wt = weights === undefined ? 1 : weights[i]!;
    bad += wt * y[i]!;
    total += wt;
  }
  const beta = new Float64Array(m);
  beta[0] = Math.log(bad / (total - bad));
  return beta;
}

/**
 * Runs Newton–Raphson from `start` for at most `maxIterations` steps, until a full (unhalved) step
 * changes the penalised deviance D = −2·(ℓ − penalty) by at most tolerance·(|D| + 0.1), the criterion
 * of R's glm.fit (glm.control's epsilon). By quadratic convergence the coefficients are then accurate
 * to about the square of the previous step. Never throws on data problems: a singular information
 * matrix or an exhausted iteration budget is reported in `status`.
 */
export function runIrls(problem: IrlsProblem): IrlsResult {
  const { design, y, weights, l2, maxIterations, tolerance } = problem;
  const n = y.length;
  const m = design.length + 1;
  const beta = problem.start ? Float64Array.from(problem.start) : nullStart(m, y, weights);
  let eta: Float64Array = linearPredictor(design, beta, new Float64Array(n));
  let trialEta: Float64Array = new Float64Array(n);
  const direction = new Float64Array(n);
  const gradient = new Float64Array(m);
  const information = new Float64Array(m * m);
  const step = new Float64Array(m);
  let logLikelihood = bernoulliLogLikelihood(eta, y, weights);
  let objective = logLikelihood - penalty(beta, l2);
  let factor: Float64Array | null = null;
  let status: IrlsStatus = 'max-iterations';
  let iterations = 0;

  // Adds the penalty to the accumulated gradient and information and factors the latter; false
  // when it is not positive definite.
  const penaliseAndFactor = (): boolean => {
    for (let j = 1; j < m; j++) {
      gradient[j] = gradient[j]! - l2 * beta[j]!;
      information[j * m + j] = information[j * m + j]! + l2;
    }
    return choleskyFactor(information, m) === -1;
  };

  while (iterations < maxIterations) {
    accumulateInformation(design, y, weights, eta, gradient, information);
    if (iterations === 0 && problem.detectAliased) {
      const aliased = aliasedColumns(information, m);
      if (aliased.length > 0)
        return { beta, eta, factor: null, logLikelihood, iterations, status: 'aliased', aliased };
    }
    if (!penaliseAndFactor()) {
      factor = null;
      status = 'singular';
      break;
    }
    factor = information.slice();
    step.set(gradient);
    choleskySolve(factor, m, step);
    iterations++;

    // Xδ once; a halved step t·δ moves η by t·Xδ.
    direction.fill(step[0]!);
    for (let j = 1; j < m; j++) {
      const s = step[j]!;
      const x = design[j - 1]!;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! + s * x[i]!;
    }
    // Rounding makes the objective jitter by ~1e-16 relative at the optimum; do not halve over that.
    const slack = 1e-12 * (1 + Math.abs(objective));
    const previous = objective;
    let t = 1;
    let accepted = false;
    for (let h = 0; h <= MAX_HALVINGS; h++, t /= 2) {
      for (let i = 0; i < n; i++) trialEta[i] = eta[i]! + t * direction[i]!;
      const trialLl = bernoulliLogLikelihood(trialEta, y, weights);
      let trialPenalty = 0;
      if (l2 !== 0) {
        for (let j = 1; j < m; j++) trialPenalty += (beta[j]! + t * step[j]!) ** 2;
        trialPenalty *= 0.5 * l2;
      }
      const trialObjective = trialLl - trialPenalty;
      if (trialObjective >= objective - slack) {
        for (let j = 0; j < m; j++) beta[j] = beta[j]! + t * step[j]!;
        [eta, trialEta] = [trialEta, eta];
        logLikelihood = trialLl;
        objective = trialObjective;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // No better point along a step this small means we are at the optimum up to rounding.
      status = largestStep(step, beta) <= Math.sqrt(tolerance) ? 'converged' : 'stalled';
      break;
    }
    if (t === 1 && Math.abs(objective - previous) <= 0.5 * tolerance * (Math.abs(2 * objective) + 0.1)) {
      status = 'converged';
      break;
    }
  }
  // Standard errors belong to the final estimate: one more information pass, no further step.
  if (status === 'converged' && iterations > 0 && problem.refreshInformation !== false) {
    accumulateInformation(design, y, weights, eta, gradient, information);
    if (penaliseAndFactor()) factor = information.slice();
  }
  return { beta, eta, factor, logLikelihood, iterations, status };
}
