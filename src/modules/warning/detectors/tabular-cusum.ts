/**
 * Two-sided tabular CUSUM (NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.3 "Cusum
 * Control Charts", tabular implementation; Montgomery, Introduction to Statistical Quality Control,
 * §9.1.2 "The tabular or algorithmic CUSUM"). With target μ0, standard deviation σ, reference value
 * K = k·σ and decision interval H = h·σ:
 *
 *   C⁺_t = max(0, x_t − (μ0 + K) + C⁺_{t−1}),   C⁻_t = max(0, (μ0 − K) − x_t + C⁻_{t−1}),
 *   C⁺_0 = C⁻_0 = 0,
 *
 * and the chart signals when C⁺_t > H (an upward shift) or C⁻_t > H (downward). k and h are given
 * in units of σ (defaults 0.5 and 5, Montgomery's usual design for detecting a 1σ shift); to use
 * K and H in data units, pass σ = 1.
 *
 * After a signal both sums restart from 0 by default (`resetOnSignal`), as Montgomery describes
 * once the cause has been dealt with: a KRI nobody "repairs" would otherwise keep C⁺ far above H,
 * signal at every period, and need (C⁺ − H)/K periods to fall back once the shift ends. With a
 * persistent shift the reset chart signals again every few periods, and the alert module
 * deduplicates those. `resetOnSignal: false` gives the textbook table that keeps accumulating.
 * The point's outcome is computed before the reset. When both sums exceed H at once (possible only
 * without reset) the larger one names the direction. μ0 and σ are given or estimated from the first
 * points (`baseline.ts`).
 */
import type { Text } from '../../../kernel/i18n.js';
import {
  type BaselineOptions,
  type BaselineState,
  baselineProblems,
  baselineReady,
  DEFAULT_ESTIMATE_FROM,
  feedBaseline,
  readBaseline,
  startBaseline,
} from './baseline.js';
import {
  checkNumber,
  type DetectorPoint,
  observation,
  problem,
  type StreamingDetector,
  throwIfProblems,
} from './common.js';
import { countField, nullableNumberField, numberField, objectField, stateObject } from './state-check.js';

/** k (default 0.5) and h (default 5) in σ units, the reset rule (default on), μ0 / σ or estimation. */
export interface TabularCusumOptions extends BaselineOptions {
  readonly k?: number;
  readonly h?: number;
  readonly resetOnSignal?: boolean;
}

/** The options with their defaults; `target` and `sigma` stay null when they are to be estimated. */
export interface TabularCusumParameters {
  readonly k: number;
  readonly h: number;
  readonly resetOnSignal: boolean;
  readonly target: number | null;
  readonly sigma: number | null;
  readonly estimateFrom: number;
}

/** One point: C⁺ (`upper`), C⁻ (`lower`) and H (`limit`) in data units, null while calibrating. */
export interface TabularCusumPoint extends DetectorPoint {
  readonly upper: number | null;
  readonly lower: number | null;
  readonly limit: number | null;
}

/** The stored state. */
export interface TabularCusumState {
  readonly method: 'cusum';
  readonly parameters: TabularCusumParameters;
  readonly count: number;
  readonly baseline: BaselineState;
  readonly upper: number;
  readonly lower: number;
}

/** What is wrong with the options, in both languages. */
export function tabularCusumProblems(options: TabularCusumOptions): Text[] {
  const problems = baselineProblems(options);
  checkNumber(problems, 'k', options.k, { min: 0 });
  checkNumber(problems, 'h', options.h, { min: 0, minOpen: true });
  if (options.resetOnSignal !== undefined && typeof options.resetOnSignal !== 'boolean') {
    problems.push(problem('resetOnSignal must be true or false', 'resetOnSignal 必须是 true 或 false'));
  }
  return problems;
}

/** Streaming two-sided tabular CUSUM; see the file comment. */
export class TabularCusum implements StreamingDetector<TabularCusumPoint, TabularCusumState> {
  readonly method = 'cusum';

