import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore, hosmerLemeshow } from './calibration.js';

// Twenty applicants, two at each of ten predicted probabilities; observed bads per pair chosen by hand.
const P = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const OBSERVED = [0, 0, 1, 0, 1, 0, 1, 2, 1, 2];

function sample(): { probabilities: Float64Array; y: Uint8Array } {
  const probabilities = new Float64Array(20);
  const y = new Uint8Array(20);
  P.forEach((p, k) => {
    probabilities[2 * k] = p;
    probabilities[2 * k + 1] = p;
    y[2 * k] = OBSERVED[k]! >= 1 ? 1 : 0;
    y[2 * k + 1] = OBSERVED[k]! >= 2 ? 1 : 0;
  });
  return { probabilities, y };
}

describe('hosmerLemeshow', () => {
  it('reproduces a statistic worked out by hand', () => {
    // Each decile of risk is one pair: n = 2, E = 2p, term = (O − 2p)² / (2p(1 − p)).
    //   p=.05 O=0: .1²/.095  = .105263      p=.4 O=0: .8²/.48 = 1.333333
    //   p=.10 O=0: .2²/.18   = .222222      p=.5 O=1: 0²/.5   = 0
    //   p=.15 O=1: .7²/.255  = 1.921569     p=.6 O=2: .8²/.48 = 1.333333
    //   p=.20 O=0: .4²/.32   = .5           p=.7 O=1: .4²/.42 = .380952
    //   p=.30 O=1: .4²/.42   = .380952      p=.8 O=2: .4²/.32 = .5
    // Ĉ = 6.677625; the same by cells for p=.15: bads (1−.3)²/.3 = 1.633333, goods (1−1.7)²/1.7 =
    // .288235, together 1.921569. df = 10 − 2 = 8; for even df the tail is e^(−x/2) Σ_{i<4} (x/2)^i/i!
    // with x/2 = 3.338813: e^−3.338813 · (1 + 3.338813 + 5.573836 + 6.203365) = .571780.
    const { probabilities, y } = sample();
    const result = hosmerLemeshow(probabilities, y);
    expect(result.statistic).toBeCloseTo(6.677625, 6);
    expect(result.df).toBe(8);
    expect(result.pValue).toBeCloseTo(0.57178, 5);
    expect(result.rows).toHaveLength(10);
    expect(result.rows[2]).toEqual({
      probabilityMin: 0.15,
      probabilityMax: 0.15,
      count: 2,
      observedBads: 1,
      expectedBads: 0.3,
      observedGoods: 1,
      expectedGoods: 1.7,
    });
  });

  it('equals the Pearson sum over the bad and good cells of its own table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.boolean()), { minLength: 12, maxLength: 200 }),
        (rows) => {
          const probabilities = rows.map(([p]) => p / 100);
          const y = rows.map(([, bad]) => (bad ? 1 : 0));
          const result = hosmerLemeshow(probabilities, y);
          let cells = 0;
          for (const r of result.rows) {
            cells += (r.observedBads - r.expectedBads) ** 2 / r.expectedBads;
            cells += (r.observedGoods - r.expectedGoods) ** 2 / r.expectedGoods;
          }
          expect(result.statistic).toBeCloseTo(cells, 8);
          expect(result.rows.reduce((s, r) => s + r.count, 0)).toBe(rows.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports no p-value when ties leave fewer than three groups', () => {
    const result = hosmerLemeshow([0.2, 0.2, 0.2, 0.7], [0, 1, 0, 1]);
    expect(result.df).toBeLessThanOrEqual(0);
    expect(result.pValue).toBeNull();
  });

  it('refuses probabilities outside [0, 1]', () => {
    expect(() => hosmerLemeshow([0.5, 1.2], [0, 1])).toThrow(/\[0, 1\]/);
    expect(() => brierScore([-0.1, 0.5], [0, 1])).toThrow(/\[0, 1\]/);
  });
});

describe('brierScore', () => {
  it('averages the squared gap between probability and outcome', () => {
    // (.1−0)² + (.8−1)² + (.3−1)² + (.6−0)² = .01 + .04 + .49 + .36 = .9; / 4 = .225.
    expect(brierScore([0.1, 0.8, 0.3, 0.6], [0, 1, 1, 0])).toBeCloseTo(0.225, 12);
  });

  it('scores r(1 − r) for a forecast of the overall bad rate', () => {
    expect(brierScore([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0.1875, 12);
  });
});
