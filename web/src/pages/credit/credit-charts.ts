/**
 * ECharts options of the credit pages, built from API data and labels the caller has translated:
 * IV bars, ROC and KS curves, PSI over time with its 0.1 / 0.25 bands, CSI lines, bad rate by score
 * band, vintage curves, delinquency buckets, reserve postings and the roll-rate matrix's cell colours.
 * Pure functions, so the series and band values are tested without a canvas.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { BandPerformance, KsTableRow, Matrix, MonitoringWindow, VintageCohort } from './types.js';

const GREEN = '#2e7d32';
const AMBER = '#b26a00';
const RED = '#c62828';
const BLUE = '#1f5f99';
const GREY = '#757575';
/** Cohort lines: distinct hues, repeated for long books (each cohort is also in the table). */
const SERIES = [
  '#1f5f99',
  '#b26a00',
  '#2e7d32',
  '#8e24aa',
  '#c62828',
  '#00838f',
  '#6d4c41',
  '#5c6bc0',
  '#9e9d24',
];

const base = { animation: false, tooltip: { trigger: 'axis' as const } };

/** The IV thresholds drawn on the IV chart: below 0.02 unpredictive, 0.1 weak, 0.3 medium, above strong. */
export const IV_THRESHOLDS = [0.02, 0.1, 0.3] as const;

/** The PSI / CSI bands: stable below 0.1, watch to 0.25, shift above. */
export const PSI_BANDS = [
  { from: 0, to: 0.1, verdict: 'stable', colour: 'rgba(46, 125, 50, 0.12)' },
  { from: 0.1, to: 0.25, verdict: 'watch', colour: 'rgba(178, 106, 0, 0.14)' },
  { from: 0.25, to: null, verdict: 'shift', colour: 'rgba(198, 40, 40, 0.12)' },
] as const;

/** Information value per variable, largest first, with the strength thresholds as lines. */
export function ivOption(iv: Readonly<Record<string, number>>, labels: { iv: string }): EChartsCoreOption {
  const items = Object.entries(iv).sort((a, b) => b[1] - a[1]);
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 150, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'value', name: labels.iv, nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: items.map(([name]) => name), inverse: true },
    series: [
      {
        type: 'bar',
        name: labels.iv,
        data: items.map(([, value]) => Number(value.toFixed(4))),
        itemStyle: { color: BLUE },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: GREY, type: 'dashed' },
          label: { formatter: '{c}' },
          data: IV_THRESHOLDS.map((x) => ({ xAxis: x })),
        },
      },
    ],
  };
}

/**
 * The ROC curve from a KS table (riskiest part first): after each part, the share of goods refused
 * (false positive rate) against the share of bads caught (true positive rate), from (0, 0) to (1, 1).
 */
export function rocPoints(table: readonly KsTableRow[]): [number, number][] {
  return [[0, 0], ...table.map((r): [number, number] => [r.cumGoodShare, r.cumBadShare])];
}

/** The ROC curve with the chance diagonal. */
export function rocOption(
  table: readonly KsTableRow[],
  labels: { roc: string; chance: string; fpr: string; tpr: string },
): EChartsCoreOption {
  const axis = (name: string) => ({
    type: 'value',
    min: 0,
    max: 1,
    name,
    nameLocation: 'middle',
    nameGap: 26,
  });
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 28, bottom: 40 },
    xAxis: axis(labels.fpr),
    yAxis: axis(labels.tpr),
    series: [
      {
        type: 'line',
        name: labels.roc,
        data: rocPoints(table),
        showSymbol: true,
        itemStyle: { color: BLUE },
      },
      {
        type: 'line',
        name: labels.chance,
        data: [
          [0, 0],
          [1, 1],
        ],
        showSymbol: false,
        lineStyle: { type: 'dashed', color: GREY },
        itemStyle: { color: GREY },
      },
    ],
  };
}

/** The KS chart: cumulative shares of bads and goods by score part, and the gap between them. */
export function ksOption(
  table: readonly KsTableRow[],
  labels: { bads: string; goods: string; gap: string; part: (n: number) => string },
): EChartsCoreOption {
  const parts = table.map((_, i) => labels.part(i + 1));
  let best = 0;
  table.forEach((r, i) => {
    if (r.ks > (table[best]?.ks ?? 0)) best = i;
  });
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 28, bottom: 32 },
    xAxis: { type: 'category', data: parts },
    yAxis: { type: 'value', min: 0, max: 1 },
    series: [
      { type: 'line', name: labels.bads, data: table.map((r) => r.cumBadShare), itemStyle: { color: RED } },
      {
        type: 'line',
        name: labels.goods,
        data: table.map((r) => r.cumGoodShare),
        itemStyle: { color: GREEN },
      },
      {
        type: 'line',
        name: labels.gap,
        data: table.map((r) => r.ks),
        lineStyle: { type: 'dashed' },
        itemStyle: { color: BLUE },
        markPoint:
          table.length > 0
            ? { data: [{ coord: [best, table[best]?.ks ?? 0], value: (table[best]?.ks ?? 0).toFixed(3) }] }
            : undefined,
      },
    ],
  };
}

