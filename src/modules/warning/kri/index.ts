/**
 * Key risk indicators of the early-warning module: the public surface the composition root, the CLI
 * and other modules use. `createKris` wires the service over the installation's built-in metrics and
 * returns the scheduler jobs that evaluate KRIs; `krisPlugin` serves `/kris…`, `/kri-values/import`
 * and `/kri-metrics`. Other modules add metrics with `kris.metrics.registerMetric(…)`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import type { JobDefinition } from '../scheduler/job.js';
import { builtinMetrics, type MetricSources } from './builtin-metrics.js';
import { kriEvaluationJob } from './job.js';
import type { MetricRegistry } from './metrics.js';
import { type KriRouteDeps, kriRoutes } from './routes.js';
import { KriService } from './service.js';
import type { SignalPort } from './signals.js';

export { builtinMetrics, type MetricSources } from './builtin-metrics.js';
export { CASE_METRIC_IDS, type CaseFigures, caseMetrics } from './case-metrics.js';
export {
  type CreditMetricSources,
  creditMetrics,
  monthEndOf,
  type ReserveFigures,
  type ScorecardMonitor,
} from './credit-metrics.js';
export { defaultSignals } from './default-signals.js';
export { KRI_ID, type KriDefinition, type KriSource, type KriThresholds } from './definition.js';
export { DEMO_KRIS, type KriDemoResult, loadKriDemo } from './demo.js';
export { seededUniform, syntheticSeries } from './demo-series.js';
export { engineMetrics, nearestRank } from './engine-metrics.js';
export * from './errors.js';
export type { EvaluationResult } from './evaluate.js';
export {
  evaluateFormula,
  type FormulaNode,
  type FormulaParse,
  formatFormula,
  parseFormula,
} from './formula.js';
export type { ValueImportReport, ValueInput, ValueResult } from './import.js';
export { type KriJobReport, kriEvaluationJob, kriJobName, kriPeriodOfRun, runKriJob } from './job.js';
export type { NewKri, SourceInput } from './kri-input.js';
export { type BuiltinMetric, type MetricParam, MetricRegistry } from './metrics.js';
export {
  FREQUENCIES,
  type Frequency,
  isFrequency,
  type KriPeriod,
  lastEndedPeriod,
  PERIOD_MS,
  periodContaining,
  periodStartingAt,
  periodsUpTo,
} from './periods.js';
export { type KriHistory, type KriPatch, KriService, type KriServiceDeps } from './service.js';
export type { BandThresholds, DetectorSpec, DetectorStep, Direction, SignalPort } from './signals.js';
export { KRI_TABLES, type KriTables } from './tables.js';
export type { EvaluationView, KriView, LatestView } from './views.js';

/** What `createKris` needs. */
export interface KrisDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Where the optional built-in metrics come from (scorecards, reserve, cases). */
  readonly sources?: MetricSources;
  /** Bands and detectors; the warning module's own by default. */
  readonly signals?: SignalPort;
  /** Told every new evaluation after its commit (wire the alert module here). */
  readonly onEvaluation?: (evaluation: KriEvaluation) => Promise<void>;
}

/** The KRIs of one process, as the composition root wires them. */
export interface Kris {
  readonly service: KriService;
  /** The built-in metrics; other modules register theirs here. */
  readonly metrics: MetricRegistry;
  /** `kri.evaluate.hourly|daily|weekly|monthly`, to register with the scheduler. */
  readonly jobs: readonly JobDefinition[];
}

/** Wires the KRI service and its jobs. */
export function createKris(deps: KrisDeps): Kris {
  const metrics = builtinMetrics(deps.sources);
  const service = new KriService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    metrics,
    ...(deps.signals ? { signals: deps.signals } : {}),
    ...(deps.onEvaluation ? { onEvaluation: deps.onEvaluation } : {}),
  });
  return { service, metrics, jobs: kriEvaluationJob(service) };
}

/** The HTTP surface under the prefix it is registered with (`/api/v1`). */
export const krisPlugin: FastifyPluginAsync<{ deps: KriRouteDeps }> = async (app, opts) => {
  await app.register(kriRoutes, { deps: opts.deps });
};
