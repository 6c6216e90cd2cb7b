/**
 * The built-in metrics of an installation: the engine's always, the credit portfolio's always (with
 * scorecard PSI and reserve coverage when their sources are given), and the cases module's when its
 * figures are given. Other modules add theirs to the returned registry with `registerMetric`.
 */
import { type CaseFigures, caseMetrics } from './case-metrics.js';
import { type CreditMetricSources, creditMetrics } from './credit-metrics.js';
import { engineMetrics } from './engine-metrics.js';
import { MetricRegistry } from './metrics.js';

/** Where the optional metrics come from. */
export interface MetricSources extends CreditMetricSources {
  readonly cases?: CaseFigures | undefined;
}

/** A registry holding every built-in metric these sources allow. */
export function builtinMetrics(sources: MetricSources = {}): MetricRegistry {
  return new MetricRegistry([
    ...engineMetrics(),
    ...creditMetrics(sources),
    ...(sources.cases ? caseMetrics(sources.cases) : []),
  ]);
}
