import { describe, expect, it } from 'vitest';
import {
  badRateOption,
  bandLabel,
  IV_THRESHOLDS,
  ivOption,
  ksOption,
  PSI_BANDS,
  psiOption,
  rocOption,
  rocPoints,
  rollRateColour,
  rollRateRows,
  stabilityAxisMax,
  vintageMobs,
  vintageOption,
} from './credit-charts.js';
import type { KsTableRow, MonitoringWindow, VintageCohort } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: options are inspected as plain data.
type Any = any;

const table: KsTableRow[] = [
  {
    scoreMin: 400,
    scoreMax: 500,
    count: 10,
    bads: 6,
    goods: 4,
    badRate: 0.6,
    cumBadShare: 0.6,
    cumGoodShare: 0.1,
    ks: 0.5,
  },
  {
    scoreMin: 500,
    scoreMax: 600,
    count: 10,
    bads: 3,
    goods: 7,
    badRate: 0.3,
    cumBadShare: 0.9,
    cumGoodShare: 0.45,
    ks: 0.45,
  },
  {
    scoreMin: 600,
    scoreMax: 700,
    count: 20,
    bads: 1,
    goods: 19,
    badRate: 0.05,
    cumBadShare: 1,
    cumGoodShare: 1,
    ks: 0,
  },
];

const stability = (index: number) => ({ index, verdict: 'x', label: { en: 'x', zh: 'x' } });
const windows: MonitoringWindow[] = [
  {
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-08T00:00:00.000Z',
    count: 5,
    small_sample: true,
    mean_score: 550,
    psi: stability(0.05),
    csi: [{ variable: 'age', stability: stability(0.02) }],
  },
  {
    from: '2026-01-08T00:00:00.000Z',
    to: '2026-01-15T00:00:00.000Z',
    count: 0,
    small_sample: true,
    mean_score: null,
    psi: null,
    csi: [{ variable: 'age', stability: null }],
  },
  {
    from: '2026-01-15T00:00:00.000Z',
    to: '2026-01-22T00:00:00.000Z',
    count: 9,
    small_sample: true,
    mean_score: 560,
    psi: stability(0.31234),
    csi: [{ variable: 'age', stability: stability(0.4) }],
  },
];

describe('scorecard charts', () => {
  it('sorts IV bars largest first and draws the strength thresholds', () => {
    const option: Any = ivOption({ age: 0.28, housing: 0.036, income: 0.19 }, { iv: 'IV' });
    expect(option.yAxis.data).toEqual(['age', 'income', 'housing']);
    expect(option.series[0].data).toEqual([0.28, 0.19, 0.036]);
    expect(option.series[0].markLine.data.map((d: Any) => d.xAxis)).toEqual([...IV_THRESHOLDS]);
  });

  it('builds the ROC curve from the KS table, from (0,0) to (1,1), with the chance line', () => {
    expect(rocPoints(table)).toEqual([
      [0, 0],
      [0.1, 0.6],
      [0.45, 0.9],
      [1, 1],
    ]);
    const option: Any = rocOption(table, { roc: 'ROC', chance: 'Chance', fpr: 'FPR', tpr: 'TPR' });
    expect(option.series[1].data).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(option.xAxis.name).toBe('FPR');
  });

  it('draws cumulative bads, goods and the KS gap, marking the largest gap', () => {
    const option: Any = ksOption(table, { bads: 'B', goods: 'G', gap: 'KS', part: (n) => `P${n}` });
    expect(option.xAxis.data).toEqual(['P1', 'P2', 'P3']);
    expect(option.series[0].data).toEqual([0.6, 0.9, 1]);
    expect(option.series[1].data).toEqual([0.1, 0.45, 1]);
    expect(option.series[2].markPoint.data[0].coord).toEqual([0, 0.5]);
  });

  it('draws PSI with gaps for empty windows over the 0.1 / 0.25 bands', () => {
    const option: Any = psiOption(windows, { psi: 'PSI', window: (iso) => iso.slice(0, 10) });
    const series = option.series[0];
    expect(series.data).toEqual([0.05, null, 0.3123]);
    expect(series.markLine.data.map((d: Any) => d.yAxis)).toEqual([0.1, 0.25]);
    const max = option.yAxis.max;
    expect(max).toBe(0.35);
    expect(series.markArea.data.map((b: Any) => [b[0].yAxis, b[1].yAxis])).toEqual([
      [0, 0.1],
      [0.1, 0.25],
      [0.25, 0.35],
    ]);
    expect(PSI_BANDS.map((b) => b.verdict)).toEqual(['stable', 'watch', 'shift']);
  });

  it('keeps the shift band visible above small indexes and above large ones', () => {
    expect(stabilityAxisMax([0.01, null])).toBe(0.35);
    expect(stabilityAxisMax([6.8])).toBe(7.5);
  });

  it('labels score bands and plots bad rates on the right axis', () => {
    expect(bandLabel(null, 513.86)).toBe('< 514');
    expect(bandLabel(513.86, 528.7)).toBe('514–529');
    expect(bandLabel(599.2, null)).toBe('≥ 599');
    const option: Any = badRateOption(
      [
        { from: null, to: 500, applications: 4, booked: 2, bad: 1, bad_rate: 0.5 },
        { from: 500, to: null, applications: 6, booked: 0, bad: 0, bad_rate: null },
      ],
      { applications: 'Apps', badRate: 'Bad' },
    );
    expect(option.series[0].data).toEqual([4, 6]);
    expect(option.series[1].data).toEqual([0.5, null]);
    expect(option.series[1].yAxisIndex).toBe(1);
  });
});

