import { describe, expect, it } from 'vitest';
import { lift, scoreBands } from './lift.js';

// The sample of ks.test.ts: 20 scorecard points (higher = safer), 4 bads, overall bad rate 4/20 = 0.2.
const POINTS = [
  300, 310, 320, 330, 340, 360, 360, 360, 380, 400, 420, 440, 460, 480, 500, 520, 540, 560, 580, 600,
];
const BAD = [1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe('lift', () => {
  it('reproduces the hand-computed lift and gains, riskiest first', () => {
    // Rows as in the KS table (ties at 360 kept together):
    //   rank  n  bads  bad rate  lift = rate/0.2  cum n  cum bads  gains  cum lift = (cum bads/cum n)/0.2
    //   1     2  2     1         5                2      2         .5     (2/2)/.2 = 5
    //   2     2  1     .5        2.5              4      3         .75    (3/4)/.2 = 3.75
    //   3     1  0     0         0                5      3         .75    (3/5)/.2 = 3
    //   4     3  1     1/3       5/3              8      4         1      (4/8)/.2 = 2.5
    //   5     2  0     0         0                10     4         1      (4/10)/.2 = 2
    //   …     the last row: cum n 20, cum lift (4/20)/.2 = 1
    const { overallBadRate, rows } = lift(new Float64Array(POINTS), new Uint8Array(BAD), {
      higherIs: 'good',
    });
    expect(overallBadRate).toBe(0.2);
    expect(rows).toHaveLength(10);
    const expected = [
      [2, 2, 5, 0.5, 5],
      [2, 1, 2.5, 0.75, 3.75],
      [1, 0, 0, 0.75, 3],
      [3, 1, 5 / 3, 1, 2.5],
      [2, 0, 0, 1, 2],
    ];
    expected.forEach(([count, bads, rowLift, gains, cumLift], i) => {
      const row = rows[i]!;
      expect(row.rank).toBe(i + 1);
      expect(row.count).toBe(count);
      expect(row.bads).toBe(bads);
      expect(row.lift).toBeCloseTo(rowLift!, 12);
      expect(row.gains).toBeCloseTo(gains!, 12);
      expect(row.cumLift).toBeCloseTo(cumLift!, 12);
    });
    const last = rows[9]!;
    expect(last.cumShare).toBe(1);
    expect(last.gains).toBe(1);
    expect(last.cumLift).toBeCloseTo(1, 12);
  });

  it('puts the highest probabilities first when higher means bad', () => {
    const { rows } = lift([0.9, 0.1, 0.8, 0.2, 0.3], [1, 0, 1, 0, 0], { higherIs: 'bad', groups: 5 });
    expect(rows.map((r) => r.scoreMax)).toEqual([0.9, 0.8, 0.3, 0.2, 0.1]);
    expect(rows[1]!.gains).toBe(1);
  });
});

describe('scoreBands', () => {
  it('counts applicants and bads per band, an edge value going to the band above', () => {
    // Edges 350, 450: bands < 350 | [350, 450) | ≥ 450.
    //   < 350:      300 310 320 330 340           → 5, bads 3, rate .6, share .25
    //   [350, 450): 360 360 360 380 400 420 440   → 7, bads 1, rate 1/7, share .35
    //   ≥ 450:      460 … 600                     → 8, bads 0, rate 0, share .4
    const rows = scoreBands(POINTS, BAD, [350, 450]);
    expect(rows.map((r) => [r.label, r.count, r.bads, r.share])).toEqual([
      ['< 350', 5, 3, 0.25],
      ['[350, 450)', 7, 1, 0.35],
      ['≥ 450', 8, 0, 0.4],
    ]);
    expect(rows[0]!.badRate).toBeCloseTo(0.6, 12);
    expect(scoreBands([450], [1], [450])[1]!.count).toBe(1);
  });

  it('keeps empty bands with a null bad rate and refuses unordered edges', () => {
    const rows = scoreBands(POINTS, BAD, [100, 200]);
    expect(rows[0]).toMatchObject({ from: null, to: 100, count: 0, badRate: null });
    expect(() => scoreBands(POINTS, BAD, [400, 400])).toThrow(/strictly increasing/);
  });
});
