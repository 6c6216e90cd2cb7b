import { describe, expect, it } from 'vitest';
import { BAND_COLOURS } from '../../charts/palette.js';
import { BAND_AREA_OPACITY, bandAreas, kriChartOption, valueRange } from './kri-chart.js';
import type { Band, Evaluation } from './types.js';

function point(day: number, value: number | null, band: Band, signals: string[] = []): Evaluation {
  const start = `2026-03-${String(day).padStart(2, '0')}T00:00:00.000Z`;
  return {
    kri_id: 'k',
    name: { en: 'K', zh: 'K' },
    risk_type: 'market',
    owner: null,
    subject: 'portfolio',
    period_start: start,
    period_end: start,
    value,
    unit: 'count',
    band,
    previous_band: null,
    detectors: [],
    evaluated_at: start,
    direction: 'higher_is_worse',
    thresholds: null,
    signals,
    evaluated_by: { type: 'system', id: 'system' },
  };
}

const labels = {
  value: 'Value',
  signal: 'Detector signal',
  bands: { green: 'Green', amber: 'Amber', red: 'Red' },
  period: (iso: string) => iso.slice(0, 10),
  format: (v: number) => String(v),
  signals: (m: readonly string[]) => `Signals: ${m.join(', ')}`,
};

type Area = [{ yAxis: number; itemStyle: { color: string; opacity: number } }, { yAxis: number }];
type Series = { type: string; data: unknown[]; markArea?: { data: Area[] } };

describe('the KRI history chart', () => {
  const thresholds = { amber: 3, red: 5, hysteresis: 0.5 };
  const points = [
    point(1, 1, 'green'),
    point(2, 4, 'amber', ['cusum']),
    point(3, 6, 'red'),
    point(4, null, 'red'),
  ];

  it('draws the bands as coloured areas bounded by the threshold lines, worst at the top when higher is worse', () => {
    const option = kriChartOption(points, { thresholds, direction: 'higher_is_worse' }, labels) as {
      series: Series[];
      yAxis: { min: number; max: number };
    };
    const areas = option.series[0]?.markArea?.data ?? [];
    expect(areas.map(([from, to]) => [from.itemStyle.color, from.yAxis, to.yAxis])).toEqual([
      [BAND_COLOURS.green, option.yAxis.min, 3],
      [BAND_COLOURS.amber, 3, 5],
      [BAND_COLOURS.red, 5, option.yAxis.max],
    ]);
    expect(areas.every(([from]) => from.itemStyle.opacity === BAND_AREA_OPACITY)).toBe(true);
    expect(option.yAxis.min).toBeCloseTo(0.5);
    expect(option.yAxis.max).toBeCloseTo(6.5);
  });

  it('puts red at the bottom when lower is worse, and draws no amber band when amber equals red', () => {
    expect(bandAreas({ amber: 1.3, red: 1.1, hysteresis: 0 }, 'lower_is_worse', { min: 1, max: 2 })).toEqual([
      { band: 'red', from: 1, to: 1.1 },
      { band: 'amber', from: 1.1, to: 1.3 },
      { band: 'green', from: 1.3, to: 2 },
    ]);
    expect(
      bandAreas({ amber: 5, red: 5, hysteresis: 0 }, 'higher_is_worse', { min: 0, max: 9 }).map(
        (a) => a.band,
      ),
    ).toEqual(['green', 'red']);
    expect(bandAreas(null, 'higher_is_worse', { min: 0, max: 1 })).toEqual([]);
  });

  it('marks detector signals as points at their periods, and colours each value by its band', () => {
    const option = kriChartOption(points, { thresholds, direction: 'higher_is_worse' }, labels) as {
      series: Series[];
      xAxis: { data: string[] };
    };
    expect(option.series[1]?.type).toBe('scatter');
    expect(option.series[1]?.data).toEqual([[1, 4]]);
    expect(option.xAxis.data[1]).toBe('2026-03-02');
    expect(option.series[0]?.data).toEqual([
      { value: 1, itemStyle: { color: BAND_COLOURS.green } },
      { value: 4, itemStyle: { color: BAND_COLOURS.amber } },
      { value: 6, itemStyle: { color: BAND_COLOURS.red } },
      { value: null, itemStyle: { color: BAND_COLOURS.red } },
    ]);
  });

  it('keeps both threshold lines on the axis even when the series stays in one band', () => {
    expect(valueRange([99.95, 99.97], { amber: 99.9, red: 99.5, hysteresis: 0 })).toEqual({
      min: expect.closeTo(99.453, 3),
      max: expect.closeTo(100.017, 3),
    });
    expect(valueRange([], null)).toEqual({ min: 0, max: 1 });
  });
});
