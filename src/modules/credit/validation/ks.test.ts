import { describe, expect, it } from 'vitest';
import { ks } from './ks.js';

// Twenty applicants with scorecard points (higher = safer), 4 bads and 16 goods, riskiest first:
//   300 B, 310 B, 320 G, 330 B, 340 G, 360 B, 360 G, 360 G, then goods at 380, 400, …, 600 (step 20).
const POINTS = [
  300, 310, 320, 330, 340, 360, 360, 360, 380, 400, 420, 440, 460, 480, 500, 520, 540, 560, 580, 600,
];
const BAD = [1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

describe('ks', () => {
  it('reproduces the hand-computed statistic and cut-off', () => {
    // Cumulative shares after each distinct score (bads out of 4, goods out of 16):
    //   300: 1/4 − 0     = 0.25      310: 2/4 − 0    = 0.5
    //   320: 2/4 − 1/16  = 0.4375    330: 3/4 − 1/16 = 0.6875
    //   340: 3/4 − 2/16  = 0.625     360: 4/4 − 4/16 = 0.75   ← maximum
    //   then goods only: 1 − 5/16, 1 − 6/16, … down to 0.
    // KS = 0.75 at 360 (reject 360 and below: all bads, a quarter of the goods).
    const result = ks(new Float64Array(POINTS), new Uint8Array(BAD), { higherIs: 'good' });
    expect(result.ks).toBeCloseTo(0.75, 12);
    expect(result.score).toBe(360);
    expect(result.cumBadShare).toBe(1);
    expect(result.cumGoodShare).toBe(0.25);
  });

  it('keeps the tied applicants at 360 together, whatever their row order', () => {
    // Were the bad at 360 counted before its two tied goods, the gap would read 1 − 2/16 = 0.875.
    // Rows 7, 6, 5 (the tie, bad last) moved to the front, the rest in their original order.
    const order = [7, 6, 5, ...POINTS.keys()].filter((i, k, all) => all.indexOf(i) === k);
    const shuffled = ks(
      order.map((i) => POINTS[i]!),
      order.map((i) => BAD[i]!),
      { higherIs: 'good' },
    );
    expect(shuffled.ks).toBeCloseTo(0.75, 12);
    expect(shuffled.table).toEqual(ks(POINTS, BAD, { higherIs: 'good' }).table);
  });

  it('builds the decile table by hand, keeping ties in one row', () => {
    // 20 applicants → 10 rows of about 2. Each distinct score goes to the row holding its middle
    // applicant: position (before + size/2) · 10 / 20. The tie at 360 covers positions 5–7, middle 6.5 →
    // row 3, so row 2 keeps only 340 and row 3 holds the three at 360.
    //   row  points    n  bad good  bad rate  cum bad  cum good  KS
    //   0    300–310   2   2   0    1         2/4=.5   0/16=0     .5
    //   1    320–330   2   1   1    .5        .75      .0625     .6875
    //   2    340       1   0   1    0         .75      .125      .625
    //   3    360       3   1   2    1/3       1        .25       .75
    //   4    380–400   2   0   2    0         1        .375      .625
    //   5…9  two goods each; cum good .5, .625, .75, .875, 1; KS .5, .375, .25, .125, 0
    const { table } = ks(POINTS, BAD, { higherIs: 'good' });
    expect(table.map((r) => [r.scoreMin, r.scoreMax, r.count, r.bads, r.goods])).toEqual([
      [300, 310, 2, 2, 0],
      [320, 330, 2, 1, 1],
      [340, 340, 1, 0, 1],
      [360, 360, 3, 1, 2],
      [380, 400, 2, 0, 2],
      [420, 440, 2, 0, 2],
      [460, 480, 2, 0, 2],
      [500, 520, 2, 0, 2],
      [540, 560, 2, 0, 2],
      [580, 600, 2, 0, 2],
    ]);
    const expectedKs = [0.5, 0.6875, 0.625, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0];
    table.forEach((row, i) => {
      expect(row.ks).toBeCloseTo(expectedKs[i]!, 12);
    });
    expect(table[3]!.badRate).toBeCloseTo(1 / 3, 12);
    expect(table[1]!.cumGoodShare).toBe(0.0625);
  });

  it('gives the same statistic for a probability of bad ranked the other way', () => {
    const probability = POINTS.map((p) => 1 / (1 + Math.exp((p - 400) / 50)));
    const result = ks(probability, BAD, { higherIs: 'bad' });
    expect(result.ks).toBeCloseTo(0.75, 12);
    expect(result.table).toHaveLength(10);
    expect(result.table[0]!.bads).toBe(2);
  });

  it('drops rows that heavy ties leave empty', () => {
    const scores = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3];
    const y = [1, 0, 1, 0, 0, 0, 1, 0, 0, 0];
    const { table } = ks(scores, y, { higherIs: 'bad' });
    expect(table.map((r) => r.count)).toEqual([1, 1, 8]);
  });
});
