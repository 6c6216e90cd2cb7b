/**
 * The KRIs of the demo workspace: one or more per risk type of the reference text (market, credit,
 * liquidity, operational, technology, legal). Built-in KRIs read the demo's simulated decisions and
 * loans; pushed KRIs receive synthetic series (`demo-series.ts`, labelled synthetic in their
 * descriptions); the liquidity coverage is a formula over two pushed series. Every KRI is evaluated
 * over its last 30 or more ended periods, oldest first, so it has a history, bands and signals —
 * and, through the evaluation hook, open alerts.
 */
import type { Actor } from '../../audit/index.js';
import { DEMO_SHAPES, syntheticSeries } from './demo-series.js';
import type { NewKri } from './kri-input.js';
import { type Frequency, lastEndedPeriod, periodsUpTo } from './periods.js';
import type { KriService } from './service.js';

const SYNTHETIC = { en: ' (synthetic demo series)', zh: '（演示用合成数据）' };

function synthetic(en: string, zh: string) {
  return { en: `${en}${SYNTHETIC.en}`, zh: `${zh}${SYNTHETIC.zh}` };
}

/** The demo KRIs; a built-in one whose metric this installation lacks is left out at load. */
export const DEMO_KRIS: readonly (NewKri & { readonly history: number })[] = [
  {
    id: 'market.lpr_1y',
    name: { en: '1-year loan prime rate (LPR)', zh: '一年期贷款市场报价利率（LPR）' },
    description: synthetic('Funding and pricing benchmark', '资金成本与定价基准'),
    risk_type: 'market',
    unit: 'pct',
    direction: 'higher_is_worse',
    frequency: 'monthly',
    source: { kind: 'pushed' },
    thresholds: { amber: 3.9, red: 4.3, hysteresis: 0.05 },
    detectors: [{ method: 'cusum', params: { k: 0.5, h: 4, estimateFrom: 8, resetOnSignal: true } }],
    history: 36,
  },
  {
    id: 'market.csi300_vol_20d',
    name: { en: 'CSI 300 20-day volatility', zh: '沪深300指数20日波动率' },
    description: synthetic('Annualised, in %', '年化，单位 %'),
    risk_type: 'market',
    unit: 'pct',
    direction: 'higher_is_worse',
    frequency: 'daily',
    source: { kind: 'pushed' },
    thresholds: { amber: 25, red: 35, hysteresis: 1 },
    detectors: [{ method: 'zscore', params: { window: 20, k: 3 } }],
    history: 40,
  },
  {
    id: 'liquidity.cash_available',
    name: { en: 'Cash and near-cash', zh: '现金及准现金' },
    description: synthetic('CNY million', '单位：百万元人民币'),
    risk_type: 'liquidity',
    unit: 'cny_m',
    direction: 'lower_is_worse',
    frequency: 'daily',
    source: { kind: 'pushed' },
    history: 40,
  },
  {
    id: 'liquidity.outflow_30d',
    name: { en: 'Expected outflows, next 30 days', zh: '未来30天预计资金流出' },
    description: synthetic('CNY million', '单位：百万元人民币'),
    risk_type: 'liquidity',
    unit: 'cny_m',
    direction: 'higher_is_worse',
    frequency: 'daily',
    source: { kind: 'pushed' },
    history: 40,
  },
  {
    id: 'liquidity.cash_coverage_30d',
    name: { en: 'Cash coverage of 30-day outflows', zh: '现金对30天资金流出的覆盖倍数' },
    description: {
      en: 'Cash and near-cash over expected 30-day outflows',
      zh: '现金及准现金 ÷ 未来30天预计流出',
    },
    risk_type: 'liquidity',
    unit: 'ratio',
    direction: 'lower_is_worse',
    frequency: 'daily',
    source: { kind: 'formula', expression: 'liquidity.cash_available ÷ liquidity.outflow_30d' },
    thresholds: { amber: 1.3, red: 1.1, hysteresis: 0.03 },
    detectors: [{ method: 'ewma', params: { lambda: 0.2, L: 3, estimateFrom: 15 } }],
    history: 40,
  },
  {
    id: 'legal.open_regulatory_findings',
    name: { en: 'Open regulatory findings', zh: '未整改的监管检查问题' },
    description: synthetic('Findings of inspections not yet closed', '监管检查发现且尚未整改完毕的问题数'),
    risk_type: 'legal',
    unit: 'count',
    direction: 'higher_is_worse',
    frequency: 'weekly',
    source: { kind: 'pushed' },
    thresholds: { amber: 3, red: 5, hysteresis: 0.5 },
    detectors: [{ method: 'page-hinkley', params: {} }],
    history: 36,
  },
  {
    id: 'operational.access_review_exceptions',
    name: { en: 'Privileged-access review exceptions', zh: '特权账户访问复核异常' },
    description: synthetic('Accounts found with access they should not hold', '复核中发现的越权账户数'),
    risk_type: 'operational',
    unit: 'count',
    direction: 'higher_is_worse',
    frequency: 'weekly',
    source: { kind: 'pushed' },
    thresholds: { amber: 2, red: 4, hysteresis: 0.5 },
    history: 36,
  },
  {
    id: 'operational.reject_rate',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'engine.reject_rate' },
    thresholds: { amber: 0.3, red: 0.45, hysteresis: 0.02 },
    detectors: [{ method: 'ewma', params: { lambda: 0.2, L: 3, estimateFrom: 10 } }],
    history: 30,
  },
  {
    id: 'operational.manual_review_rate',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'engine.review_rate' },
    thresholds: { amber: 0.15, red: 0.25, hysteresis: 0.01 },
    history: 30,
  },
  {
    id: 'operational.fraud_confirmed_rate',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'cases.fraud_confirmed_rate' },
    thresholds: { amber: 0.2, red: 0.35, hysteresis: 0.02 },
    history: 30,
  },
  {
    id: 'operational.overdue_drills',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'cases.overdue_drills' },
    thresholds: { amber: 1, red: 3, hysteresis: 0 },
    history: 30,
  },
  {
    id: 'technology.availability',
    name: { en: 'Core system availability', zh: '核心系统可用率' },
    description: synthetic(
      'Share of the day the decision service answered, %',
      '决策服务当日可用时间占比（%）',
    ),
    risk_type: 'technology',
    unit: 'pct',
    direction: 'lower_is_worse',
    frequency: 'daily',
    source: { kind: 'pushed' },
    thresholds: { amber: 99.9, red: 99.5, hysteresis: 0.02 },
    history: 40,
  },
  {
    id: 'technology.decision_latency_p99',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'engine.latency_p99' },
    thresholds: { amber: 200, red: 500, hysteresis: 10 },
    history: 30,
  },
  {
    id: 'technology.fallback_rate',
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'engine.fallback_rate' },
    thresholds: { amber: 0.01, red: 0.05, hysteresis: 0.002 },
    history: 30,
  },
  {
    id: 'credit.npl_ratio',
    frequency: 'monthly',
    source: { kind: 'builtin', metric: 'credit.npl_ratio' },
    thresholds: { amber: 0.03, red: 0.05, hysteresis: 0.002 },
    history: 30,
  },
  {
    id: 'credit.overdue_rate',
    frequency: 'monthly',
    source: { kind: 'builtin', metric: 'credit.overdue_rate' },
    thresholds: { amber: 0.03, red: 0.06, hysteresis: 0.002 },
    history: 30,
  },
  {
    id: 'credit.top10_concentration',
    frequency: 'monthly',
    source: { kind: 'builtin', metric: 'credit.top10_concentration' },
    thresholds: { amber: 0.1, red: 0.2, hysteresis: 0.005 },
    history: 30,
  },
  {
    id: 'credit.reserve_coverage',
    frequency: 'monthly',
    source: { kind: 'builtin', metric: 'credit.reserve_coverage' },
    thresholds: { amber: 1.5, red: 1.0, hysteresis: 0.05 },
    history: 30,
  },
  {
    id: 'credit.scorecard_psi',
    name: { en: 'Application scorecard PSI', zh: '申请评分卡 PSI' },
    frequency: 'weekly',
    source: { kind: 'builtin', metric: 'credit.scorecard_psi', params: { scorecard: 'retail_application' } },
    thresholds: { amber: 0.1, red: 0.25, hysteresis: 0.01 },
    history: 30,
  },
];