  private constructor(
    readonly parameters: TabularCusumParameters,
    private count: number,
    private baseline: BaselineState,
    private upper: number,
    private lower: number,
  ) {}

  /** A fresh chart; throws a RangeError for invalid options. */
  static create(options: TabularCusumOptions = {}): TabularCusum {
    throwIfProblems(tabularCusumProblems(options));
    const parameters: TabularCusumParameters = {
      k: options.k ?? 0.5,
      h: options.h ?? 5,
      resetOnSignal: options.resetOnSignal ?? true,
      target: options.target ?? null,
      sigma: options.sigma ?? null,
      estimateFrom: options.estimateFrom ?? DEFAULT_ESTIMATE_FROM,
    };
    return new TabularCusum(parameters, 0, startBaseline(options), 0, 0);
  }

  /** A chart resumed from `toJSON()` output; throws a TypeError for a damaged state. */
  static fromState(state: TabularCusumState): TabularCusum {
    const record = stateObject(state, 'cusum');
    const p = objectField(record, 'parameters');
    if (typeof p['resetOnSignal'] !== 'boolean') throw new TypeError('stored resetOnSignal is not a boolean');
    const parameters: TabularCusumParameters = {
      k: numberField(p, 'k'),
      h: numberField(p, 'h'),
      resetOnSignal: p['resetOnSignal'],
      target: nullableNumberField(p, 'target'),
      sigma: nullableNumberField(p, 'sigma'),
      estimateFrom: numberField(p, 'estimateFrom'),
    };
    const problems = tabularCusumProblems({
      k: parameters.k,
      h: parameters.h,
      estimateFrom: parameters.estimateFrom,
      ...(parameters.target === null ? {} : { target: parameters.target }),
      ...(parameters.sigma === null ? {} : { sigma: parameters.sigma }),
    });
    if (problems.length > 0) throw new TypeError(`invalid stored parameters: ${problems[0]?.en}`);
    const upper = numberField(record, 'upper');
    const lower = numberField(record, 'lower');
    if (upper < 0 || lower < 0) throw new TypeError('stored cumulative sums must not be negative');
    return new TabularCusum(
      parameters,
      countField(record, 'count'),
      readBaseline(objectField(record, 'baseline')),
      upper,
      lower,
    );
  }

  push(x: number): TabularCusumPoint {
    const value = observation(x);
    const index = this.count++;
    const known = baselineReady(this.baseline);
    if (known === null) {
      this.baseline = feedBaseline(this.baseline, this.parameters.estimateFrom, value);
      return {
        index,
        value,
        statistic: null,
        signal: false,
        direction: null,
        upper: null,
        lower: null,
        limit: null,
      };
    }
    const K = this.parameters.k * known.sigma;
    const H = this.parameters.h * known.sigma;
    const upper = Math.max(0, value - (known.target + K) + this.upper);
    const lower = Math.max(0, known.target - K - value + this.lower);
    const up = upper > H;
    const down = lower > H;
    const direction = up && (!down || upper >= lower) ? 'up' : down ? 'down' : null;
    const signal = direction !== null;
    const reset = signal && this.parameters.resetOnSignal;
    this.upper = reset ? 0 : upper;
    this.lower = reset ? 0 : lower;
    return { index, value, statistic: Math.max(upper, lower), signal, direction, upper, lower, limit: H };
  }

  /** μ0 and σ in use, null while they are still being estimated. */
  baselineInUse(): { target: number; sigma: number } | null {
    return baselineReady(this.baseline);
  }

  toJSON(): TabularCusumState {
    return {
      method: 'cusum',
      parameters: this.parameters,
      count: this.count,
      baseline: { ...this.baseline, pending: [...this.baseline.pending] },
      upper: this.upper,
      lower: this.lower,
    };
  }
}

/** The tabular CUSUM of every point of `series`. */
export function tabularCusum(
  series: readonly number[],
  options: TabularCusumOptions = {},
): TabularCusumPoint[] {
  const chart = TabularCusum.create(options);
  return series.map((x) => chart.push(x));
}
