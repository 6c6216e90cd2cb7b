/**
 * Page–Hinkley test for a change in the mean (Page 1954, "Continuous inspection schemes",
 * Biometrika 41; in the concept-drift form surveyed by Gama, Žliobaitė, Bifet, Pechenizkiy &
 * Bouchachia 2014, "A survey on concept drift adaptation", ACM Computing Surveys 46(4)). With x̄_T
 * the running mean of the points since the last reset (x_T included), tolerance δ, forgetting
 * factor α and threshold λ:
 *
 *   m_T = α·m_{T−1} + (x_T − x̄_T − δ),   M_T = min_{t≤T} m_t,   PH⁺_T = m_T − M_T
 *
 * signals an increase when PH⁺_T > λ. A decrease is the same test on the mirrored deviations,
 * u_T = α·u_{T−1} + (x̄_T − x_T − δ), PH⁻_T = u_T − min u_t. Each term uses the running mean at its
 * own time, the incremental form of the streaming implementations (MOA's PageHinkleyDM), whose
 * defaults δ = 0.005 and λ = 50 are kept here; α = 1 means no forgetting. After a signal the whole
 * test restarts (mean, sums and minima), so the new level is learned afresh and a lasting change
 * signals once rather than at every point; the point's outcome is computed before the restart.
 */
import type { Text } from '../../../kernel/i18n.js';
import {
  checkNumber,
  type DetectorPoint,
  observation,
  problem,
  type SignalDirection,
  type StreamingDetector,
  throwIfProblems,
} from './common.js';
import { countField, numberField, objectField, stateObject } from './state-check.js';

/** Which changes the test looks for. */
export type PageHinkleyWatch = 'both' | 'up' | 'down';

/** δ (default 0.005), λ threshold (default 50), α (default 1) and the directions (default both). */
export interface PageHinkleyOptions {
  readonly delta?: number;
  readonly threshold?: number;
  readonly alpha?: number;
  readonly watch?: PageHinkleyWatch;
}

/** The options with their defaults filled in. */
export interface PageHinkleyParameters {
  readonly delta: number;
  readonly threshold: number;
  readonly alpha: number;
  readonly watch: PageHinkleyWatch;
}

/** One point: the running mean and both statistics; `statistic` is the larger watched one. */
export interface PageHinkleyPoint extends DetectorPoint {
  readonly mean: number;
  readonly up: number;
  readonly down: number;
}

/** The stored state: points since the last restart (`n`), the mean, and each side's sum and minimum. */
export interface PageHinkleyState {
  readonly method: 'page-hinkley';
  readonly parameters: PageHinkleyParameters;
  readonly count: number;
  readonly n: number;
  readonly mean: number;
  readonly upSum: number;
  readonly upMin: number;
  readonly downSum: number;
  readonly downMin: number;
}

const WATCHES: readonly PageHinkleyWatch[] = ['both', 'up', 'down'];

/** What is wrong with the options, in both languages. */
export function pageHinkleyProblems(options: PageHinkleyOptions): Text[] {
  const problems: Text[] = [];
  checkNumber(problems, 'delta', options.delta, { min: 0 });
  checkNumber(problems, 'threshold', options.threshold, { min: 0, minOpen: true });
  checkNumber(problems, 'alpha', options.alpha, { min: 0, minOpen: true, max: 1 });
  if (options.watch !== undefined && !WATCHES.includes(options.watch)) {
    problems.push(problem('watch must be both, up or down', 'watch 必须是 both、up 或 down'));
  }
  return problems;
}

/** Streaming Page–Hinkley test; see the file comment. */
export class PageHinkley implements StreamingDetector<PageHinkleyPoint, PageHinkleyState> {
  readonly method = 'page-hinkley';
  private state: Omit<PageHinkleyState, 'method' | 'parameters'>;

  private constructor(
    readonly parameters: PageHinkleyParameters,
    state: Omit<PageHinkleyState, 'method' | 'parameters'>,
  ) {
    this.state = state;
  }

  /** A fresh test; throws a RangeError for invalid options. */
  static create(options: PageHinkleyOptions = {}): PageHinkley {
    throwIfProblems(pageHinkleyProblems(options));
    const parameters: PageHinkleyParameters = {
      delta: options.delta ?? 0.005,
      threshold: options.threshold ?? 50,
      alpha: options.alpha ?? 1,
      watch: options.watch ?? 'both',
    };
    return new PageHinkley(parameters, { count: 0, ...RESTART });
  }

  /** A test resumed from `toJSON()` output; throws a TypeError for a damaged state. */
  static fromState(state: PageHinkleyState): PageHinkley {
    const record = stateObject(state, 'page-hinkley');
    const p = objectField(record, 'parameters');
    const watch = p['watch'];
    if (typeof watch !== 'string' || !WATCHES.includes(watch as PageHinkleyWatch)) {
      throw new TypeError('stored watch is not both, up or down');
    }
    const parameters: PageHinkleyParameters = {
      delta: numberField(p, 'delta'),
      threshold: numberField(p, 'threshold'),
      alpha: numberField(p, 'alpha'),
      watch: watch as PageHinkleyWatch,
    };
    const problems = pageHinkleyProblems(parameters);
    if (problems.length > 0) throw new TypeError(`invalid stored parameters: ${problems[0]?.en}`);
    return new PageHinkley(parameters, {
      count: countField(record, 'count'),
      n: countField(record, 'n'),
      mean: numberField(record, 'mean'),
      upSum: numberField(record, 'upSum'),
      upMin: numberField(record, 'upMin'),
      downSum: numberField(record, 'downSum'),
      downMin: numberField(record, 'downMin'),
    });
  }

  push(x: number): PageHinkleyPoint {
    const value = observation(x);
    const { delta, alpha, threshold, watch } = this.parameters;
    const s = this.state;
    const n = s.n + 1;
    const mean = s.mean + (value - s.mean) / n;
    const upSum = alpha * s.upSum + (value - mean - delta);
    const downSum = alpha * s.downSum + (mean - value - delta);
    const upMin = n === 1 ? upSum : Math.min(s.upMin, upSum);
    const downMin = n === 1 ? downSum : Math.min(s.downMin, downSum);
    const up = upSum - upMin;
    const down = downSum - downMin;
    const watchUp = watch !== 'down';
    const watchDown = watch !== 'up';
    const statistic = watchUp && watchDown ? Math.max(up, down) : watchUp ? up : down;
    let direction: SignalDirection | null = null;
    if (watchUp && up > threshold && (!watchDown || up >= down)) direction = 'up';
    else if (watchDown && down > threshold) direction = 'down';
    const signal = direction !== null;
    this.state = signal
      ? { count: s.count + 1, ...RESTART }
      : { count: s.count + 1, n, mean, upSum, upMin, downSum, downMin };
    return { index: s.count, value, statistic, signal, direction, mean, up, down };
  }

  toJSON(): PageHinkleyState {
    return { method: 'page-hinkley', parameters: this.parameters, ...this.state };
  }
}

/** The state of a test that has seen no point since its last restart. */
const RESTART = Object.freeze({ n: 0, mean: 0, upSum: 0, upMin: 0, downSum: 0, downMin: 0 });

/** The Page–Hinkley statistics of every point of `series`. */
export function pageHinkley(series: readonly number[], options: PageHinkleyOptions = {}): PageHinkleyPoint[] {
  const test = PageHinkley.create(options);
  return series.map((x) => test.push(x));
}
