import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TabularCusum, tabularCusum } from './tabular-cusum.js';

/**
 * NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.3 "Cusum Control Charts", tabular
 * example (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc323.htm): 20 observations,
 * target 325, k = 0.3175 and h = 4.1959 in data units (k is half of σ = 0.635); the handbook finds
 * the process out of control from observation 14 on, the upper sum staying above h to the end.
 */
const NIST_DATA = [
  324.925, 324.675, 324.725, 324.35, 325.35, 325.225, 324.125, 324.525, 325.225, 324.6, 324.625, 325.15,
  328.325, 327.25, 327.825, 328.5, 326.675, 327.775, 326.875, 328.35,
];
/**
 * C⁺ and C⁻ for that example, recomputed by hand from the recursion in `tabular-cusum.ts` (e.g.
 * observation 13: 328.325 − 325.3175 + 0 = 3.0075; observation 14: 3.0075 + 327.25 − 325.3175 =
 * 4.94 > 4.1959). These columns were not copied from the handbook's table; only the data, the
 * parameters and the out-of-control observations above are taken from it.
 */
const UPPER = [
  0, 0, 0, 0, 0.0325, 0, 0, 0, 0, 0, 0, 0, 3.0075, 4.94, 7.4475, 10.63, 11.9875, 14.445, 16.0025, 19.035,
];
const LOWER = [0, 0.0075, 0, 0.3325, 0, 0, 0.5575, 0.715, 0.1725, 0.255, 0.3125, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * Page's original form, independent of the max(0, ·) recursion: with S_t = Σ_{i≤t} (x_i − μ0 − K),
 * C⁺_t = S_t − min_{0≤j≤t} S_j (and the mirror for C⁻); a reset starts new sums.
 */
function naiveCusum(xs: readonly number[], target: number, K: number, H: number, reset: boolean) {
  const out: { upper: number; lower: number; signal: boolean }[] = [];
  let start = 0;
  for (let t = 0; t < xs.length; t++) {
    let s = 0;
    let r = 0;
    let minS = 0;
    let minR = 0;
    for (let i = start; i <= t; i++) {
      s += xs[i]! - target - K;
      r += target - K - xs[i]!;
      minS = Math.min(minS, s);
      minR = Math.min(minR, r);
    }
    const upper = s - minS;
    const lower = r - minR;
    const signal = upper > H || lower > H;
    out.push({ upper, lower, signal });
    if (signal && reset) start = t + 1;
  }
  return out;
}

describe('two-sided tabular CUSUM', () => {
  it('reproduces the NIST e-Handbook §6.3.2.3 example without reset', () => {
    const points = tabularCusum(NIST_DATA, {
      target: 325,
      sigma: 1,
      k: 0.3175,
      h: 4.1959,
      resetOnSignal: false,
    });
    points.forEach((p, i) => {
      expect(p.upper).toBeCloseTo(UPPER[i]!, 9);
      expect(p.lower).toBeCloseTo(LOWER[i]!, 9);
    });
    // Observations 14..20 (indices 13..19) are out of control, all upward.
    expect(points.filter((p) => p.signal).map((p) => p.index)).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(points.filter((p) => p.signal).every((p) => p.direction === 'up')).toBe(true);
    // The same chart with k and h in σ units (σ = 0.635, k = 0.5σ).
    const scaled = tabularCusum(NIST_DATA, {
      target: 325,
      sigma: 0.635,
      k: 0.5,
      h: 4.1959 / 0.635,
      resetOnSignal: false,
    });
    expect(scaled.filter((p) => p.signal).map((p) => p.index)).toEqual([13, 14, 15, 16, 17, 18, 19]);
  });

  it('restarts both sums after a signal by default (the NIST data, worked by hand)', () => {
    // C⁺: 4.94 at obs 14 → signal, restart; 2.5075; 2.5075 + 3.1825 = 5.69 → signal at obs 16;
    // 1.3575; 3.815; 3.815 + 1.5575 = 5.3725 → signal at obs 19; 3.0325.
    const points = tabularCusum(NIST_DATA, { target: 325, sigma: 1, k: 0.3175, h: 4.1959 });
    expect(points.filter((p) => p.signal).map((p) => p.index)).toEqual([13, 15, 18]);
    expect(points[13]!.upper).toBeCloseTo(4.94, 9); // reported before the restart
    expect(points[14]!.upper).toBeCloseTo(2.5075, 9);
    expect(points[19]!.upper).toBeCloseTo(3.0325, 9);
  });

  it('signals a downward shift on the lower sum with the defaults k = 0.5, h = 5', () => {
    // μ0 = 0, σ = 1: each point of −2 adds 1.5 to C⁻, which passes 5 at the fourth (6 > 5).
    const points = tabularCusum([-2, -2, -2, -2], { target: 0, sigma: 1 });
    expect(points.map((p) => p.lower)).toEqual([1.5, 3, 4.5, 6]);
    expect(points[3]).toMatchObject({ signal: true, direction: 'down', statistic: 6, limit: 5 });
  });

  it("equals Page's cumulative-sum-minus-minimum form on random series", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { maxLength: 60 }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.boolean(),
        (xs, target, sigma, k, h, reset) => {
          const points = tabularCusum(xs, { target, sigma, k, h, resetOnSignal: reset });
          const oracle = naiveCusum(xs, target, k * sigma, h * sigma, reset);
          for (let i = 0; i < xs.length; i++) {
            const p = points[i]!;
            const o = oracle[i]!;
            // Differences in rounding could flip a comparison with H; compare up to the first such tie.
            if (Math.abs(o.upper - h * sigma) < 1e-6 || Math.abs(o.lower - h * sigma) < 1e-6) return;
            expect(p.upper).toBeCloseTo(o.upper, 6);
            expect(p.lower).toBeCloseTo(o.lower, 6);
            expect(p.signal).toBe(o.signal);
          }
        },
      ),
    );
  });

  it('estimates μ0 and σ from the first points when they are not given', () => {
    const chart = TabularCusum.create({ estimateFrom: 3 });
    expect([1, 2, 3].map((x) => chart.push(x).statistic)).toEqual([null, null, null]);
    expect(chart.baselineInUse()).toEqual({ target: 2, sigma: 1 });
    expect(chart.push(4)).toMatchObject({ index: 3, upper: 1.5, lower: 0, limit: 5 });
  });

  it('refuses invalid parameters and states', () => {
    expect(() => TabularCusum.create({ h: 0 })).toThrow(/h must be a number > 0/);
    expect(() => TabularCusum.create({ k: -1 })).toThrow(/k must be a number ≥ 0/);
    expect(() => TabularCusum.fromState({ ...TabularCusum.create().toJSON(), upper: -1 })).toThrow(TypeError);
    expect(() =>
      TabularCusum.fromState({ ...TabularCusum.create().toJSON(), method: 'ewma' } as never),
    ).toThrow(/state is for method ewma/);
  });
});
