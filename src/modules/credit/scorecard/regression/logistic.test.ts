import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoSidedPValue } from '../../stats/normal.js';
import { expandCells, logisticData, mulberry32 } from './fixtures.js';
import { fitLogistic, predictLogit, predictProbability } from './logistic.js';

/** Xᵀ(y − p) of a fit: zero at an unpenalised maximum-likelihood solution. */
function scoreAt(fit: ReturnType<typeof fitLogistic>, columns: Float64Array[], y: Uint8Array): number[] {
  const p = predictProbability(fit, columns);
  const g = [0, ...columns.map(() => 0)];
  for (let i = 0; i < y.length; i++) {
    const r = y[i]! - p[i]!;
    g[0]! += r;
    columns.forEach((x, j) => {
      g[j + 1]! += r * x[i]!;
    });
  }
  return g;
}

// A 2×2 table (x = 1 for the exposed group): bads a, goods b when x = 1; bads c, goods d when x = 0.
const [a, b, c, d] = [30, 70, 10, 90];
const twoByTwo = expandCells([
  [1, 1, a],
  [1, 0, b],
  [0, 1, c],
  [0, 0, d],
]);

describe('fitLogistic on tables with a closed-form MLE', () => {
  // A logit model with one binary predictor is saturated for the 2×2 table: the MLE reproduces the
  // observed log odds, so β = ln(ad/bc) (the log odds ratio) with SE √(1/a + 1/b + 1/c + 1/d), and
  // the intercept is ln(c/d) with SE √(1/c + 1/d) (Agresti, *Categorical Data Analysis*, 2nd ed.,
  // 2002: §3.1.1 for the log odds ratio's standard error, ch. 5 for logit models of a binary factor).
  it('gives the log odds ratio and its textbook standard error for a 2×2 table', () => {
    const fit = fitLogistic(twoByTwo.columns, twoByTwo.y, { expectNegative: false });
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log((a * d) / (b * c)), 10);
    expect(fit.intercept).toBeCloseTo(Math.log(c / d), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d), 8);
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / c + 1 / d), 8);
    expect(fit.z[1]).toBeCloseTo(fit.coefficients[0]! / fit.standardErrors[1]!, 12);
    expect(fit.pValues[1]).toBeCloseTo(twoSidedPValue(fit.z[1]!), 14);
    expect(fit.warnings).toEqual([]);
  });

  it('reproduces the saturated log-likelihood, deviance and AIC of the table', () => {
    const fit = fitLogistic(twoByTwo.columns, twoByTwo.y, { expectNegative: false });
    const cell = (k: number, total: number) => k * Math.log(k / total);
    const ll = cell(a, a + b) + cell(b, a + b) + cell(c, c + d) + cell(d, c + d);
    expect(fit.logLikelihood).toBeCloseTo(ll, 9);
    expect(fit.deviance).toBeCloseTo(-2 * ll, 9);
    expect(fit.aic).toBeCloseTo(-2 * ll + 2 * 2, 9);
  });

  it('gives each level’s log odds ratio against the reference level for a three-level factor', () => {
    // Levels A (reference), B, C as two dummies; bads/goods 20/80, 30/70, 50/50.
    const data = expandCells([
      [0, 0, 1, 20],
      [0, 0, 0, 80],
      [1, 0, 1, 30],
      [1, 0, 0, 70],
      [0, 1, 1, 50],
      [0, 1, 0, 50],
    ]);
    const fit = fitLogistic(data.columns, data.y, { expectNegative: false });
    expect(fit.intercept).toBeCloseTo(Math.log(20 / 80), 10);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(30 / 70 / (20 / 80)), 10);
    expect(fit.coefficients[1]).toBeCloseTo(Math.log(50 / 50 / (20 / 80)), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 70 + 1 / 20 + 1 / 80), 8);
    expect(fit.standardErrors[2]).toBeCloseTo(Math.sqrt(1 / 50 + 1 / 50 + 1 / 20 + 1 / 80), 8);
  });

  it('gives the same fit for grouped rows with case weights as for the rows repeated', () => {
    const grouped = fitLogistic([Float64Array.from([1, 1, 0, 0])], Uint8Array.from([1, 0, 1, 0]), {
      weights: Float64Array.from([a, b, c, d]),
      expectNegative: false,
    });
    const repeated = fitLogistic(twoByTwo.columns, twoByTwo.y, { expectNegative: false });
    expect(grouped.coefficients[0]).toBeCloseTo(repeated.coefficients[0]!, 10);
    expect(grouped.standardErrors[1]).toBeCloseTo(repeated.standardErrors[1]!, 8);
    expect(grouped.logLikelihood).toBeCloseTo(repeated.logLikelihood, 9);
  });
});