describe('portfolio charts', () => {
  const cohorts: VintageCohort[] = [
    {
      originationMonth: '2025-05',
      loans: 2,
      principal: 100,
      curve: [
        { mob: 0, badLoans: 0, badPrincipal: 0, rate: 0 },
        { mob: 1, badLoans: 1, badPrincipal: 50, rate: 0.5 },
        { mob: 2, badLoans: 1, badPrincipal: 50, rate: 0.5 },
      ],
    },
    {
      originationMonth: '2025-06',
      loans: 1,
      principal: 10,
      curve: [{ mob: 0, badLoans: 0, badPrincipal: 0, rate: 0 }],
    },
  ];

  it('draws one vintage curve per cohort over every month on book', () => {
    expect(vintageMobs(cohorts)).toEqual([0, 1, 2]);
    const option: Any = vintageOption(cohorts, { mob: 'MOB', rate: 'Rate' });
    expect(option.series.map((s: Any) => s.name)).toEqual(['2025-05', '2025-06']);
    expect(option.series[0].data).toEqual([0, 0.5, 0.5]);
    expect(option.series[1].data).toEqual([0, null, null]);
  });

  it('shapes the roll-rate matrix into rows with heat colours by direction', () => {
    const states = ['current', 'M1', 'M2', 'closed'];
    const counts = {
      current: { current: 9, M1: 1, M2: 0, closed: 0 },
      M1: { current: 1, M1: 0, M2: 1, closed: 0 },
      M2: {},
      closed: {},
    };
    const shares = { current: { current: 0.9, M1: 0.1 }, M1: { current: 0.5, M2: 0.5 } };
    const rows = rollRateRows(states, counts, shares);
    expect(rows.map((r) => [r.from, r.total])).toEqual([
      ['current', 10],
      ['M1', 2],
    ]);
    const m1 = rows[1]?.cells ?? [];
    expect(m1.map((c) => c.count)).toEqual([1, 0, 1, 0]);
    expect(m1[0]?.colour).toBe(rollRateColour(0.5, 'better'));
    expect(m1[2]?.colour).toBe(rollRateColour(0.5, 'worse'));
    expect(rows[0]?.cells[0]?.colour).toBe(rollRateColour(0.9, 'same'));
    expect(rollRateColour(0, 'worse')).toBe('rgba(198, 40, 40, 0.00)');
    expect(rollRateColour(1, 'worse')).toBe('rgba(198, 40, 40, 0.58)');
  });
});
