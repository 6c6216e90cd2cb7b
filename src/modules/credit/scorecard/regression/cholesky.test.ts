import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskyInverseDiagonal, choleskySkipping, choleskySolve } from './cholesky.js';

/** A random symmetric positive-definite m×m matrix MᵀM + I. */
const spd = fc.integer({ min: 1, max: 7 }).chain((m) =>
  fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: m * m, maxLength: m * m }).map((v) => {
    const a = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        let s = i === j ? 1 : 0;
        for (let t = 0; t < m; t++) s += v[t * m + i]! * v[t * m + j]!;
        a[i * m + j] = s;
      }
    }
    return { a, m };
  }),
);

describe('choleskyFactor', () => {
  it('factors the textbook 3×3 example into its known triangle', () => {
    // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]].
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    expect(choleskyFactor(a, 3)).toBe(-1);
    expect(Array.from(a)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('reports the first column that makes the matrix singular', () => {
    // Column 2 = column 0 + column 1 of a Gram matrix.
    const a = Float64Array.from([1, 0, 1, 0, 1, 1, 1, 1, 2]);
    expect(choleskyFactor(a, 3)).toBe(2);
  });

  it('solves A·x = b and gives the diagonal of A⁻¹ on random positive-definite matrices', () => {
    fc.assert(
      fc.property(
        spd,
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 7, maxLength: 7 }),
        ({ a, m }, rhs) => {
          const l = a.slice();
          expect(choleskyFactor(l, m)).toBe(-1);
          const b = Float64Array.from(rhs.slice(0, m));
          const x = choleskySolve(l, m, b.slice());
          for (let i = 0; i < m; i++) {
            let s = 0;
            for (let j = 0; j < m; j++) s += a[i * m + j]! * x[j]!;
            expect(s).toBeCloseTo(b[i]!, 8);
          }
          const diagonal = choleskyInverseDiagonal(l, m);
          for (let j = 0; j < m; j++) {
            const e = new Float64Array(m);
            e[j] = 1;
            expect(diagonal[j]).toBeCloseTo(choleskySolve(l, m, e)[j]!, 10);
          }
        },
      ),
    );
  });
});

describe('choleskySkipping', () => {
  it('marks a dependent column and continues with the others', () => {
    // Correlation matrix of (u, v, u + v normalised, w): the third is a combination of the first two.
    const s = Math.SQRT1_2;
    const r = Float64Array.from([1, 0, s, 0, 0, 1, s, 0, s, s, 1, 0, 0, 0, 0, 1]);
    const { dependent, pivots } = choleskySkipping(r, 4, 1e-10);
    expect(dependent).toEqual([false, false, true, false]);
    expect(pivots[2]).toBeCloseTo(0, 12);
    expect(pivots[3]).toBeCloseTo(1, 12);
  });

  it('gives 1 − r² as the second pivot of a 2×2 correlation matrix', () => {
    const { pivots, dependent } = choleskySkipping(Float64Array.from([1, 0.6, 0.6, 1]), 2, 1e-10);
    expect(dependent).toEqual([false, false]);
    expect(pivots[1]).toBeCloseTo(1 - 0.36, 14);
  });
});
