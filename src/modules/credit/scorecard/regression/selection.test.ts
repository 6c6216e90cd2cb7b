import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from './fixtures.js';
import { correlationMatrix, dropByVif, dropCorrelated, varianceInflation } from './selection.js';

/** n standard normal draws. */
function normals(n: number, random: () => number): Float64Array {
  return Float64Array.from({ length: n }, () => gaussian(random));
}

/** u + scale·noise, a column correlated with u. */
function near(u: Float64Array, scale: number, random: () => number): Float64Array {
  return Float64Array.from(u, (v) => v + scale * gaussian(random));
}

/**
 * R² of the least-squares regression of y on an intercept and `xs`, by the normal equations solved
 * with Gaussian elimination: an oracle independent of the correlation-matrix route.
 */
function rSquared(y: Float64Array, xs: Float64Array[]): number {
  const cols = [new Float64Array(y.length).fill(1), ...xs];
  const p = cols.length;
  const a = cols.map((u) => [
    ...cols.map((v) => u.reduce((s, ui, i) => s + ui * v[i]!, 0)),
    u.reduce((s, ui, i) => s + ui * y[i]!, 0),
  ]);
  for (let c = 0; c < p; c++) {
    for (let r = c + 1; r < p; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= p; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  const beta = new Array<number>(p).fill(0);
  for (let c = p - 1; c >= 0; c--) {
    let s = a[c]![p]!;
    for (let k = c + 1; k < p; k++) s -= a[c]![k]! * beta[k]!;
    beta[c] = s / a[c]![c]!;
  }
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  let rss = 0;
  let tss = 0;
  y.forEach((v, i) => {
    const fitted = cols.reduce((s, col, c) => s + beta[c]! * col[i]!, 0);
    rss += (v - fitted) ** 2;
    tss += (v - mean) ** 2;
  });
  return 1 - rss / tss;
}

describe('correlationMatrix', () => {
  it('gives r = √0.6 for the worked example x = 1…5, y = 2, 4, 5, 4, 5', () => {
    // Deviations (−2, −1, 0, 1, 2) and (−2, 0, 1, 0, 1): Sxy = 6, Sxx = 10, Syy = 6, r = 6/√60.
    const r = correlationMatrix([Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([2, 4, 5, 4, 5])]);
    expect(r[0]![1]).toBeCloseTo(Math.sqrt(0.6), 14);
    expect(r[1]![0]).toBe(r[0]![1]);
    expect(r[0]![0]).toBe(1);
  });

  it('is symmetric, within [−1, 1], and unchanged by shifting and rescaling a column', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (seed, scale, shift) => {
          const random = mulberry32(seed);
          const u = normals(50, random);
          const columns = [u, near(u, 0.5, random), normals(50, random)];
          const r = correlationMatrix(columns);
          const moved = correlationMatrix([
            Float64Array.from(u, (v) => shift - scale * v),
            columns[1]!,
            columns[2]!,
          ]);
          for (let a = 0; a < 3; a++) {
            for (let b = 0; b < 3; b++) {
              expect(r[a]![b]).toBe(r[b]![a]);
              expect(Math.abs(r[a]![b]!)).toBeLessThanOrEqual(1);
              expect(moved[a]![b]).toBeCloseTo((a === 0) !== (b === 0) ? -r[a]![b]! : r[a]![b]!, 10);
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('marks a constant column’s correlations as undefined', () => {
    const r = correlationMatrix([Float64Array.from([1, 2, 3]), Float64Array.from([0.1, 0.1, 0.1])]);
    expect(r[0]![1]).toBeNaN();
    expect(r[1]![1]).toBeNaN();
    expect(r[0]![0]).toBe(1);
  });
});

describe('varianceInflation', () => {
  const random = mulberry32(11);
  const u = normals(400, random);
  const v = near(u, 1, random);
  const w = normals(400, random);
  const columns = [u, v, w, Float64Array.from(u, (x, i) => x - 0.5 * w[i]! + 0.4 * gaussian(random))];

  it('equals 1/(1 − R²) of each column regressed on the others by least squares', () => {
    const vif = varianceInflation(columns);
    columns.forEach((x, j) => {
      expect(vif[j]).toBeCloseTo(
        1 /
          (1 -
            rSquared(
              x,
              columns.filter((_, k) => k !== j),
            )),
        8,
      );
    });
  });

  it('is 1/(1 − r²) for two columns', () => {
    const r = correlationMatrix([u, v])[0]![1]!;
    for (const value of varianceInflation([u, v])) expect(value).toBeCloseTo(1 / (1 - r * r), 10);
  });

  it('is infinite for an exact combination and for a constant column, finite for the rest', () => {
    const combination = Float64Array.from(u, (x, i) => 2 * x - w[i]!);
    const vif = varianceInflation([u, v, w, combination, new Float64Array(400).fill(2)]);
    expect(vif[0]).toBe(Number.POSITIVE_INFINITY);
    expect(vif[2]).toBe(Number.POSITIVE_INFINITY);
    expect(vif[3]).toBe(Number.POSITIVE_INFINITY);
    expect(vif[4]).toBe(Number.POSITIVE_INFINITY);
    // v is not part of the combination: 2u − w adds nothing to the span of u and w.
    expect(vif[1]).toBeCloseTo(1 / (1 - rSquared(v, [u, w])), 8);
  });
});

describe('dropCorrelated', () => {
  const random = mulberry32(5);
  const u = normals(300, random);
  const columns = [u, near(u, 0.1, random), normals(300, random), near(u, 3, random)];

  it('drops the variable with the lower IV of a pair above the threshold, and says why', () => {
    const { kept, dropped } = dropCorrelated(columns, [0.3, 0.5, 0.2, 0.1], 0.7, [
      'age',
      'age2',
      'income',
      'x',
    ]);
    expect(kept).toEqual([1, 2, 3]);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ index: 0, correlatedWith: 1, iv: 0.3, keptIv: 0.5 });
    expect(dropped[0]!.r).toBeGreaterThan(0.7);
    expect(dropped[0]!.en).toContain('"age" (#0)');
    expect(dropped[0]!.zh).toContain('“age2”（#1）');
  });

  it('keeps a set whose pairwise |r| are all within the threshold, and each drop has a stronger partner', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.2, max: 0.95, noNaN: true }),
        (seed, iv, threshold) => {
          const rnd = mulberry32(seed);
          const base = normals(60, rnd);
          const cols = [base, near(base, 0.3, rnd), near(base, 1, rnd), normals(60, rnd), near(base, 2, rnd)];
          const r = correlationMatrix(cols);
          const { kept, dropped } = dropCorrelated(cols, iv, threshold);
          for (const a of kept)
            for (const b of kept) if (a !== b) expect(Math.abs(r[a]![b]!)).toBeLessThanOrEqual(threshold);
          for (const d of dropped) {
            expect(kept).toContain(d.correlatedWith);
            expect(Math.abs(d.r)).toBeGreaterThan(threshold);
            expect(iv[d.correlatedWith]!).toBeGreaterThanOrEqual(iv[d.index]!);
          }
          expect(kept.length + dropped.length).toBe(5);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses an IV list of the wrong length or a threshold outside (0, 1]', () => {
    expect(() => dropCorrelated(columns, [1, 2], 0.7)).toThrow(RangeError);
    expect(() => dropCorrelated(columns, [1, 2, 3, 4], 1.5)).toThrow(RangeError);
  });
});

describe('dropByVif', () => {
  it('drops variables one at a time until every VIF is within the threshold', () => {
    const random = mulberry32(9);
    const a = normals(500, random);
    const b = normals(500, random);
    const d = normals(500, random);
    const c = Float64Array.from(a, (x, i) => x + b[i]! + 0.1 * gaussian(random));
    const { kept, vif, dropped } = dropByVif([a, b, c, d], 10, ['a', 'b', 'c', 'd']);
    expect(dropped).toHaveLength(1);
    expect([0, 1, 2]).toContain(dropped[0]!.index);
    expect(dropped[0]!.vif).toBeGreaterThan(10);
    expect(dropped[0]!.zh).toContain('方差膨胀因子');
    expect(kept).toContain(3);
    expect(kept).toHaveLength(3);
    for (const value of vif) expect(value).toBeLessThanOrEqual(10);
    expect(vif).toEqual(
      varianceInflation(kept.map((j) => [a, b, c, d][j]!)).map((v) => expect.closeTo(v, 10)),
    );
  });

  it('drops a constant column and one of two identical columns first', () => {
    const random = mulberry32(2);
    const a = normals(100, random);
    const { kept, dropped } = dropByVif([
      a,
      new Float64Array(100).fill(1),
      Float64Array.from(a),
      normals(100, random),
    ]);
    expect(dropped.map((x) => x.vif)).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    expect(kept).toEqual([0, 3]);
  });
});
