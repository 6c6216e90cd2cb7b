import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compilePolicy } from './compile.js';
import type { PolicyDocument } from './document.js';
import { LOAN_YAML, listFns, loanInput, loanOptions } from './fixtures.js';
import { parsePolicySource } from './parse.js';

type Rule = PolicyDocument['rules'][number];

const problemsOf = (text: string, format?: 'yaml' | 'json') => {
  const r = parsePolicySource(text, format);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('parsePolicySource', () => {
  it('reads the YAML example into a document', () => {
    const r = parsePolicySource(LOAN_YAML);
    expect(r.ok && r.document.rules.map((x) => x.id)).toEqual([
      'R001_blacklisted',
      'R002_burst',
      'R003_big_amount',
      'R004_vip',
    ]);
  });

  it('gives the same compiled policy for the YAML text and its JSON form', () => {
    const yaml = parsePolicySource(LOAN_YAML);
    if (!yaml.ok) throw new Error('yaml');
    const json = parsePolicySource(JSON.stringify(yaml.document, null, 2));
    if (!json.ok) throw new Error('json');
    expect(json.document).toEqual(yaml.document);
    const a = compilePolicy(yaml.document, loanOptions);
    const b = compilePolicy(json.document, loanOptions);
    if (!a.ok || !b.ok) throw new Error('compile');
    const { evaluate: ea, ...pa } = a.policy;
    const { evaluate: eb, ...pb } = b.policy;
    expect(pb).toEqual(pa);
    const input = loanInput({ features: { apps_1h: 7, users_per_device_7d: 3 } });
    expect(eb(input, listFns())).toEqual(ea(input, listFns()));
  });

  it('reports every problem with its path, not only the first', () => {
    const text = stringify({
      id: 'Bad Id',
      event_type: 'loan_application',
      description: { en: 'x' },
      features: [{ name: 'f', key: [], aggregate: 'median', window: '3 hours' }],
      rules: [
        { id: 'R1', description: { en: 'a', zh: '甲' }, when: 'true', action: 'reject' },
        { id: 'R2', description: { en: 'b', zh: '乙' }, action: 'block' },
      ],
      outcome: { mode: 'first_match', default: 'approve' },
      colour: 'red',
    });
    const paths = problemsOf(text).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'description.zh',
        'features[0].key',
        'features[0].aggregate',
        'features[0].window',
        'rules[1].when',
        'rules[1].action',
        'colour',
      ]),
    );
    expect(problemsOf(text).find((p) => p.path === 'rules[1].action')?.message).toBe(
      'must be one of approve, review, reject, score',
    );
  });

  it('checks rules that span fields', () => {
    const doc = parsePolicySource(LOAN_YAML);
    if (!doc.ok) throw new Error('fixture');
    const [r0, r1, r2, r3] = doc.document.rules as [Rule, Rule, Rule, Rule];
    const { score: _dropped, ...scoreless } = r2;
    const bad: PolicyDocument = {
      ...doc.document,
      features: [{ name: 'apps_1h', key: ['device_id'], aggregate: 'count', window: '1h', window_ms: 1000 }],
      rules: [r0, { ...r1, id: r0.id }, scoreless, r3],
      outcome: {
        mode: 'score',
        default: 'approve',
        thresholds: [
          { min_score: 10, outcome: 'review' },
          { min_score: 50, outcome: 'reject' },
        ],
      },
    };
    expect(problemsOf(JSON.stringify(bad))).toEqual(
      expect.arrayContaining([
        { path: 'rules[1].id', message: 'rule R001_blacklisted is declared more than once' },
        { path: 'rules[2].score', message: 'is required when the action is score' },
        { path: 'features[0].window', message: 'give exactly one of window (e.g. 1h) or window_ms' },
        {
          path: 'outcome.thresholds[1].min_score',
          message: 'thresholds must be listed from the highest min_score down, without repeats',
        },
      ]),
    );
  });

  it('refuses a since_last feature counting the current event, and a default that never applies', () => {
    const text = LOAN_YAML.replace(
      '    aggregate: count\n    window: 1h',
      '    aggregate: since_last\n    window: 1h\n    include_current: true',
    ).replace('    include_current: true\nlists', '    include_current: true\n    default: 0\nlists');
    const paths = problemsOf(text).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['features[0].include_current', 'features[1].default']));
  });

  it('names the line of a YAML or JSON syntax error', () => {
    expect(problemsOf('id: x\nrules: [\n')[0]?.message).toMatch(/^line \d+, column \d+/);
    expect(problemsOf('{"id": "x",, }')[0]).toMatchObject({
      path: 'source',
      message: expect.stringMatching(/line 1, column 12/),
    });
    expect(problemsOf('id: a\nid: b\n')[0]?.message).toMatch(/unique|duplicate/i);
  });

  it('refuses YAML alias expansion bombs and non-JSON values', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(problemsOf(bomb)[0]?.message).toMatch(/alias/i);
    expect(problemsOf('id: !!binary aGVsbG8=\n').some((p) => p.path === 'id')).toBe(true);
  });

  it('reads YAML 1.2 core scalars: no is a string, not false', () => {
    const text = LOAN_YAML.replace('id: loan-test', 'id: loan-test\nfallback: no');
    expect(problemsOf(text)).toEqual([
      { path: 'fallback', message: 'must be one of approve, review, reject' },
    ]);
  });
});
