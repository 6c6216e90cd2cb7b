/**
 * Built-in metrics: figures Fengkong computes from its own data for a period (decision volumes and
 * rates, latency, portfolio ratios, drift). A KRI with a `builtin` source names one by id and gives its
 * parameters (an event type, a rule id, a scorecard). The registry is an ordinary object built per
 * process by the composition root, never a module-level singleton, so other modules (liquidity,
 * market, cases) add theirs with `registerMetric` and tests compose whatever metrics they need.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Executor } from '../../../store/transaction.js';
import type { RiskType } from '../kri-evaluation.js';
import type { KriPeriod } from './periods.js';
import type { Direction } from './signals.js';

/** A parameter a metric takes (all parameters are text: ids and names). */
export interface MetricParam {
  readonly name: string;
  readonly required: boolean;
  readonly description: Text;
}

/** A built-in metric. */
export interface BuiltinMetric {
  /** Dotted id, module first: `engine.reject_rate`, `credit.npl_ratio`. */
  readonly id: string;
  readonly name: Text;
  readonly description?: Text;
  readonly riskType: RiskType;
  /** `ratio` (0–1), `count`, `ms`, `index`, … */
  readonly unit: string;
  readonly direction: Direction;
  readonly params?: readonly MetricParam[];
  /**
   * The figure for [period.start, period.end), or null when there is no data to measure. `params` holds
   * the KRI's parameters, already checked against `params`.
   */
  compute(db: Executor, period: KriPeriod, params: Readonly<Record<string, string>>): Promise<number | null>;
}

const METRIC_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** The metrics one process knows, by id. */
export class MetricRegistry {
  readonly #metrics = new Map<string, BuiltinMetric>();

  constructor(metrics: Iterable<BuiltinMetric> = []) {
    for (const m of metrics) this.registerMetric(m);
  }

  /** Adds a metric; a malformed or duplicate id is a wiring bug and throws at start-up. */
  registerMetric(metric: BuiltinMetric): this {
    if (!METRIC_ID.test(metric.id)) throw new Error(`metric id ${JSON.stringify(metric.id)} is not dotted`);
    if (this.#metrics.has(metric.id)) throw new Error(`metric ${metric.id} is registered twice`);
    this.#metrics.set(metric.id, metric);
    return this;
  }

  /** The metric called `id`, if registered. */
  get(id: string): BuiltinMetric | undefined {
    return this.#metrics.get(id);
  }

  /** Every metric, by id. */
  list(): readonly BuiltinMetric[] {
    return [...this.#metrics.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** Problems with the parameters a KRI gives a metric (unknown or missing names, blank values). */
export function metricParamProblems(
  metric: BuiltinMetric,
  params: Readonly<Record<string, string>>,
): string[] {
  const known = new Map((metric.params ?? []).map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (!known.has(name)) problems.push(`${name} is not a parameter of ${metric.id}`);
    else if (typeof value !== 'string' || value.trim() === '' || value.length > 200)
      problems.push(`${name} must be 1–200 characters`);
  }
  for (const p of known.values())
    if (p.required && params[p.name] === undefined) problems.push(`${p.name} is required`);
  return problems;
}
