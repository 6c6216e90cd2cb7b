import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile.js';
import type { PolicyDocument } from './document.js';
import { LOAN_YAML, loanOptions } from './fixtures.js';
import { parsePolicySource } from './parse.js';

function loanDocument(): PolicyDocument {
  const r = parsePolicySource(LOAN_YAML);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return structuredClone(r.document);
}

const problemsOf = (doc: PolicyDocument, options = loanOptions) => {
  const r = compilePolicy(doc, options);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('compilePolicy', () => {
  it('compiles the example with its rules in evaluation order', () => {
    const r = compilePolicy(loanDocument(), loanOptions);
    expect(r.ok && r.policy.ruleIds).toEqual([
      'R001_blacklisted',
      'R002_burst',
      'R003_big_amount',
      'R004_vip',
    ]);
  });

  it('turns CEL errors into problems at the rule path with the column, all of them', () => {
    const doc = loanDocument();
    (doc.rules[1] as { when: string }).when = 'features.apps_1h >= 5 && process.exit()';
    (doc.rules[2] as { when: string }).when = 'data.amount > 50000';
    (doc.rules[3] as { when: string }).when = "in_list('greylist', subject.user_id)";
    doc.rules.push({
      id: 'R9',
      description: { en: 'n', zh: '数' },
      when: 'data.amount * 2.0',
      action: 'review',
    });
    expect(problemsOf(doc)).toEqual([
      { path: 'rules[1].when', message: expect.stringMatching(/^column 26: unknown identifier 'process'/) },
      {
        path: 'rules[3].when',
        message: expect.stringMatching(/^column 9: list 'greylist' is not declared by the policy/),
      },
      {
        path: 'rules[4].when',
        message: expect.stringMatching(/must be a bool expression; this one is double/),
      },
    ]);
  });

  it('checks feature keys, fields, lists and models against the installation', () => {
    const doc = loanDocument();
    doc.features?.push(
      { name: 'x1', key: ['device_id', 'imei'], aggregate: 'count', window: '1h' },
      { name: 'x2', key: ['user_id'], aggregate: 'sum', field: 'purpose', window: '1d' },
      { name: 'x3', key: ['user_id'], aggregate: 'sum', field: 'subject.ip', window: '1d' },
    );
    doc.lists?.push('no_such_list');
    doc.models = [{ name: 'm1', kind: 'mystery' }];
    const closed = {
      ...loanOptions,
      dataSchema: { type: 'object', properties: { amount: { type: 'number' } }, additionalProperties: false },
    };
    const paths = problemsOf(doc).map((p) => p.path);
    expect(paths).toEqual([
      'features[2].key[1]',
      'features[3].field',
      'features[4].field',
      'lists[2]',
      'models[0].kind',
    ]);
    doc.features?.push({ name: 'x4', key: ['user_id'], aggregate: 'max', field: 'colour', window: '1d' });
    expect(problemsOf(doc, closed).map((p) => p.path)).toContain('features[5].field');
  });

  it('checks the inputs a model reads when the factory reports them', () => {
    const doc = loanDocument();
    doc.models = [{ name: 'm1', kind: 'logistic' }];
    const withInputs = {
      ...loanOptions,
      createModel: (decl: Record<string, unknown>) => ({
        ok: true as const,
        model: {
          name: String(decl['name']),
          kind: 'logistic',
          inputs: ['features.nope', 'models.later'],
          score: () => 0,
        },
      }),
    };
    expect(problemsOf(doc, withInputs)).toEqual([
      { path: 'models[0]', message: 'reads features.nope, which is not a declared feature' },
      { path: 'models[0]', message: 'reads models.later, which is not a model declared before this one' },
    ]);
  });

  it('makes model outputs readable by rules as models.<name>', () => {
    const doc = loanDocument();
    doc.models = [{ name: 'credit', kind: 'constant', value: 0.9 }];
    doc.rules.push({
      id: 'M1',
      description: { en: 'model', zh: '模型' },
      when: 'models.credit > 0.8',
      action: 'review',
    });
    const r = compilePolicy(doc, loanOptions);
    expect(r.ok && r.policy.models.map((m) => m.name)).toEqual(['credit']);
  });
});
