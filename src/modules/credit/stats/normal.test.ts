import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, twoSidedPValue } from './normal.js';

/** Relative difference, with an absolute floor so that exact zeros compare. */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

// Reference values computed with mpmath 1.3 at 40 significant digits (mpmath.erfc, mpmath.ncdf), rounded
// to the nearest double.
const ERFC_REFERENCE: readonly [number, number][] = [
  [-3, 1.9999779095030015],
  [-1, 1.8427007929497148],
  [-0.3, 1.3286267594591274],
  [0, 1],
  [0.1, 0.887537083981715],
  [0.46875, 0.507386526782062],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [2, 0.004677734981047266],
  [3.9, 3.4792248597231765e-8],
  [4, 1.541725790028002e-8],
  [4.5, 1.9661604415428876e-10],
  [6, 2.1519736712498913e-17],
  [10, 2.088487583762545e-45],
  [20, 5.395865611607901e-176],
  [26, 5.663192408856143e-296],
];

describe('erfc', () => {
  it('matches 40-digit reference values to 1e-14 relative on all three of Cody’s intervals', () => {
    for (const [x, expected] of ERFC_REFERENCE) {
      expect(relativeError(erfc(x), expected), `erfc(${x})`).toBeLessThan(1e-14);
    }
  });

  it('underflows to 0 far in the upper tail, tends to 2 in the lower, and keeps NaN', () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });

  it('satisfies erfc(x) + erfc(−x) = 2 and decreases in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (x, h) => {
          expect(erfc(x) + erfc(-x)).toBeCloseTo(2, 14);
          expect(erfc(x + h)).toBeLessThanOrEqual(erfc(x));
        },
      ),
    );
  });
});

describe('normalCdf', () => {
  it('gives Φ(1.96) = 0.9750021048517795 and other textbook values', () => {
    expect(relativeError(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-14);
    expect(normalCdf(0)).toBe(0.5);
    expect(relativeError(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(-1), 0.15865525393145705)).toBeLessThan(1e-14);
  });

  it('keeps relative accuracy deep in the lower tail instead of returning 0', () => {
    expect(relativeError(normalCdf(-5), 2.866515718791939e-7)).toBeLessThan(1e-14);
    expect(relativeError(normalCdf(-8.5), 9.479534822203318e-18)).toBeLessThan(1e-14);
    expect(relativeError(normalCdf(-20), 2.7536241186062337e-89)).toBeLessThan(1e-13);
  });
});

describe('twoSidedPValue', () => {
  it('gives 0.05 at 1.96, 0.01 at 2.5758 and 0.001 at 3.2905', () => {
    expect(relativeError(twoSidedPValue(1.96), 0.04999579029644087)).toBeLessThan(1e-14);
    expect(relativeError(twoSidedPValue(-2.5758293035489), 0.010000000000000024)).toBeLessThan(1e-13);
    expect(relativeError(twoSidedPValue(3.2905267314919), 0.0009999999999999822)).toBeLessThan(1e-13);
  });

  it('reports tiny p-values of strong effects instead of rounding them to 0', () => {
    expect(relativeError(twoSidedPValue(10), 1.523970604832105e-23)).toBeLessThan(1e-13);
    expect(twoSidedPValue(0)).toBe(1);
    expect(twoSidedPValue(Number.NaN)).toBeNaN();
  });
});