/** The y-axis top of a stability chart: the shift band stays visible above the largest index. */
export function stabilityAxisMax(values: readonly (number | null)[]): number {
  const top = Math.max(0.3, ...values.filter((v): v is number => v !== null));
  return Number((Math.ceil(top * 1.1 * 20) / 20).toFixed(2));
}

/** The shaded bands of a stability chart, up to `max`. */
export function stabilityBands(max: number): { from: number; to: number; colour: string }[] {
  return PSI_BANDS.map((b) => ({ from: b.from, to: b.to ?? max, colour: b.colour }));
}

/** PSI of the score per window, over shaded stable / watch / shift bands and the 0.1 / 0.25 lines. */
export function psiOption(
  windows: readonly MonitoringWindow[],
  labels: { psi: string; window: (iso: string) => string },
): EChartsCoreOption {
  const values = windows.map((w) => (w.psi ? Number(w.psi.index.toFixed(4)) : null));
  const max = stabilityAxisMax(values);
  return {
    ...base,
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: windows.map((w) => labels.window(w.from)) },
    yAxis: { type: 'value', min: 0, max, name: labels.psi },
    series: [
      {
        type: 'line',
        name: labels.psi,
        data: values,
        connectNulls: false,
        itemStyle: { color: BLUE },
        markArea: {
          silent: true,
          data: stabilityBands(max).map((b) => [
            { yAxis: b.from, itemStyle: { color: b.colour } },
            { yAxis: b.to },
          ]),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [
            { yAxis: 0.1, lineStyle: { color: AMBER, type: 'dashed' } },
            { yAxis: 0.25, lineStyle: { color: RED, type: 'dashed' } },
          ],
        },
      },
    ],
  };
}

/** CSI of each variable per window, one line each, over the same bands. */
export function csiOption(
  windows: readonly MonitoringWindow[],
  labels: { csi: string; window: (iso: string) => string },
): EChartsCoreOption {
  const variables = windows[0]?.csi.map((c) => c.variable) ?? [];
  const series = variables.map((variable, i) => ({
    type: 'line',
    name: variable,
    data: windows.map((w) => {
      const s = w.csi[i]?.stability;
      return s ? Number(s.index.toFixed(4)) : null;
    }),
    itemStyle: { color: SERIES[i % SERIES.length] },
  }));
  const max = stabilityAxisMax(series.flatMap((s) => s.data));
  const first = series[0];
  if (first) {
    Object.assign(first, {
      markArea: {
        silent: true,
        data: stabilityBands(max).map((b) => [
          { yAxis: b.from, itemStyle: { color: b.colour } },
          { yAxis: b.to },
        ]),
      },
    });
  }
  return {
    ...base,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: windows.map((w) => labels.window(w.from)) },
    yAxis: { type: 'value', min: 0, max, name: labels.csi },
    series,
  };
}

/** A score band as text: `< 514`, `514–529`, `≥ 599`. */
export function bandLabel(from: number | null, to: number | null): string {
  const f = (v: number) => v.toFixed(0);
  if (from === null && to === null) return '—';
  if (from === null) return `< ${f(to as number)}`;
  if (to === null) return `≥ ${f(from)}`;
  return `${f(from)}–${f(to)}`;
}

