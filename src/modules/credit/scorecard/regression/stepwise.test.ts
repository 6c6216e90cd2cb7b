import { describe, expect, it } from 'vitest';
import { bruteForceAuc, gaussian, logisticData, mulberry32 } from './fixtures.js';
import { fitLogistic } from './logistic.js';
import { stepwise } from './stepwise.js';

// Columns 0, 2 and 5 carry signal (strongest first); 1, 3, 4 and 6 are pure noise.
const BETA = [-1, 0, -0.6, 0, 0, -0.3, 0];
const INFORMATIVE = [0, 2, 5];

/** Forward selection by AIC the slow way: fit every remaining candidate at every step. */
function exhaustiveForward(columns: Float64Array[], y: Uint8Array): number[] {
  const selected: number[] = [];
  let aic = fitLogistic([], y).aic;
  for (;;) {
    let best: { j: number; aic: number } | undefined;
    for (let j = 0; j < columns.length; j++) {
      if (selected.includes(j)) continue;
      const fit = fitLogistic(
        [...selected, j].map((k) => columns[k]!),
        y,
        { expectNegative: false },
      );
      if (!best || fit.aic < best.aic) best = { j, aic: fit.aic };
    }
    if (!best || best.aic >= aic) return selected;
    selected.push(best.j);
    aic = best.aic;
  }
}

describe('stepwise by AIC', () => {
  const { columns, y } = logisticData(3000, -1.2, BETA, 42);

  it('picks the informative variables, strongest first, and leaves the pure-noise ones out', () => {
    const result = stepwise(columns, y);
    expect(result.selected).toEqual(INFORMATIVE);
    expect(result.steps.map((s) => s.added)).toEqual([undefined, ...INFORMATIVE]);
    const aics = result.steps.map((s) => s.aic!);
    for (let i = 1; i < aics.length; i++) expect(aics[i]).toBeLessThan(aics[i - 1]!);
  });

  it('returns the fit of the selected variables in order of entry', () => {
    const result = stepwise(columns, y);
    const direct = fitLogistic(
      INFORMATIVE.map((j) => columns[j]!),
      y,
    );
    result.fit.coefficients.forEach((v, i) => {
      expect(v).toBeCloseTo(direct.coefficients[i]!, 8);
    });
    result.fit.standardErrors.forEach((v, i) => {
      expect(v).toBeCloseTo(direct.standardErrors[i]!, 8);
    });
    expect(result.fit.aic).toBeCloseTo(result.steps.at(-1)!.aic!, 6);
  });

  it('chooses what an exhaustive forward search by AIC chooses, with one fit per step', () => {
    const noisy = logisticData(1500, -1, [-0.4, 0.05, -0.3, 0, -0.15, 0.1], 8);
    expect(stepwise(noisy.columns, noisy.y, { expectNegative: false }).selected).toEqual(
      exhaustiveForward(noisy.columns, noisy.y),
    );
  });

  it('stops at maxVariables', () => {
    expect(stepwise(columns, y, { maxVariables: 2 }).selected).toEqual([0, 2]);
  });

  it('removes a variable made redundant by later entries when bidirectional', () => {
    // a = x1 + x2 + noise enters first; once x1 and x2 are in, a adds nothing and goes.
    const random = mulberry32(1);
    const n = 3000;
    const [a, x1, x2, noise] = [0, 1, 2, 3].map(() => new Float64Array(n)) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const target = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x1[i] = gaussian(random);
      x2[i] = gaussian(random);
      a[i] = x1[i]! + x2[i]! + 0.5 * gaussian(random);
      noise[i] = gaussian(random);
      target[i] = random() < 1 / (1 + Math.exp(1 + 0.8 * x1[i]! + 0.8 * x2[i]!)) ? 1 : 0;
    }
    const forward = stepwise([a, x1, x2, noise], target);
    expect(forward.selected[0]).toBe(0);
    const both = stepwise([a, x1, x2, noise], target, { direction: 'both' });
    expect(both.steps.at(-1)).toMatchObject({ removed: 0 });
    expect([...both.selected].sort()).toEqual([1, 2]);
    expect(both.steps.at(-1)!.aic).toBeCloseTo(
      fitLogistic(
        both.selected.map((j) => [a, x1, x2, noise][j]!),
        target,
      ).aic,
      6,
    );
    expect(both.steps.at(-1)!.aic!).toBeLessThan(forward.steps.at(-1)!.aic!);
  });

  it('names a wrong-signed variable by its original column index', () => {
    const data = logisticData(2000, -1, [0, -1, 0, 0.8], 3);
    const result = stepwise(data.columns, data.y, { names: ['a', 'b', 'c', 'd'] });
    expect(result.selected).toEqual([1, 3]);
    const warning = result.fit.warnings.find((w) => w.code === 'FK_WARN_WRONG_SIGN');
    expect(warning?.variableIndex).toBe(3);
    expect(warning?.en).toContain('"d" (#3)');
  });
});

describe('stepwise by validation AUC', () => {
  const train = logisticData(1500, -1.2, BETA, 42);
  const validation = logisticData(600, -1.2, BETA, 43);

  it('adds variables while the injected validation AUC rises by at least minGain', () => {
    const result = stepwise(train.columns, train.y, {
      criterion: 'auc',
      validation,
      auc: bruteForceAuc,
      minGain: 0.002,
    });
    expect(result.selected).toEqual(INFORMATIVE);
    const aucs = result.steps.map((s) => s.auc!);
    expect(aucs[0]).toBe(0.5);
    for (let i = 1; i < aucs.length; i++) expect(aucs[i]! - aucs[i - 1]!).toBeGreaterThanOrEqual(0.002);
  });

  it('refuses the AUC criterion without a validation sample and an AUC function', () => {
    expect(() => stepwise(train.columns, train.y, { criterion: 'auc', auc: bruteForceAuc })).toThrow(
      RangeError,
    );
    expect(() => stepwise(train.columns, train.y, { criterion: 'auc', validation })).toThrow(RangeError);
    expect(() =>
      stepwise(train.columns, train.y, {
        criterion: 'auc',
        auc: bruteForceAuc,
        validation: { columns: validation.columns.slice(1), y: validation.y },
      }),
    ).toThrow(/validation has 6 columns/);
  });
});
