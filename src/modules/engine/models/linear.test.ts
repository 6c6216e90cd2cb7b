import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ErrorField } from '../../../kernel/errors.js';
import { ruleInput } from './fixtures.js';
import { createLinearModel, logistic } from './linear.js';
import type { DeclaredModel } from './model-result.js';

function build(decl: Record<string, unknown>, kind: 'linear' | 'logistic' = 'logistic'): DeclaredModel {
  const result = createLinearModel({ name: 'm', kind, ...decl }, 'models[0]', kind);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

function problems(decl: Record<string, unknown>): readonly ErrorField[] {
  const result = createLinearModel({ name: 'm', kind: 'logistic', ...decl }, 'models[0]', 'logistic');
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const fraud = {
  intercept: -3,
  coefficients: { 'features.tx_count_1h': 0.5, 'data.amount': 0.001, 'data.applicant.age': -0.02 },
};

describe('logistic and linear models', () => {
  it('score against hand-computed values', () => {
    // z = −3 + 0.5·4 + 0.001·1500 − 0.02·30 = −3 + 2 + 1.5 − 0.6 = −0.1; σ(−0.1) = 1/(1+e^0.1) = 0.47502081…
    const input = ruleInput({ features: { tx_count_1h: 4 }, data: { amount: 1500, applicant: { age: 30 } } });
    expect(build(fraud).score(input)).toBeCloseTo(0.4750208125210601, 15);
    expect(build(fraud, 'linear').score(input)).toBeCloseTo(-0.1, 15);
    expect(build(fraud).explain?.(input)).toEqual({
      'features.tx_count_1h': 2,
      'data.amount': 1.5,
      'data.applicant.age': expect.closeTo(-0.6, 15),
    });
  });

  it('stay finite and exact at z = ±800 and keep precision far in the tails', () => {
    expect(logistic(800)).toBe(1);
    expect(logistic(-800)).toBe(0);
    expect(logistic(0)).toBe(0.5);
    // σ(−700) = e^−700 / (1 + e^−700) ≈ e^−700 = 9.8597e−305: no underflow to 0 before the limit.
    expect(logistic(-700) / Math.exp(-700)).toBeCloseTo(1, 12);
    expect(logistic(Number.POSITIVE_INFINITY)).toBe(1);
    expect(logistic(Number.NEGATIVE_INFINITY)).toBe(0);
    const model = build({ intercept: 0, coefficients: { 'data.x': 1 } });
    expect(model.score(ruleInput({ data: { x: 800 } }))).toBe(1);
    expect(model.score(ruleInput({ data: { x: -800 } }))).toBe(0);
  });

  it('refuse a predictor that overflows or becomes NaN', () => {
    const linear = build({ intercept: 0, coefficients: { 'data.x': 1e308, 'data.y': 1e308 } }, 'linear');
    expect(() => linear.score(ruleInput({ data: { x: 10, y: 10 } }))).toThrow(/linear predictor is Infinity/);
    const logit = build({ intercept: 0, coefficients: { 'data.x': 1e308, 'data.y': -1e308 } });
    expect(() => logit.score(ruleInput({ data: { x: 10, y: 10 } }))).toThrow(/NaN/);
  });

  it('apply missing policies: error by default, zero, a number, or per input', () => {
    const absent = ruleInput({ features: { tx_count_1h: 4 }, data: { applicant: { age: 30 } } });
    expect(() => build(fraud, 'linear').score(absent)).toThrow(/input data\.amount is missing/);
    expect(build({ ...fraud, missing: 'zero' }, 'linear').score(absent)).toBeCloseTo(-1.6, 12);
    expect(build({ ...fraud, missing: 1000 }, 'linear').score(absent)).toBeCloseTo(-0.6, 12);
    const perInput = build({ ...fraud, missing: { 'data.amount': 500 } }, 'linear');
    expect(perInput.score(absent)).toBeCloseTo(-1.1, 12);
    expect(() => perInput.score(ruleInput({ data: { amount: 1 } }))).toThrow(
      /features\.tx_count_1h is missing/,
    );
    expect(() =>
      build(fraud).score(
        ruleInput({ features: { tx_count_1h: 4 }, data: { amount: '1500', applicant: { age: 1 } } }),
      ),
    ).toThrow(/data\.amount is a string/);
  });

  it('never read inherited members', () => {
    const model = build(
      { intercept: 0, coefficients: { 'data.amount': 1, 'data.applicant.age': 1 }, missing: 0 },
      'linear',
    );
    const proto = Object.prototype as Record<string, unknown>;
    proto['amount'] = 1000;
    proto['age'] = 50;
    try {
      expect(model.score(ruleInput({ data: { applicant: {} } }))).toBe(0);
      expect(model.score(ruleInput({ data: { amount: 2, applicant: { age: 3 } } }))).toBe(5);
      expect(model.score(ruleInput({ data: Object.create({ amount: 7 }) }))).toBe(0);
    } finally {
      delete proto['amount'];
      delete proto['age'];
    }
  });

  it('read a model scored before it', () => {
    const stacked = build({ intercept: 1, coefficients: { 'models.fraud_lr': 10 } }, 'linear');
    expect(stacked.inputs).toEqual(['models.fraud_lr']);
    expect(stacked.score(ruleInput({ models: { fraud_lr: 0.25 } }))).toBe(3.5);
  });

  it('report every problem of a declaration with its path', () => {
    const found = problems({
      intercept: 'x',
      coefficients: { 'data.__proto__': 1, 'data.ok': 'heavy', 'event.type': 2 },
      missing: { 'data.ok': 'skip', 'data.other': 0 },
      coefficents: {},
    });
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'models[0].coefficents', message: expect.stringMatching(/not a field/) },
        { path: 'models[0].intercept', message: 'must be a finite number' },
        { path: 'models[0].coefficients["data.__proto__"]', message: expect.stringMatching(/own fields/) },
        { path: 'models[0].coefficients["data.ok"]', message: 'coefficient must be a finite number' },
        { path: 'models[0].coefficients["event.type"]', message: expect.stringMatching(/must start with/) },
        { path: 'models[0].missing["data.ok"]', message: expect.stringMatching(/'zero', 'error'/) },
        { path: 'models[0].missing["data.other"]', message: 'is not one of the inputs in coefficients' },
      ]),
    );
    expect(found).toHaveLength(7);
    expect(problems({ intercept: 0, coefficients: {} })).toEqual([
      { path: 'models[0].coefficients', message: 'must map at least one input path to its coefficient' },
    ]);
    expect(problems({ intercept: 0, coefficients: { 'data.x': 1 }, missing: 'sometimes' })[0]?.path).toBe(
      'models[0].missing',
    );
  });

  it('give the same predictor from generated code as from the closures behind explain', () => {
    const paths = ['data.a', 'data.n.b', 'features.f', 'models.m', 'subject.s'];
    const value = fc.oneof(fc.double(), fc.constantFrom(undefined, null, '1', true, [2], { x: 1 }));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.array(value, { minLength: 5, maxLength: 5 }),
        fc.constantFrom<'zero' | 'error' | number>('zero', 'error', -3.5),
        (weights, values, missing) => {
          const coefficients = Object.fromEntries(paths.map((p, i) => [p, weights[i]]));
          const model = build({ intercept: 0.25, coefficients, missing }, 'linear');
          const input = ruleInput({
            data: { a: values[0], n: { b: values[1] } },
            features: { f: values[2] as number },
            models: { m: values[3] as number },
            subject: { s: values[4] as string },
          });
          let terms: Readonly<Record<string, number>> | undefined;
          try {
            terms = model.explain?.(input);
          } catch (error) {
            expect(() => model.score(input)).toThrow((error as Error).message);
            return;
          }
          const z = paths.reduce((sum, p) => sum + (terms?.[p] as number), 0.25);
          if (Number.isFinite(z)) expect(model.score(input)).toBe(z);
          else expect(() => model.score(input)).toThrow(/linear predictor/);
        },
      ),
    );
  });

  it('score the same where code generation from strings is forbidden', () => {
    const original = globalThis.Function;
    globalThis.Function = function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let model: DeclaredModel;
    try {
      model = build(fraud);
    } finally {
      globalThis.Function = original;
    }
    const input = ruleInput({ features: { tx_count_1h: 4 }, data: { amount: 1500, applicant: { age: 30 } } });
    expect(model.score(input)).toBe(build(fraud).score(input));
  });
});
