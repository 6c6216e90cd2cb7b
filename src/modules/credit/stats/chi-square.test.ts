import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, logGamma, regularizedGammaQ } from './chi-square.js';

/** Upper tail for an even number of degrees of freedom, in closed form: e^−x/2 Σ_{i<k/2} (x/2)^i / i!. */
function evenDfUpperTail(x: number, df: number): number {
  let term = 1;
  let sum = 1;
  for (let i = 1; i < df / 2; i++) {
    term *= x / 2 / i;
    sum += term;
  }
  return Math.exp(-x / 2) * sum;
}

describe('chiSquareUpperTail', () => {
  // Critical values from any printed chi-square table (e.g. NIST/SEMATECH e-Handbook, §1.3.6.7.4).
  it.each([
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [2.706, 1, 0.1],
    [5.991, 2, 0.05],
    [15.507, 8, 0.05],
    [13.362, 8, 0.1],
    [20.09, 8, 0.01],
    [18.307, 10, 0.05],
    [43.773, 30, 0.05],
  ])('gives the table p-value for χ² = %f with %i df', (x, df, p) => {
    expect(chiSquareUpperTail(x, df)).toBeCloseTo(p, 4);
  });

  it('matches the closed form for even degrees of freedom, in both the series and fraction regions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.001, max: 200, noNaN: true }),
        (half, x) => {
          const exact = evenDfUpperTail(x, 2 * half);
          const got = chiSquareUpperTail(x, 2 * half);
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(1e-12 + 1e-9 * exact);
        },
      ),
    );
  });

  it('is 1 at zero, 0 at infinity, and decreasing in the statistic', () => {
    expect(chiSquareUpperTail(0, 3)).toBe(1);
    expect(chiSquareUpperTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
    let previous = 1;
    for (let x = 0.5; x < 60; x += 0.5) {
      const p = chiSquareUpperTail(x, 7);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });

  it('refuses non-positive degrees of freedom and a NaN statistic', () => {
    expect(() => chiSquareUpperTail(1, 0)).toThrow(RangeError);
    expect(() => chiSquareUpperTail(Number.NaN, 2)).toThrow(RangeError);
    expect(() => regularizedGammaQ(1, -1)).toThrow(RangeError);
  });
});

describe('logGamma', () => {
  it('gives ln of factorials and of Γ(½) = √π', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(1)).toBeCloseTo(0, 12);
  });
});
