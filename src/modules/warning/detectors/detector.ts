/**
 * One entry point over the four detectors, for a KRI that stores `{ method, ...options }` as its
 * configuration and the detector's `toJSON()` output as its state between evaluations, and for the
 * offline CLI that runs a detector over a whole series.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { DetectorMethod, DetectorPoint } from './common.js';
import { problem } from './common.js';
import { EwmaChart, type EwmaChartOptions, type EwmaChartState, ewmaChartProblems } from './ewma-chart.js';
import {
  PageHinkley,
  type PageHinkleyOptions,
  type PageHinkleyState,
  pageHinkleyProblems,
} from './page-hinkley.js';
import {
  RollingZScore,
  type RollingZScoreOptions,
  type RollingZScoreState,
  rollingZScoreProblems,
} from './rolling-z-score.js';
import {
  TabularCusum,
  type TabularCusumOptions,
  type TabularCusumState,
  tabularCusumProblems,
} from './tabular-cusum.js';

/** A detector's configuration: its method and that method's options. */
export type DetectorConfig =
  | ({ readonly method: 'zscore' } & RollingZScoreOptions)
  | ({ readonly method: 'ewma' } & EwmaChartOptions)
  | ({ readonly method: 'cusum' } & TabularCusumOptions)
  | ({ readonly method: 'page-hinkley' } & PageHinkleyOptions);

/** Any detector's stored state (its `method` tells which). */
export type DetectorState = RollingZScoreState | EwmaChartState | TabularCusumState | PageHinkleyState;

/** Any of the four streaming detectors. */
export type Detector = RollingZScore | EwmaChart | TabularCusum | PageHinkley;

/** What is wrong with a configuration, in both languages (empty when it is valid). */
export function detectorConfigProblems(config: DetectorConfig): Text[] {
  switch (config.method) {
    case 'zscore':
      return rollingZScoreProblems(config);
    case 'ewma':
      return ewmaChartProblems(config);
    case 'cusum':
      return tabularCusumProblems(config);
    case 'page-hinkley':
      return pageHinkleyProblems(config);
    default:
      return [unknownMethod((config as { method: unknown }).method)];
  }
}

function unknownMethod(method: unknown): Text {
  return problem(
    `method must be zscore, ewma, cusum or page-hinkley, not ${String(method)}`,
    `方法必须是 zscore、ewma、cusum 或 page-hinkley，而不是 ${String(method)}`,
  );
}

/** A fresh detector for `config`; throws a RangeError for an invalid configuration. */
export function createDetector(config: DetectorConfig): Detector {
  switch (config.method) {
    case 'zscore':
      return RollingZScore.create(config);
    case 'ewma':
      return EwmaChart.create(config);
    case 'cusum':
      return TabularCusum.create(config);
    case 'page-hinkley':
      return PageHinkley.create(config);
    default: {
      const p = unknownMethod((config as { method: unknown }).method);
      throw new RangeError(`${p.en} / ${p.zh}`);
    }
  }
}

/** The detector a stored state describes; throws a TypeError for a damaged or unknown state. */
export function restoreDetector(state: DetectorState): Detector {
  const method = (state as { method?: unknown } | null)?.method;
  switch (method) {
    case 'zscore':
      return RollingZScore.fromState(state as RollingZScoreState);
    case 'ewma':
      return EwmaChart.fromState(state as EwmaChartState);
    case 'cusum':
      return TabularCusum.fromState(state as TabularCusumState);
    case 'page-hinkley':
      return PageHinkley.fromState(state as PageHinkleyState);
    default:
      throw new TypeError(
        `unknown detector state method ${String(method)} / 未知的检测器状态方法 ${String(method)}`,
      );
  }
}

/**
 * A detector's run over a whole series: every point, the indices where it signalled, and the
 * detector afterwards (whose `toJSON()` a KRI back-filling its history stores, and whose
 * `parameters` the CLI prints).
 */
export interface DetectorRun {
  readonly method: DetectorMethod;
  readonly points: readonly DetectorPoint[];
  readonly signals: readonly number[];
  readonly detector: Detector;
}

/** Runs a fresh detector for `config` over `series`; throws a RangeError for an invalid configuration. */
export function runDetector(config: DetectorConfig, series: readonly number[]): DetectorRun {
  const detector = createDetector(config);
  const points: DetectorPoint[] = series.map((x) => detector.push(x));
  return {
    method: detector.method,
    points,
    signals: points.filter((p) => p.signal).map((p) => p.index),
    detector,
  };
}
