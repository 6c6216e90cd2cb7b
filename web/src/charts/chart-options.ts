import type { EChartsCoreOption } from 'echarts/core';
import type { HeatmapView, Outcome } from '../api/types.js';
import { LEVEL_FILLS, OUTCOME_COLOURS } from './palette.js';

/** The labels a chart needs, already translated by the caller. */
export interface HeatmapLabels {
  readonly likelihood: string;
  readonly impact: string;
  /** Tooltip line for one cell, e.g. "3 risks". */
  readonly cell: (count: number, grade: number) => string;
}

/**
 * The risk heat map: impact 1–5 across, likelihood 1–5 up (the usual 5 × 5 matrix of ISO 31000
 * risk assessments), each cell filled by its level and labelled with its number of risks.
 */
export function heatmapOption(heatmap: HeatmapView, labels: HeatmapLabels): EChartsCoreOption {
  const scale = ['1', '2', '3', '4', '5'];
  return {
    animation: false,
    grid: { left: 44, right: 8, top: 8, bottom: 36 },
    tooltip: {
      formatter: (p: { data: { value: [number, number, number]; grade: number } }) =>
        labels.cell(p.data.value[2], p.data.grade),
    },
    xAxis: { type: 'category', data: scale, name: labels.impact, nameLocation: 'middle', nameGap: 22 },
    yAxis: { type: 'category', data: scale, name: labels.likelihood, nameLocation: 'middle', nameGap: 28 },
    series: [
      {
        type: 'heatmap',
        data: heatmap.cells.map((cell) => ({
          value: [cell.impact - 1, cell.likelihood - 1, cell.count],
          grade: cell.grade,
          itemStyle: { color: LEVEL_FILLS[cell.level], borderColor: '#ffffff', borderWidth: 2 },
        })),
        label: {
          show: true,
          color: '#1a1a1a',
          fontWeight: 'bold',
          formatter: (p: { data: { value: [number, number, number] } }) =>
            p.data.value[2] > 0 ? String(p.data.value[2]) : '',
        },
      },
    ],
  };
}

/** Decisions per time bucket and outcome. */
export interface VolumeBucket {
  readonly start: number;
  readonly counts: Readonly<Record<Outcome, number>>;
}

/** Labels of the volume chart, translated by the caller. */
export interface VolumeLabels {
  readonly outcomes: Readonly<Record<Outcome, string>>;
  readonly time: (ms: number) => string;
}

const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'reject'];

/** Decision volume as stacked bars per time bucket, one colour per outcome. */
export function volumeOption(buckets: readonly VolumeBucket[], labels: VolumeLabels): EChartsCoreOption {
  return {
    animation: false,
    grid: { left: 40, right: 8, top: 28, bottom: 24 },
    legend: { top: 0, itemWidth: 12, itemHeight: 8 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: buckets.map((b) => labels.time(b.start)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: OUTCOMES.map((outcome) => ({
      type: 'bar',
      stack: 'decisions',
      name: labels.outcomes[outcome],
      itemStyle: { color: OUTCOME_COLOURS[outcome] },
      data: buckets.map((b) => b.counts[outcome]),
    })),
  };
}