describe('fitLogistic on generated data', () => {
  const { columns, y } = logisticData(3000, -1.5, [-0.8, 0.5, 0, -1.2], 7);

  it('stops where the score Xᵀ(y − p) is zero and recovers the generating coefficients', () => {
    const fit = fitLogistic(columns, y, { expectNegative: false });
    expect(fit.converged).toBe(true);
    for (const g of scoreAt(fit, columns, y)) expect(Math.abs(g)).toBeLessThan(1e-6);
    [-0.8, 0.5, 0, -1.2].forEach((beta, j) => {
      expect(Math.abs(fit.coefficients[j]! - beta)).toBeLessThan(4 * fit.standardErrors[j + 1]!);
    });
  });

  it('shrinks the coefficients more as the L2 penalty grows, leaving the intercept unpenalised', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (const l2 of [0, 10, 100, 1000, 10000]) {
      const fit = fitLogistic(columns, y, { l2, expectNegative: false });
      const norm = Math.hypot(...fit.coefficients);
      expect(norm).toBeLessThan(previous);
      previous = norm;
      // Stationarity of ℓ − (λ/2)Σβ²: the score equals λβ for coefficients and 0 for the intercept.
      const g = scoreAt(fit, columns, y);
      expect(Math.abs(g[0]!)).toBeLessThan(1e-6);
      fit.coefficients.forEach((beta, j) => {
        expect(g[j + 1]!).toBeCloseTo(l2 * beta, 5);
      });
    }
  });

  it('treats a case weight as that many copies of the row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const random = mulberry32(seed);
        const data = logisticData(80, -0.5, [-1, 0.7], seed);
        const weights = Float64Array.from(data.y, () => Math.floor(random() * 4));
        weights[0] = 1;
        const copies = (x: ArrayLike<number>) =>
          Array.from(x).flatMap((v, i) => Array<number>(weights[i]!).fill(v));
        let weighted: ReturnType<typeof fitLogistic>;
        try {
          weighted = fitLogistic(data.columns, data.y, { weights, expectNegative: false });
        } catch {
          return; // a draw whose positive weights hold one class only: nothing to compare
        }
        const expanded = fitLogistic(
          data.columns.map((x) => Float64Array.from(copies(x))),
          Uint8Array.from(copies(data.y)),
          { expectNegative: false },
        );
        expect(weighted.converged).toBe(expanded.converged);
        weighted.coefficients.forEach((v, j) => {
          expect(v).toBeCloseTo(expanded.coefficients[j]!, 7);
        });
        weighted.standardErrors.forEach((v, j) => {
          expect(v).toBeCloseTo(expanded.standardErrors[j]!, 6);
        });
        expect(weighted.logLikelihood).toBeCloseTo(expanded.logLikelihood, 7);
      }),
      { numRuns: 25 },
    );
  });

  it('reaches the same solution from a warm start, in fewer iterations', () => {
    const cold = fitLogistic(columns, y, { expectNegative: false });
    const warm = fitLogistic(columns, y, {
      expectNegative: false,
      start: { intercept: cold.intercept + 0.01, coefficients: cold.coefficients.map((v) => v * 0.99) },
    });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    warm.coefficients.forEach((v, j) => {
      expect(v).toBeCloseTo(cold.coefficients[j]!, 9);
    });
  });

  it('predicts the logit α + Σβx and its probability', () => {
    const fit = fitLogistic(columns, y, { expectNegative: false });
    const logit = predictLogit(fit, columns);
    const p = predictProbability(fit, columns);
    const row = 17;
    const expected = fit.intercept + fit.coefficients.reduce((s, beta, j) => s + beta * columns[j]![row]!, 0);
    expect(logit[row]).toBeCloseTo(expected, 12);
    expect(p[row]).toBeCloseTo(1 / (1 + Math.exp(-expected)), 14);
    expect(() => predictLogit(fit, columns.slice(1))).toThrow(RangeError);
  });
});

