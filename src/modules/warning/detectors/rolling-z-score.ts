/**
 * Rolling z-score bands: each point is compared with the mean and sample standard deviation of the
 * `window` points before it, z_t = (x_t − mean(x_{t−w..t−1})) / sd(x_{t−w..t−1}), and signals when
 * |z_t| > k (the Shewhart individuals rule applied to a moving baseline; Montgomery, Introduction to
 * Statistical Quality Control, ch. 6 on individuals charts). The current point is left out of its
 * own baseline on purpose: including it would pull the mean towards an outlier and shrink its z
 * (among n values a z computed with the sample sd never exceeds (n − 1)/√n, Shiffler 1988, "Maximum
 * Z scores and outliers", so an outlier could hardly stand out). No signal
 * until `window` points have been seen. When the window is constant (sd = 0) a point equal to it has
 * z = 0 and any other point has z = ±Infinity and signals.
 */
import type { Text } from '../../../kernel/i18n.js';
import {
  checkNumber,
  type DetectorPoint,
  observation,
  type StreamingDetector,
  throwIfProblems,
} from './common.js';
import { sampleMoments } from './sample-moments.js';
import { countField, numberField, numbersField, objectField, stateObject } from './state-check.js';

/** Window length and threshold; both optional (defaults 20 and 3). */
export interface RollingZScoreOptions {
  readonly window?: number;
  readonly k?: number;
}

/** The options with their defaults filled in. */
export interface RollingZScoreParameters {
  readonly window: number;
  readonly k: number;
}

/** One point: the baseline's mean and sd and the point's z (all null until the window is full). */
export interface RollingZScorePoint extends DetectorPoint {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly z: number | null;
}

/** The stored state: parameters, points seen, and the last `window` values. */
export interface RollingZScoreState {
  readonly method: 'zscore';
  readonly parameters: RollingZScoreParameters;
  readonly count: number;
  readonly recent: readonly number[];
}

/** What is wrong with the options, in both languages. */
export function rollingZScoreProblems(options: RollingZScoreOptions): Text[] {
  const problems: Text[] = [];
  checkNumber(problems, 'window', options.window, { min: 2, max: 10_000, integer: true });
  checkNumber(problems, 'k', options.k, { min: 0, minOpen: true });
  return problems;
}

/** Streaming rolling z-score; see the file comment for the definition. */
export class RollingZScore implements StreamingDetector<RollingZScorePoint, RollingZScoreState> {
  readonly method = 'zscore';

  private constructor(
    readonly parameters: RollingZScoreParameters,
    private count: number,
    private recent: number[],
  ) {}

  /** A fresh detector; throws a RangeError for invalid options. */
  static create(options: RollingZScoreOptions = {}): RollingZScore {
    throwIfProblems(rollingZScoreProblems(options));
    return new RollingZScore({ window: options.window ?? 20, k: options.k ?? 3 }, 0, []);
  }

  /** A detector resumed from `toJSON()` output; throws a TypeError for a damaged state. */
  static fromState(state: RollingZScoreState): RollingZScore {
    const record = stateObject(state, 'zscore');
    const p = objectField(record, 'parameters');
    const parameters = { window: numberField(p, 'window'), k: numberField(p, 'k') };
    const problems = rollingZScoreProblems(parameters);
    if (problems.length > 0) throw new TypeError(`invalid stored parameters: ${problems[0]?.en}`);
    const recent = numbersField(record, 'recent');
    if (recent.length > parameters.window) throw new TypeError('stored window holds too many values');
    return new RollingZScore(parameters, countField(record, 'count'), recent);
  }

  push(x: number): RollingZScorePoint {
    const value = observation(x);
    const index = this.count++;
    const { window, k } = this.parameters;
    let point: RollingZScorePoint = {
      index,
      value,
      statistic: null,
      signal: false,
      direction: null,
      mean: null,
      sd: null,
      z: null,
    };
    if (this.recent.length === window) {
      const { mean, sd } = sampleMoments(this.recent);
      const deviation = value - mean;
      const z =
        sd > 0 ? deviation / sd : deviation === 0 ? 0 : Math.sign(deviation) * Number.POSITIVE_INFINITY;
      const signal = Math.abs(z) > k;
      point = {
        ...point,
        statistic: z,
        signal,
        direction: signal ? (z > 0 ? 'up' : 'down') : null,
        mean,
        sd,
        z,
      };
      this.recent.shift();
    }
    this.recent.push(value);
    return point;
  }

  toJSON(): RollingZScoreState {
    return { method: 'zscore', parameters: this.parameters, count: this.count, recent: [...this.recent] };
  }
}

/** The rolling z-score of every point of `series`. */
export function rollingZScore(
  series: readonly number[],
  options: RollingZScoreOptions = {},
): RollingZScorePoint[] {
  const detector = RollingZScore.create(options);
  return series.map((x) => detector.push(x));
}
