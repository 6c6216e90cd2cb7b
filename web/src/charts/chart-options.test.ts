import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HeatmapView } from '../api/types.js';
import { heatmapOption, volumeOption } from './chart-options.js';
import { LEVEL_FILLS } from './palette.js';
import { sparklinePoints } from './sparkline.js';

const heatmap: HeatmapView = {
  basis: 'residual',
  total: 3,
  cells: [
    { likelihood: 5, impact: 4, grade: 20, level: 'critical', count: 2 },
    { likelihood: 1, impact: 1, grade: 1, level: 'low', count: 1 },
  ],
};

describe('heatmapOption', () => {
  it('puts impact across and likelihood up, filled by level', () => {
    const option = heatmapOption(heatmap, { likelihood: 'L', impact: 'I', cell: (n) => `${n}` }) as {
      series: { data: { value: number[]; itemStyle: { color: string } }[] }[];
      xAxis: { name: string };
    };
    const data = option.series[0]!.data;
    expect(data[0]!.value).toEqual([3, 4, 2]);
    expect(data[0]!.itemStyle.color).toBe(LEVEL_FILLS.critical);
    expect(data[1]!.value).toEqual([0, 0, 1]);
    expect(option.xAxis.name).toBe('I');
  });
});

describe('volumeOption', () => {
  it('stacks one series per outcome with the bucket counts', () => {
    const option = volumeOption(
      [
        { start: 0, counts: { approve: 3, review: 1, reject: 0 } },
        { start: 60_000, counts: { approve: 0, review: 0, reject: 2 } },
      ],
      { outcomes: { approve: 'A', review: 'R', reject: 'X' }, time: (ms) => String(ms) },
    ) as { series: { name: string; stack: string; data: number[] }[]; xAxis: { data: string[] } };
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['A', [3, 0]],
      ['R', [1, 0]],
      ['X', [0, 2]],
    ]);
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1);
    expect(option.xAxis.data).toEqual(['0', '60000']);
  });
});

describe('sparklinePoints', () => {
  it('draws nothing for fewer than two values and skips missing ones', () => {
    expect(sparklinePoints([1], 100, 20)).toBe('');
    expect(sparklinePoints([null, 2, null], 100, 20)).toBe('');
    expect(sparklinePoints([0, null, 10], 100, 20)).toBe('0,19 100,1');
  });

  it('keeps every point inside the box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true })), { maxLength: 60 }),
        (values) => {
          const points = sparklinePoints(values, 120, 24);
          for (const pair of points ? points.split(' ') : []) {
            const [x, y] = pair.split(',').map(Number) as [number, number];
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(120);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(24);
          }
        },
      ),
    );
  });
});
