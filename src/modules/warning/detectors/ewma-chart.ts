/**
 * EWMA control chart (NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.4 "EWMA Control
 * Charts"; Montgomery, Introduction to Statistical Quality Control, §9.2). With target μ0, process
 * standard deviation σ, weight λ and width L:
 *
 *   z_0 = μ0,  z_t = λ·x_t + (1 − λ)·z_{t−1}
 *   limits_t = μ0 ± L·σ·√(λ/(2 − λ) · (1 − (1 − λ)^{2t}))
 *
 * The exact, time-varying limits (Montgomery §9.2) rather than the asymptotic ones the
 * handbook prints, because early points would otherwise be judged against limits far too wide. A
 * point signals when z_t is strictly outside its limits. The recursion is evaluated as
 * z_{t−1} + λ·(x_t − z_{t−1}), the same value, but a run of points equal to z stays exactly at z.
 * μ0 and σ are given or estimated from the first points (`baseline.ts`).
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
  type StreamingDetector,
  throwIfProblems,
} from './common.js';
import { countField, nullableNumberField, numberField, objectField, stateObject } from './state-check.js';

/** λ (default 0.2), L (default 3), and μ0 / σ or how many first points estimate them (default 20). */
export interface EwmaChartOptions extends BaselineOptions {
  readonly lambda?: number;
  readonly L?: number;
}

/** The options with their defaults; `target` and `sigma` stay null when they are to be estimated. */
export interface EwmaChartParameters {
  readonly lambda: number;
  readonly L: number;
  readonly target: number | null;
  readonly sigma: number | null;
  readonly estimateFrom: number;
}

/** One point: chart time t (0 while calibrating), the EWMA and its limits (null while calibrating). */
export interface EwmaChartPoint extends DetectorPoint {
  readonly t: number;
  readonly ewma: number | null;
  readonly lcl: number | null;
  readonly ucl: number | null;
}

/** The stored state. */
export interface EwmaChartState {
  readonly method: 'ewma';
  readonly parameters: EwmaChartParameters;
  readonly count: number;
  readonly baseline: BaselineState;
  readonly t: number;
  /** z_t, null before monitoring starts. */
  readonly z: number | null;
}

/** What is wrong with the options, in both languages. */
export function ewmaChartProblems(options: EwmaChartOptions): Text[] {
  const problems = baselineProblems(options);
  checkNumber(problems, 'lambda', options.lambda, { min: 0, minOpen: true, max: 1 });
  checkNumber(problems, 'L', options.L, { min: 0, minOpen: true });
  return problems;
}

/** Streaming EWMA chart; see the file comment. */
export class EwmaChart implements StreamingDetector<EwmaChartPoint, EwmaChartState> {
  readonly method = 'ewma';

  private constructor(
    readonly parameters: EwmaChartParameters,
    private count: number,
    private baseline: BaselineState,
    private t: number,
    private z: number | null,
  ) {}

  /** A fresh chart; throws a RangeError for invalid options. */
  static create(options: EwmaChartOptions = {}): EwmaChart {
    throwIfProblems(ewmaChartProblems(options));
    const parameters: EwmaChartParameters = {
      lambda: options.lambda ?? 0.2,
      L: options.L ?? 3,
      target: options.target ?? null,
      sigma: options.sigma ?? null,
      estimateFrom: options.estimateFrom ?? DEFAULT_ESTIMATE_FROM,
    };
    return new EwmaChart(parameters, 0, startBaseline(options), 0, null);
  }

  /** A chart resumed from `toJSON()` output; throws a TypeError for a damaged state. */
  static fromState(state: EwmaChartState): EwmaChart {
    const record = stateObject(state, 'ewma');
    const p = objectField(record, 'parameters');
    const parameters: EwmaChartParameters = {
      lambda: numberField(p, 'lambda'),
      L: numberField(p, 'L'),
      target: nullableNumberField(p, 'target'),
      sigma: nullableNumberField(p, 'sigma'),
      estimateFrom: numberField(p, 'estimateFrom'),
    };
    const problems = ewmaChartProblems({
      lambda: parameters.lambda,
      L: parameters.L,
      estimateFrom: parameters.estimateFrom,
      ...(parameters.target === null ? {} : { target: parameters.target }),
      ...(parameters.sigma === null ? {} : { sigma: parameters.sigma }),
    });
    if (problems.length > 0) throw new TypeError(`invalid stored parameters: ${problems[0]?.en}`);
    return new EwmaChart(
      parameters,
      countField(record, 'count'),
      readBaseline(objectField(record, 'baseline')),
      countField(record, 't'),
      nullableNumberField(record, 'z'),
    );
  }

  push(x: number): EwmaChartPoint {
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
        t: 0,
        ewma: null,
        lcl: null,
        ucl: null,
      };
    }
    const { lambda, L } = this.parameters;
    const previous = this.z ?? known.target;
    const z = previous + lambda * (value - previous);
    const t = ++this.t;
    this.z = z;
    const width = L * known.sigma * Math.sqrt((lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t)));
    const lcl = known.target - width;
    const ucl = known.target + width;
    const direction = z > ucl ? 'up' : z < lcl ? 'down' : null;
    return { index, value, statistic: z, signal: direction !== null, direction, t, ewma: z, lcl, ucl };
  }

  /** μ0 and σ in use, null while they are still being estimated. */
  baselineInUse(): { target: number; sigma: number } | null {
    return baselineReady(this.baseline);
  }

  toJSON(): EwmaChartState {
    return {
      method: 'ewma',
      parameters: this.parameters,
      count: this.count,
      baseline: { ...this.baseline, pending: [...this.baseline.pending] },
      t: this.t,
      z: this.z,
    };
  }
}

/** The EWMA chart of every point of `series`. */
export function ewmaChart(series: readonly number[], options: EwmaChartOptions = {}): EwmaChartPoint[] {
  const chart = EwmaChart.create(options);
  return series.map((x) => chart.push(x));
}
