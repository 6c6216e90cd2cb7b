/**
 * Adaptive detectors of the early-warning module: rolling z-score bands, EWMA control chart,
 * two-sided tabular CUSUM and the Page–Hinkley test, each as a batch function over a series and as
 * a streaming detector whose state can be stored between KRI evaluations.
 */
export type { BaselineOptions, BaselineState } from './baseline.js';
export { DEFAULT_ESTIMATE_FROM } from './baseline.js';
export type { DetectorMethod, DetectorPoint, SignalDirection, StreamingDetector } from './common.js';
export { DETECTOR_METHODS, toDetectorOutcome } from './common.js';
export type { Detector, DetectorConfig, DetectorRun, DetectorState } from './detector.js';
export { createDetector, detectorConfigProblems, restoreDetector, runDetector } from './detector.js';
export type { EwmaChartOptions, EwmaChartParameters, EwmaChartPoint, EwmaChartState } from './ewma-chart.js';
export { EwmaChart, ewmaChart, ewmaChartProblems } from './ewma-chart.js';
export type {
  PageHinkleyOptions,
  PageHinkleyParameters,
  PageHinkleyPoint,
  PageHinkleyState,
  PageHinkleyWatch,
} from './page-hinkley.js';
export { PageHinkley, pageHinkley, pageHinkleyProblems } from './page-hinkley.js';
export type {
  RollingZScoreOptions,
  RollingZScoreParameters,
  RollingZScorePoint,
  RollingZScoreState,
} from './rolling-z-score.js';
export { RollingZScore, rollingZScore, rollingZScoreProblems } from './rolling-z-score.js';
export type { SeriesCsv } from './series-csv.js';
export { readSeriesCsv } from './series-csv.js';
export type {
  TabularCusumOptions,
  TabularCusumParameters,
  TabularCusumPoint,
  TabularCusumState,
} from './tabular-cusum.js';
export { TabularCusum, tabularCusum, tabularCusumProblems } from './tabular-cusum.js';