/** Applications (bars) and bad rate (line, right axis) by training score decile. */
export function badRateOption(
  performance: readonly BandPerformance[],
  labels: { applications: string; badRate: string },
): EChartsCoreOption {
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 28, bottom: 32 },
    xAxis: { type: 'category', data: performance.map((p) => bandLabel(p.from, p.to)) },
    yAxis: [
      { type: 'value', name: labels.applications, minInterval: 1 },
      {
        type: 'value',
        name: labels.badRate,
        min: 0,
        axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` },
      },
    ],
    series: [
      {
        type: 'bar',
        name: labels.applications,
        data: performance.map((p) => p.applications),
        itemStyle: { color: BLUE },
      },
      {
        type: 'line',
        name: labels.badRate,
        yAxisIndex: 1,
        data: performance.map((p) => p.bad_rate),
        itemStyle: { color: RED },
      },
    ],
  };
}

/** The months on book a vintage chart spans: 0 to the longest cohort's last point. */
export function vintageMobs(cohorts: readonly VintageCohort[]): number[] {
  const last = Math.max(-1, ...cohorts.flatMap((c) => c.curve.map((p) => p.mob)));
  return Array.from({ length: last + 1 }, (_, i) => i);
}

/** Vintage curves: one line per origination month, bad rate by month on book. */
export function vintageOption(
  cohorts: readonly VintageCohort[],
  labels: { mob: string; rate: string },
): EChartsCoreOption {
  const mobs = vintageMobs(cohorts);
  return {
    ...base,
    legend: { type: 'scroll', top: 0 },
    grid: { left: 52, right: 16, top: 32, bottom: 40 },
    xAxis: {
      type: 'category',
      data: mobs.map(String),
      name: labels.mob,
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: {
      type: 'value',
      min: 0,
      name: labels.rate,
      axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(1)}%` },
    },
    series: cohorts.map((c, i) => {
      const byMob = new Map(c.curve.map((p) => [p.mob, p.rate]));
      return {
        type: 'line',
        name: c.originationMonth,
        data: mobs.map((m) => byMob.get(m) ?? null),
        showSymbol: false,
        itemStyle: { color: SERIES[i % SERIES.length] },
      };
    }),
  };
}

/** Outstanding balance (yuan) by delinquency state, coloured from current to loss. */
export function bucketOption(
  rows: readonly { state: string; label: string; outstandingYuan: number }[],
  labels: { outstanding: string },
): EChartsCoreOption {
  const colour = (state: string) =>
    state === 'current' ? GREEN : state === 'M1' ? AMBER : state === 'closed' ? GREY : RED;
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 72, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', name: labels.outstanding },
    series: [
      {
        type: 'bar',
        name: labels.outstanding,
        data: rows.map((r) => ({ value: r.outstandingYuan, itemStyle: { color: colour(r.state) } })),
      },
    ],
  };
}

/** Reserve postings by month (provisions up, drawdowns down) and the balance after each month. */
export function reserveOption(
  months: readonly { month: string; provisionYuan: number; drawnYuan: number; balanceYuan: number }[],
  labels: { provision: string; drawdown: string; balance: string },
): EChartsCoreOption {
  return {
    ...base,
    legend: { top: 0 },
    grid: { left: 72, right: 16, top: 28, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: labels.provision,
        stack: 'flow',
        data: months.map((m) => m.provisionYuan),
        itemStyle: { color: GREEN },
      },
      {
        type: 'bar',
        name: labels.drawdown,
        stack: 'flow',
        data: months.map((m) => -m.drawnYuan),
        itemStyle: { color: RED },
      },
      {
        type: 'line',
        name: labels.balance,
        data: months.map((m) => m.balanceYuan),
        itemStyle: { color: BLUE },
      },
    ],
  };
}

/**
 * A roll-rate cell's background: white at 0, deepening with the share; the staying-put diagonal in
 * blue, moves to a worse state in red, cures and closes in green. Light enough for dark text.
 */
export function rollRateColour(share: number, direction: 'same' | 'worse' | 'better'): string {
  const s = Math.max(0, Math.min(1, share));
  const alpha = s === 0 ? 0 : 0.08 + 0.5 * s;
  const rgb = direction === 'same' ? '31, 95, 153' : direction === 'worse' ? '198, 40, 40' : '46, 125, 50';
  return `rgba(${rgb}, ${alpha.toFixed(2)})`;
}

/** One row of the roll-rate table: the state a loan was in and where it went. */
export interface RollRateRow {
  readonly from: string;
  readonly total: number;
  readonly cells: readonly { to: string; count: number; share: number; colour: string }[];
}

/**
 * The roll-rate matrix as table rows. States are ordered from current to written off (then closed);
 * a move to a later state is worse, to an earlier one (or closed) better.
 */
export function rollRateRows(states: readonly string[], counts: Matrix, shares: Matrix): RollRateRow[] {
  const order = (s: string) => (s === 'closed' ? -1 : states.indexOf(s));
  return states
    .map((from) => {
      const cells = states.map((to) => {
        const count = counts[from]?.[to] ?? 0;
        const share = shares[from]?.[to] ?? 0;
        const direction = from === to ? 'same' : order(to) > order(from) ? 'worse' : 'better';
        return { to, count, share, colour: rollRateColour(share, direction) };
      });
      return { from, total: cells.reduce((sum, c) => sum + c.count, 0), cells };
    })
    .filter((r) => r.total > 0);
}
