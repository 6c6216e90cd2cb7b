import { describe, expect, it } from 'vitest';
import { expandCells, logisticData } from './fixtures.js';
import { fitLogistic, fitLogisticDetailed } from './logistic.js';
import { scoreTests } from './score-test.js';

describe('scoreTests', () => {
  it('equals Pearson’s X² of the 2×2 table for a binary candidate against the intercept-only model', () => {
    // For a logit model the score test of one binary predictor from the null model is Pearson's
    // chi-squared statistic n(ad − bc)²/((a+b)(c+d)(a+c)(b+d)) of the table (Agresti, *Categorical
    // Data Analysis*, 2nd ed., 2002: X² in ch. 3, its reading as a score statistic in ch. 4–5).
    const [a, b, c, d] = [30, 70, 10, 90];
    const table = expandCells([
      [1, 1, a],
      [1, 0, b],
      [0, 1, c],
      [0, 0, d],
    ]);
    const empty = fitLogisticDetailed([], table.y);
    const tests = scoreTests([], table.columns, table.y, undefined, empty.core.eta, empty.core.beta, 0);
    const n = a + b + c + d;
    const pearson = (n * (a * d - b * c) ** 2) / ((a + b) * (c + d) * (a + c) * (b + d));
    expect(tests.statistic[0]).toBeCloseTo(pearson, 9);
  });

  it('is close to the likelihood-ratio statistic of the actual refit, and 0 for a column already spanned', () => {
    const { columns, y } = logisticData(4000, -1, [-0.8, -0.1, 0], 21);
    const [u, v, w] = columns as [Float64Array, Float64Array, Float64Array];
    const base = fitLogisticDetailed([u], y);
    const copy = Float64Array.from(u, (x) => 3 * x - 1);
    const tests = scoreTests([u], [v, w, copy], y, undefined, base.core.eta, base.core.beta, 0);
    for (const [c, x] of [v, w].entries()) {
      const lr = base.fit.deviance - fitLogistic([u, x], y, { expectNegative: false }).deviance;
      expect(tests.statistic[c]).toBeCloseTo(lr, 1);
    }
    expect(tests.statistic[2]).toBe(0);
  });

  it('starts the enlarged fit one Newton step from the current one, closer to its solution', () => {
    const { columns, y } = logisticData(4000, -1, [-0.8, -0.6], 22);
    const [u, v] = columns as [Float64Array, Float64Array];
    const base = fitLogisticDetailed([u], y);
    const start = scoreTests([u], [v], y, undefined, base.core.eta, base.core.beta, 0).start(0);
    const solution = fitLogistic([u, v], y);
    const target = [solution.intercept, ...solution.coefficients];
    const naive = [base.fit.intercept, base.fit.coefficients[0]!, 0];
    const distance = (p: ArrayLike<number>) => Math.hypot(...target.map((t, j) => t - p[j]!));
    expect(distance(start)).toBeLessThan(distance(naive) / 5);
  });
});