describe('fitLogistic warnings', () => {
  it('warns about a positive coefficient on a WOE input, naming the variable in both languages', () => {
    const fit = fitLogistic(twoByTwo.columns, twoByTwo.y, { names: ['收入 income'] });
    const warning = fit.warnings.find((w) => w.code === 'FK_WARN_WRONG_SIGN');
    expect(warning?.variableIndex).toBe(0);
    expect(warning?.en).toContain('"收入 income" (#0)');
    expect(warning?.zh).toContain('“收入 income”（#0）');
    expect(fitLogistic(twoByTwo.columns, twoByTwo.y, { expectNegative: false }).warnings).toEqual([]);
  });

  it('reports complete separation as a warning instead of failing, and a ridge penalty resolves it', () => {
    const x = [Float64Array.from([-2, -1, -0.5, 0.5, 1, 2])];
    const y = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    const fit = fitLogistic(x, y);
    expect(fit.warnings.map((w) => w.code)).toContain('FK_WARN_SEPARATION');
    expect(fit.coefficients[0]).toBeLessThan(-10);
    const ridge = fitLogistic(x, y, { l2: 1 });
    expect(ridge.converged).toBe(true);
    expect(ridge.warnings).toEqual([]);
    expect(Number.isFinite(ridge.standardErrors[1]!)).toBe(true);
  });

  it('reports running out of iterations', () => {
    const { columns, y } = logisticData(500, -1, [-1, -0.5], 3);
    const fit = fitLogistic(columns, y, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(1);
    expect(fit.warnings.map((w) => w.code)).toContain('FK_WARN_NOT_CONVERGED');
  });

  it('fixes a constant column at 0 without a standard error, and fits the rest as if it were absent', () => {
    const { columns, y } = logisticData(500, -1, [-1, -0.5], 4);
    const withConstant = [columns[0]!, new Float64Array(500).fill(0.3), columns[1]!];
    const fit = fitLogistic(withConstant, y);
    const without = fitLogistic(columns, y);
    expect(fit.coefficients[1]).toBe(0);
    expect(fit.standardErrors[2]).toBeNaN();
    expect(fit.pValues[2]).toBeNaN();
    expect(fit.coefficients[0]).toBeCloseTo(without.coefficients[0]!, 10);
    expect(fit.coefficients[2]).toBeCloseTo(without.coefficients[1]!, 10);
    expect(fit.aic).toBeCloseTo(without.aic, 8);
    expect(fit.warnings).toEqual([
      expect.objectContaining({ code: 'FK_WARN_CONSTANT_COLUMN', variableIndex: 1 }),
    ]);
  });

  it('names the variables of an exact linear combination and leaves the combination out', () => {
    const { columns, y } = logisticData(500, -1, [-1, -0.5, 0], 5);
    const [u, v, w] = columns as [Float64Array, Float64Array, Float64Array];
    const combination = Float64Array.from(u, (x, i) => 2 * x - v[i]! + 1);
    const fit = fitLogistic([u, v, w, combination], y, {
      names: ['u', 'v', 'w', 'c'],
      expectNegative: false,
    });
    const warning = fit.warnings.find((x) => x.code === 'FK_WARN_COLLINEAR');
    expect(warning?.variableIndex).toBe(3);
    expect(warning?.en).toContain('linear combination of "u" (#0), "v" (#1)');
    expect(warning?.en).not.toContain('"w"');
    expect(fit.coefficients[3]).toBe(0);
    expect(fit.standardErrors[4]).toBeNaN();
    const without = fitLogistic([u, v, w], y, { expectNegative: false });
    expect(fit.coefficients[0]).toBeCloseTo(without.coefficients[0]!, 9);
  });
});

describe('fitLogistic input checks', () => {
  const x = [Float64Array.from([0, 1, 2, 3])];
  it('refuses malformed data with a RangeError naming the problem', () => {
    expect(() => fitLogistic(x, Uint8Array.from([0, 1, 0]))).toThrow(/columns\[0\] has 4 rows, y has 3/);
    expect(() => fitLogistic(x, Uint8Array.from([0, 1, 2, 0]))).toThrow(/y\[2\] is 2/);
    expect(() => fitLogistic(x, Uint8Array.from([0, 0, 0, 0]))).toThrow(/no bads/);
    expect(() =>
      fitLogistic([Float64Array.from([0, Number.NaN, 1, 2])], Uint8Array.from([0, 1, 0, 1])),
    ).toThrow(/columns\[0\]\[1\] is NaN/);
    expect(() =>
      fitLogistic(x, Uint8Array.from([0, 1, 0, 1]), { weights: Float64Array.from([1, -1, 1, 1]) }),
    ).toThrow(/weights\[1\]/);
    expect(() => fitLogistic(x, Uint8Array.from([0, 1, 0, 1]), { l2: -1 })).toThrow(/l2/);
  });
});
