/**
 * The option of a KRI's history chart: its values as a line over the evaluated periods, the static
 * threshold bands behind it as coloured areas, and the periods where a change detector (z-score,
 * EWMA, CUSUM, Page–Hinkley) signalled as points on the line. Pure, so the mapping from the API's
 * series to what the chart draws is tested without a canvas.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { BAND_COLOURS } from '../../charts/palette.js';
import type { Band, Evaluation, Kri, Thresholds } from './types.js';

/** One band drawn across the chart, between two values of the KRI. */
export interface BandArea {
  readonly band: Band;
  readonly from: number;
  readonly to: number;
}

/** The labels the chart shows, translated and formatted by the caller. */
export interface KriChartLabels {
  readonly value: string;
  readonly signal: string;
  readonly bands: Readonly<Record<Band, string>>;
  readonly period: (iso: string) => string;
  readonly format: (value: number) => string;
  /** Tooltip line of a period where detectors signalled, e.g. "Signals: cusum". */
  readonly signals: (methods: readonly string[]) => string;
}

/** How opaque the band areas are: light enough for the line and points to stay readable. */
export const BAND_AREA_OPACITY = 0.13;
const SIGNAL_COLOUR = '#37474f';

/**
 * The value axis: every value and both threshold lines with a tenth of the span as margin, so the
 * bands are visible even when the series stays in one of them. A series that never goes below zero
 * keeps a floor of zero.
 */
export function valueRange(
  values: readonly (number | null)[],
  thresholds: Thresholds | null,
): { min: number; max: number } {
  const all = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (thresholds) all.push(thresholds.amber, thresholds.red);
  if (all.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || Math.abs(hi) || 1;
  const pad = span * 0.1;
  return { min: lo >= 0 && lo - pad < 0 ? 0 : lo - pad, max: hi + pad };
}

/**
 * The green, amber and red areas between the axis bounds and the threshold lines. Higher is worse:
 * green below amber, red above red; lower is worse: the other way round. An amber line equal to the
 * red one means no amber band, so none is drawn.
 */
export function bandAreas(
  thresholds: Thresholds | null,
  direction: Kri['direction'],
  range: { min: number; max: number },
): BandArea[] {
  if (!thresholds) return [];
  const { amber, red } = thresholds;
  const areas: BandArea[] =
    direction === 'higher_is_worse'
      ? [
          { band: 'green', from: range.min, to: amber },
          { band: 'amber', from: amber, to: red },
          { band: 'red', from: red, to: range.max },
        ]
      : [
          { band: 'red', from: range.min, to: red },
          { band: 'amber', from: red, to: amber },
          { band: 'green', from: amber, to: range.max },
        ];
  return areas.filter((a) => a.to > a.from);
}

/** The indices of the periods where at least one detector signalled and a value exists. */
export function signalIndices(points: readonly Evaluation[]): number[] {
  return points.flatMap((p, i) => (p.signals.length > 0 && p.value !== null ? [i] : []));
}

/** The chart option for `points` (oldest first) under the KRI's current thresholds. */
export function kriChartOption(
  points: readonly Evaluation[],
  kri: Pick<Kri, 'thresholds' | 'direction'>,
  labels: KriChartLabels,
): EChartsCoreOption {
  const range = valueRange(
    points.map((p) => p.value),
    kri.thresholds,
  );
  const areas = bandAreas(kri.thresholds, kri.direction, range);
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 28, bottom: 28 },
    legend: { top: 0, itemWidth: 12, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const point = points[params[0]?.dataIndex ?? -1];
        if (!point) return '';
        const value = point.value === null ? '—' : labels.format(point.value);
        const lines = [labels.period(point.period_start), `${value} · ${labels.bands[point.band]}`];
        if (point.signals.length > 0) lines.push(labels.signals(point.signals));
        return lines.join('<br/>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => labels.period(p.period_start)) },
    yAxis: {
      type: 'value',
      min: range.min,
      max: range.max,
      axisLabel: { formatter: (v: number) => labels.format(v) },
    },
    series: [
      {
        type: 'line',
        name: labels.value,
        symbolSize: 5,
        lineStyle: { color: SIGNAL_COLOUR, width: 1.5 },
        itemStyle: { color: SIGNAL_COLOUR },
        data: points.map((p) => ({
          value: p.value,
          itemStyle: { color: BAND_COLOURS[p.band] },
        })),
        markArea: {
          silent: true,
          data: areas.map((a) => [
            {
              name: labels.bands[a.band],
              yAxis: a.from,
              itemStyle: { color: BAND_COLOURS[a.band], opacity: BAND_AREA_OPACITY },
              label: { show: false },
            },
            { yAxis: a.to },
          ]),
        },
      },
      {
        type: 'scatter',
        name: labels.signal,
        symbol: 'triangle',
        symbolSize: 11,
        itemStyle: { color: SIGNAL_COLOUR },
        data: signalIndices(points).map((i) => [i, points[i]?.value ?? null]),
      },
    ],
  };
}
