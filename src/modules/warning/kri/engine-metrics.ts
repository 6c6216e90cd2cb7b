/**
 * Built-in metrics of the decision engine, over the decisions of the events that occurred in a period
 * (by event time, `occurred_at`, as the scorecard drift report counts scores, so a replayed or
 * back-filled stream lands in the periods it describes): volume, reject and
 * review rates (optionally for one event type), the hit rate of one rule, and — technology risk —
 * the 99th percentile of decision latency and the share of decisions that fell back (timeout, velocity
 * store unavailable, no policy…). Rates have no value for a period without decisions.
 */
import type { Executor } from '../../../store/transaction.js';
import type { BuiltinMetric, MetricParam } from './metrics.js';
import type { KriPeriod } from './periods.js';

const EVENT_TYPE: MetricParam = {
  name: 'event_type',
  required: false,
  description: {
    en: 'only decisions of this event type (default: all)',
    zh: '仅统计该事件类型的决策（默认全部）',
  },
};

const PAGE = 5000;

function decisionsIn(db: Executor, period: KriPeriod, params: Readonly<Record<string, string>>) {
  let q = db
    .selectFrom('decision')
    .where('occurred_at', '>=', period.start)
    .where('occurred_at', '<', period.end);
  if (params['event_type'] !== undefined) q = q.where('event_type', '=', params['event_type']);
  return q;
}

async function count(
  db: Executor,
  period: KriPeriod,
  params: Readonly<Record<string, string>>,
  only?: 'reject' | 'review' | 'fallback',
): Promise<number> {
  let q = decisionsIn(db, period, params);
  if (only === 'fallback') q = q.where('fallback', 'is not', null);
  else if (only !== undefined) q = q.where('outcome', '=', only);
  const row = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function rate(
  db: Executor,
  period: KriPeriod,
  params: Readonly<Record<string, string>>,
  only: 'reject' | 'review' | 'fallback',
): Promise<number | null> {
  const total = await count(db, period, params);
  return total === 0 ? null : (await count(db, period, params, only)) / total;
}

/**
 * The nearest-rank percentile: the smallest value with at least p·N values at or below it, i.e.
 * x₍⌈pN⌉₎ of the sorted sample (Hyndman & Fan, "Sample quantiles in statistical packages", The
 * American Statistician 50(4), 1996, definition 1). It is always an observed latency, which is what
 * an SLO on "p99" means.
 */
export function nearestRank(values: Float64Array, p: number): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] as number;
}

async function latencyP99(db: Executor, period: KriPeriod, params: Readonly<Record<string, string>>) {
  const latencies: number[] = [];
  let after = '';
  for (;;) {
    const rows = await decisionsIn(db, period, params)
      .select(['id', 'response'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const latency = (JSON.parse(row.response) as { latency_ms?: unknown }).latency_ms;
      if (typeof latency === 'number' && Number.isFinite(latency)) latencies.push(latency);
    }
    if (rows.length < PAGE) break;
    after = (rows[rows.length - 1] as { id: string }).id;
  }
  return nearestRank(Float64Array.from(latencies), 0.99);
}

async function ruleHitRate(db: Executor, period: KriPeriod, params: Readonly<Record<string, string>>) {
  const total = await count(db, period, params);
  if (total === 0) return null;
  let q = db
    .selectFrom('decision_rule_hit as h')
    .innerJoin('decision as d', 'd.id', 'h.decision_id')
    .where('h.rule_id', '=', params['rule_id'] as string)
    .where('d.occurred_at', '>=', period.start)
    .where('d.occurred_at', '<', period.end);
  if (params['event_type'] !== undefined) q = q.where('d.event_type', '=', params['event_type']);
  const row = await q.select((eb) => eb.fn.count('h.decision_id').distinct().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) / total;
}

/** The engine's built-in metrics. */
export function engineMetrics(): BuiltinMetric[] {
  return [
    {
      id: 'engine.decision_volume',
      name: { en: 'Decision volume', zh: '决策量' },
      description: { en: 'Decisions made in the period', zh: '期间内作出的决策数' },
      riskType: 'operational',
      unit: 'count',
      direction: 'higher_is_worse',
      params: [EVENT_TYPE],
      compute: (db, period, params) => count(db, period, params),
    },
    {
      id: 'engine.reject_rate',
      name: { en: 'Reject rate', zh: '拒绝率' },
      description: { en: 'Share of decisions that rejected', zh: '拒绝决策占全部决策的比例' },
      riskType: 'operational',
      unit: 'ratio',
      direction: 'higher_is_worse',
      params: [EVENT_TYPE],
      compute: (db, period, params) => rate(db, period, params, 'reject'),
    },
    {
      id: 'engine.review_rate',
      name: { en: 'Manual review rate', zh: '人工审核率' },
      description: { en: 'Share of decisions sent to manual review', zh: '转人工审核的决策占比' },
      riskType: 'operational',
      unit: 'ratio',
      direction: 'higher_is_worse',
      params: [EVENT_TYPE],
      compute: (db, period, params) => rate(db, period, params, 'review'),
    },
    {
      id: 'engine.rule_hit_rate',
      name: { en: 'Rule hit rate', zh: '规则命中率' },
      description: { en: 'Share of decisions in which the rule fired', zh: '该规则命中的决策占比' },
      riskType: 'operational',
      unit: 'ratio',
      direction: 'higher_is_worse',
      params: [
        { name: 'rule_id', required: true, description: { en: 'the rule id', zh: '规则编号' } },
        EVENT_TYPE,
      ],
      compute: ruleHitRate,
    },
    {
      id: 'engine.latency_p99',
      name: { en: 'Decision latency p99', zh: '决策延迟 P99' },
      description: {
        en: '99th percentile (nearest rank) of the decision latency reported in each response',
        zh: '决策响应中延迟的第 99 百分位数（最近秩法）',
      },
      riskType: 'technology',
      unit: 'ms',
      direction: 'higher_is_worse',
      params: [EVENT_TYPE],
      compute: latencyP99,
    },
    {
      id: 'engine.fallback_rate',
      name: { en: 'Decision fallback rate', zh: '决策降级率' },
      description: {
        en: 'Share of decisions that took the fallback outcome (timeout, store unavailable, no policy…)',
        zh: '采用降级结果的决策占比（超时、存储不可用、无策略等）',
      },
      riskType: 'technology',
      unit: 'ratio',
      direction: 'higher_is_worse',
      params: [EVENT_TYPE],
      compute: (db, period, params) => rate(db, period, params, 'fallback'),
    },
  ];
}
