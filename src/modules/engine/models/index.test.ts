import { describe, expect, it } from 'vitest';
import { demoDraft, ruleInput } from './fixtures.js';
import { createModel, sealScorecard, writeScorecard } from './index.js';
import { createOnnxModel, packageAvailable } from './onnx.js';

const applicant = ruleInput({
  data: { age: 40, applicant: { monthly_income: 9000 }, province: '44', amount: 2000 },
  features: { applications_30d: 1 },
});

describe('createModel', () => {
  it('builds each kind from its declaration', () => {
    const logistic = createModel(
      { name: 'pd', kind: 'logistic', intercept: 0, coefficients: { 'data.amount': 0 } },
      'models[0]',
    );
    expect(logistic.ok && logistic.model.score(applicant)).toBe(0.5);
    const linear = createModel(
      { name: 'lin', kind: 'linear', intercept: 1, coefficients: { 'data.age': 2 } },
      'models[1]',
    );
    expect(linear.ok && linear.model.score(applicant)).toBe(81);
    for (const card of [sealScorecard(demoDraft()), writeScorecard(demoDraft())]) {
      const scorecard = createModel({ name: 'app_card', kind: 'scorecard', card }, 'models[2]');
      if (!scorecard.ok) throw new Error(JSON.stringify(scorecard.problems));
      expect(scorecard.model.name).toBe('app_card');
      expect(scorecard.model.kind).toBe('scorecard');
      expect(scorecard.model.inputs).toEqual([
        'data.age',
        'data.applicant.monthly_income',
        'data.province',
        'features.applications_30d',
      ]);
      expect(scorecard.model.score(applicant)).toBe(500 + 45 + 50 + 35 + 40);
    }
  });

  it('refuses unknown kinds and unknown fields, naming them below the declaration’s path', () => {
    expect(createModel({ name: 'x', kind: 'forest' }, 'models[3]')).toEqual({
      ok: false,
      problems: [{ path: 'models[3].kind', message: 'must be one of logistic, linear, scorecard, onnx' }],
    });
    expect(
      createModel({ name: '', kind: 'scorecard', card: writeScorecard(demoDraft()), file: 'x.json' }, 'm'),
    ).toEqual({
      ok: false,
      problems: [
        { path: 'm.file', message: 'is not a field of this model kind (name, kind, card, scorecard)' },
        { path: 'm.name', message: 'must be a non-empty string' },
      ],
    });
    expect(createModel({ name: 's', kind: 'scorecard' }, 'm')).toEqual({
      ok: false,
      problems: [
        {
          path: 'm.card',
          message: 'is required: the scorecard document or its JSON text (or scorecard: a registered name)',
        },
      ],
    });
  });

  it('prefixes the problems of an embedded scorecard with the declaration’s path', () => {
    const tampered = JSON.parse(writeScorecard(demoDraft()));
    tampered.base_points = 900;
    const result = createModel({ name: 's', kind: 'scorecard', card: tampered }, 'models[0]');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['models[0].card.checksum']);
    const notJson = createModel({ name: 's', kind: 'scorecard', card: '{' }, 'models[0]');
    expect(!notJson.ok && notJson.problems[0]?.path).toBe('models[0].card');
  });

  it('refuses prototype paths when the model is created, not when it scores', () => {
    const logistic = createModel(
      { name: 'p', kind: 'logistic', intercept: 0, coefficients: { 'data.__proto__': 1 } },
      'models[0]',
    );
    expect(!logistic.ok && logistic.problems).toEqual([
      {
        path: 'models[0].coefficients["data.__proto__"]',
        message: expect.stringMatching(/must not use __proto__/),
      },
    ]);
    const card = JSON.parse(writeScorecard(demoDraft()));
    card.variables[0].input = 'data.__proto__';
    const scorecard = createModel({ name: 's', kind: 'scorecard', card }, 'models[1]');
    expect(!scorecard.ok && scorecard.problems[0]).toEqual({
      path: 'models[1].card.variables[0].input',
      message: expect.stringMatching(/must not use __proto__/),
    });
  });

  it('says what to install for onnx models when ONNX Runtime is absent', () => {
    expect(createOnnxModel({ name: 'nn', kind: 'onnx' }, 'models[4]', { available: () => false })).toEqual({
      ok: false,
      problems: [
        {
          path: 'models[4].kind',
          message: 'onnx models need the optional package onnxruntime-node: npm install onnxruntime-node',
        },
      ],
    });
    // Installed here (a development dependency): the factory goes on to the declaration itself.
    expect(packageAvailable('onnxruntime-node')).toBe(true);
    const result = createModel({ name: 'nn', kind: 'onnx' }, 'models[4]');
    expect(!result.ok && result.problems).toEqual([
      { path: 'models[4].base64', message: expect.stringMatching(/^is required/) },
      { path: 'models[4].inputs', message: expect.stringMatching(/^must list the input paths/) },
    ]);
  });
});
