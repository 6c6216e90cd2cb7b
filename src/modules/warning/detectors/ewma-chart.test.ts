import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EwmaChart, ewmaChart } from './ewma-chart.js';

/**
 * NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.2.4 "EWMA Control Charts"
 * (https://www.itl.nist.gov/div898/handbook/pmc/section3/pmc324.htm): 20 observations, with
 * EWMA_0 = 50 and s = 2.0539 taken from historical data, λ = 0.3 and k = 3. The handbook prints the
 * EWMA values to two decimals (50.00 = EWMA_0 first, then EWMA_1..EWMA_20, listed below), the
 * asymptotic limits UCL = 52.5884 and LCL = 47.4115, and concludes that the process is in control.
 */
const NIST_DATA = [
  52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5, 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4,
  53.6, 52.1,
];
const NIST_EWMA = [
  50.6, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33, 50.11, 49.36, 49.52, 50.05, 49.38,
  49.92, 50.73, 51.23, 51.94, 51.99,
];

/** EWMA and limits from the closed form z_t = (1−λ)^t·μ0 + Σ λ(1−λ)^{t−i}·x_i (Montgomery §9.2). */
function naiveEwma(xs: readonly number[], lambda: number, L: number, mu: number, sigma: number) {
  return xs.map((_, j) => {
    const t = j + 1;
    let z = (1 - lambda) ** t * mu;
    for (let i = 1; i <= t; i++) z += lambda * (1 - lambda) ** (t - i) * xs[i - 1]!;
    const width = L * sigma * Math.sqrt((lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t)));
    return { z, lcl: mu - width, ucl: mu + width };
  });
}

const near = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

describe('EWMA control chart', () => {
  it('reproduces the NIST e-Handbook §6.3.2.4 example', () => {
    const points = ewmaChart(NIST_DATA, { lambda: 0.3, L: 3, target: 50, sigma: 2.0539 });
    expect(points.map((p) => Number(p.ewma!.toFixed(2)))).toEqual(NIST_EWMA);
    // By t = 20 the time-varying limits equal the asymptotic ones: (1 − 0.3)^40 ≈ 6e−7.
    expect(points[19]!.ucl).toBeCloseTo(52.5884, 4);
    expect(Math.abs(points[19]!.lcl! - 47.4115)).toBeLessThan(1e-4); // the handbook truncates 47.41157
    expect(points.some((p) => p.signal)).toBe(false);
  });

  it('narrows the limits for early points (worked by hand)', () => {
    // At t = 1 the variance factor λ/(2−λ)·(1 − (1−λ)²) is exactly λ², so with the NIST
    // parameters the limits are 50 ± 3 · 2.0539 · 0.3 = 50 ± 1.84851.
    const [first] = ewmaChart([52], { lambda: 0.3, target: 50, sigma: 2.0539 });
    expect(first).toMatchObject({ t: 1, statistic: 50.6, signal: false });
    expect(first!.ucl).toBeCloseTo(51.84851, 10);
    expect(first!.lcl).toBeCloseTo(48.15149, 10);
    // A first point of 57 gives z_1 = 0.3·57 + 0.7·50 = 52.1, outside 51.84851: an upward signal.
    expect(ewmaChart([57], { lambda: 0.3, target: 50, sigma: 2.0539 })[0]).toMatchObject({
      signal: true,
      direction: 'up',
    });
  });

  it('estimates μ0 and σ from the first points and charts from the next one', () => {
    // First four points 1, 2, 3, 4: mean 2.5, sample sd √(5/3). Monitoring starts at t = 1 with z_0 = 2.5.
    const chart = EwmaChart.create({ estimateFrom: 4, lambda: 0.5 });
    const calibration = [1, 2, 3, 4].map((x) => chart.push(x));
    expect(calibration.every((p) => p.statistic === null && p.t === 0 && !p.signal)).toBe(true);
    expect(chart.baselineInUse()).toEqual({ target: 2.5, sigma: Math.sqrt(5 / 3) });
    const p = chart.push(3.5);
    expect(p).toMatchObject({ index: 4, t: 1, ewma: 3 });
    expect(p.ucl).toBeCloseTo(2.5 + 3 * Math.sqrt(5 / 3) * 0.5, 12);
  });

  it('equals the closed-form EWMA and its limits on random series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 60 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (xs, lambda, L, target, sigma) => {
          const points = ewmaChart(xs, { lambda, L, target, sigma });
          const oracle = naiveEwma(xs, lambda, L, target, sigma);
          points.forEach((p, i) => {
            const o = oracle[i]!;
            const scale = Math.max(Math.abs(o.z), Math.abs(target), sigma, 1e3);
            expect(near(p.ewma!, o.z, scale)).toBe(true);
            expect(near(p.ucl!, o.ucl, scale)).toBe(true);
            expect(near(p.lcl!, o.lcl, scale)).toBe(true);
            if (!near(o.z, o.ucl, scale) && !near(o.z, o.lcl, scale)) {
              expect(p.signal).toBe(o.z > o.ucl || o.z < o.lcl);
            }
          });
        },
      ),
    );
  });

  it('keeps a flat series exactly on target after a flat calibration', () => {
    const points = ewmaChart(
      Array.from({ length: 30 }, () => 0.1),
      { estimateFrom: 10 },
    );
    expect(points.slice(10).every((p) => p.ewma === 0.1 && !p.signal)).toBe(true);
    expect(
      ewmaChart([...Array.from({ length: 10 }, () => 0.1), 0.2], { estimateFrom: 10 })[10],
    ).toMatchObject({
      signal: true,
      direction: 'up',
    });
  });

  it('refuses invalid parameters and states', () => {
    expect(() => EwmaChart.create({ lambda: 0 })).toThrow(/lambda must be a number > 0 and ≤ 1/);
    expect(() => EwmaChart.create({ lambda: 1.5 })).toThrow(RangeError);
    expect(() => EwmaChart.create({ sigma: 0 })).toThrow(/sigma/);
    expect(() => EwmaChart.create({ estimateFrom: 1 })).toThrow(/estimateFrom/);
    expect(() => EwmaChart.fromState({ ...EwmaChart.create().toJSON(), t: 1.5 })).toThrow(TypeError);
  });
});
