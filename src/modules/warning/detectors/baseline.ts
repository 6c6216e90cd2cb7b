/**
 * The in-control target μ0 and standard deviation σ of a control chart (EWMA, CUSUM): given by the
 * user, or estimated from the first `estimateFrom` points. Montgomery (Introduction to Statistical
 * Quality Control, ch. 5, Phase I and Phase II of control chart application) separates the phases: the first points only
 * establish μ0 and σ (Phase I) and are not charted; monitoring (Phase II) starts with the next point,
 * with EWMA time t = 1. The estimates are the sample mean and the sample standard deviation (divisor
 * n − 1) of those points. A calibration whose points are all equal gives σ = 0, after which any
 * departure from μ0 signals.
 */
import type { Text } from '../../../kernel/i18n.js';
import { checkNumber, problem } from './common.js';
import { sampleMoments } from './sample-moments.js';
import { nullableNumberField, numbersField } from './state-check.js';

/** How many points estimate μ0 and σ when they are not given. */
export const DEFAULT_ESTIMATE_FROM = 20;

/** The user's part: μ0 and σ when known, else how many first points estimate the missing ones. */
export interface BaselineOptions {
  readonly target?: number;
  readonly sigma?: number;
  readonly estimateFrom?: number;
}

/** μ0 and σ once known (null before), and the calibration points collected so far. */
export interface BaselineState {
  readonly target: number | null;
  readonly sigma: number | null;
  readonly pending: readonly number[];
}

/** What is wrong with the options, in both languages. */
export function baselineProblems(options: BaselineOptions): Text[] {
  const problems: Text[] = [];
  if (
    options.target !== undefined &&
    (typeof options.target !== 'number' || !Number.isFinite(options.target))
  ) {
    problems.push(problem(`target must be a finite number`, `target（目标值）必须是有限数值`));
  }
  checkNumber(problems, 'sigma', options.sigma, { min: 0, minOpen: true });
  checkNumber(problems, 'estimateFrom', options.estimateFrom, { min: 2, max: 10_000, integer: true });
  return problems;
}

/** The state before any point. */
export function startBaseline(options: BaselineOptions): BaselineState {
  return { target: options.target ?? null, sigma: options.sigma ?? null, pending: [] };
}

/** μ0 and σ when both are known. */
export function baselineReady(state: BaselineState): { target: number; sigma: number } | null {
  return state.target !== null && state.sigma !== null && state.pending.length === 0
    ? { target: state.target, sigma: state.sigma }
    : null;
}

/** Adds a calibration point; once `estimateFrom` are collected, fills in the missing estimates. */
export function feedBaseline(state: BaselineState, estimateFrom: number, x: number): BaselineState {
  const pending = [...state.pending, x];
  if (pending.length < estimateFrom) return { ...state, pending };
  const { mean, sd } = sampleMoments(pending);
  return { target: state.target ?? mean, sigma: state.sigma ?? sd, pending: [] };
}

/** Reads a stored baseline. */
export function readBaseline(record: Record<string, unknown>): BaselineState {
  return {
    target: nullableNumberField(record, 'target'),
    sigma: nullableNumberField(record, 'sigma'),
    pending: numbersField(record, 'pending'),
  };
}