/** What the KRI demo made: KRIs defined and evaluated, by final band. */
export interface KriDemoResult {
  readonly kris: readonly string[];
  readonly evaluations: number;
  readonly bands: Readonly<Record<'green' | 'amber' | 'red', readonly string[]>>;
}

/** Defines, fills and evaluates the demo KRIs as at `now`, with `owners` by risk type. */
export async function loadKriDemo(
  kris: KriService,
  actor: Actor,
  now: number,
  owners: Readonly<Record<string, string | null>> = {},
): Promise<KriDemoResult> {
  const defined: { id: string; frequency: Frequency; history: number }[] = [];
  for (const { history, ...spec } of DEMO_KRIS) {
    if (spec.source.kind === 'builtin' && !kris.deps.metrics.get(spec.source.metric ?? '')) continue;
    const riskType = spec.risk_type ?? spec.id.split('.')[0] ?? '';
    await kris.create({ ...spec, owner: owners[riskType] ?? null }, actor);
    defined.push({ id: spec.id, frequency: spec.frequency as Frequency, history });
  }
  const rows = ['kri_id,period_start,value'];
  for (const [i, d] of defined.entries()) {
    const shape = DEMO_SHAPES[d.id];
    if (!shape) continue;
    const periods = periodsUpTo(d.frequency, lastEndedPeriod(d.frequency, now), d.history);
    const values = syntheticSeries(shape.shape, periods.length, 20261127 + i, shape.decimals);
    for (const [j, p] of periods.entries()) rows.push(`${d.id},${p.start},${values[j]}`);
  }
  await kris.importCsv(rows.join('\n'), actor, 'demo');
  let evaluations = 0;
  const bands: Record<'green' | 'amber' | 'red', string[]> = { green: [], amber: [], red: [] };
  for (const d of defined) {
    let last: 'green' | 'amber' | 'red' = 'green';
    for (const p of periodsUpTo(d.frequency, lastEndedPeriod(d.frequency, now), d.history)) {
      last = (await kris.evaluate(d.id, p.start, actor)).evaluation.band;
      evaluations++;
    }
    bands[last].push(d.id);
  }
  return { kris: defined.map((d) => d.id), evaluations, bands };
}
