import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Model } from '../contracts.js';
import { onnxLogisticModel, ruleInput } from './fixtures.js';
import { createModel } from './index.js';
import { logistic } from './linear.js';

const WEIGHTS = [0.04, -0.8, 1.5];
const BIAS = -0.3;
const INPUTS = ['data.amount_k', 'features.apps_1h', 'models.card_pd'];

function declaration(bytes: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'nn', kind: 'onnx', base64: bytes.toString('base64'), inputs: INPUTS, ...extra };
}

function build(decl: Record<string, unknown>): Model {
  const r = createModel(decl, 'models[0]');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.model;
}

const problems = (decl: Record<string, unknown>) => {
  const r = createModel(decl, 'models[0]');
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

const input = (amount: unknown, apps: unknown, pd: unknown) =>
  ruleInput({
    data: { amount_k: amount },
    features: { apps_1h: apps } as never,
    models: { card_pd: pd } as never,
  });

/** Float32 rounding of the inputs, as the model sees them. */
const f32 = (x: number) => Math.fround(x);

describe('onnx models (ONNX Runtime, a model the test builds)', () => {
  const bytes = onnxLogisticModel(WEIGHTS, BIAS);

  it('scores like the same regression declared as a logistic model', () => {
    const onnx = build(declaration(bytes));
    const declared = build({
      name: 'lr',
      kind: 'logistic',
      intercept: BIAS,
      coefficients: Object.fromEntries(INPUTS.map((p, i) => [p, WEIGHTS[i]])),
    });
    expect(onnx.kind).toBe('onnx');
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (amount, apps, pd) => {
          const rounded = input(f32(amount), apps, f32(pd));
          // float32 arithmetic inside the model: agree to 1e-5 on a probability.
          expect(Math.abs(onnx.score(rounded) - declared.score(rounded))).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 300 },
    );
    expect(onnx.score(input(100, 2, 0.1))).toBeCloseTo(logistic(BIAS + 4 - 1.6 + 0.15), 6);
  });

  it('reads one element of a named output, and applies the missing policy', () => {
    const both = onnxLogisticModel(WEIGHTS, BIAS, { probabilities: true });
    const p = build(declaration(both)).score(input(50, 1, 0.2));
    const fromProbabilities = build(declaration(both, { output: 'probabilities', index: 1 }));
    expect(fromProbabilities.score(input(50, 1, 0.2))).toBeCloseTo(p, 6);
    const complement = build(declaration(both, { output: 'probabilities', index: 0 }));
    expect(complement.score(input(50, 1, 0.2))).toBeCloseTo(1 - p, 6);

    expect(() => build(declaration(bytes)).score(input(50, undefined, 0.2))).toThrow(
      /input features.apps_1h is missing/,
    );
    const lenient = build(declaration(bytes, { missing: { 'features.apps_1h': 0 } }));
    expect(lenient.score(input(50, undefined, 0.2))).toBeCloseTo(lenient.score(input(50, 0, 0.2)), 9);
  });

  it('accepts the model only with the SHA-256 it was reviewed with', () => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(build(declaration(bytes, { sha256 })).score(input(1, 1, 0.5))).toBeGreaterThan(0);
    expect(problems(declaration(bytes, { sha256: '0'.repeat(64) }))).toEqual([
      { path: 'models[0].sha256', message: `does not match the model (its SHA-256 is ${sha256})` },
    ]);
  });

  it('refuses at publish time what it could not score, naming the field', () => {
    expect(problems(declaration(Buffer.from('not a model at all')))).toEqual([
      { path: 'models[0].base64', message: expect.stringMatching(/^is not a model ONNX Runtime can load: /) },
    ]);
    expect(problems({ ...declaration(bytes), base64: '%%%' })).toEqual([
      { path: 'models[0].base64', message: 'must be the .onnx file encoded in base64' },
    ]);
    expect(problems(declaration(bytes, { inputs: INPUTS.slice(0, 2) }))).toEqual([
      { path: 'models[0].inputs', message: "lists 2 inputs but the model's input x has shape [?, 3]" },
    ]);
    expect(problems(declaration(onnxLogisticModel(WEIGHTS, BIAS, { secondInput: true })))).toEqual([
      {
        path: 'models[0].inputs',
        message: 'the model has 2 inputs; this kind feeds exactly one float tensor',
      },
    ]);
    expect(problems(declaration(bytes, { output: 'label' }))).toEqual([
      { path: 'models[0].output', message: 'is not an output of the model (it has p)' },
    ]);
    expect(problems(declaration(bytes, { index: 1 }))).toEqual([
      {
        path: 'models[0].output',
        message: 'a trial run on zeros failed: output p has 1 values, no element 1',
      },
    ]);
    expect(problems(declaration(bytes, { file: 'model.onnx', inputs: ['data.__proto__', 'x'] }))).toEqual([
      { path: 'models[0].file', message: expect.stringMatching(/^is not a field of this model kind/) },
      { path: 'models[0].inputs[0]', message: expect.stringMatching(/__proto__/) },
      { path: 'models[0].inputs[1]', message: expect.stringMatching(/^input path/) },
    ]);
  });

  it('takes a model whose input has rank 1 or a fixed batch of one', () => {
    for (const inputShape of [[3], [1, 3]]) {
      const m = build(declaration(onnxLogisticModel(WEIGHTS, BIAS, { inputShape })));
      expect(m.score(input(100, 2, 0.1))).toBeCloseTo(logistic(BIAS + 4 - 1.6 + 0.15), 6);
    }
  });
});
