import { describe, expect, it } from 'vitest';
import { exampleData, ruleDiffs, sampleEvent, transitionMatrix } from './policy-data.js';

describe('sampleEvent', () => {
  const now = new Date('2026-11-01T10:00:00.000Z');
  it('gives a realistic event for a built-in type', () => {
    expect(sampleEvent('withdrawal', undefined, now)).toMatchObject({
      type: 'withdrawal',
      occurred_at: '2026-11-01T10:00:00.000Z',
      subject: { user_id: 'u-sample-1', card: '6222021234567890128' },
      data: { amount: 3000 },
    });
  });
  it('fills the required fields of a custom type from its schema', () => {
    const schema = {
      type: 'object',
      required: ['amount', 'kind', 'ok'],
      properties: {
        amount: { type: 'number', minimum: 0 },
        kind: { anyOf: [{ const: 'a' }, { const: 'b' }] },
        ok: { type: 'boolean' },
        note: { type: 'string' },
      },
    };
    expect(exampleData(schema)).toEqual({ amount: 100, kind: 'a', ok: true });
    expect(sampleEvent('merchant_onboarding', schema, now)).toMatchObject({ data: { amount: 100 } });
  });
});

describe('transitionMatrix', () => {
  it('puts the changed pairs off the diagonal and the unchanged rest on it', () => {
    const m = transitionMatrix({
      outcomes: { approve: 90, review: 8, reject: 2 },
      changed: 5,
      stricter: 4,
      looser: 1,
      transitions: { 'approve->reject': 3, 'approve->review': 1, 'review->approve': 1 },
    });
    expect(m.map((row) => row.map((c) => c.count))).toEqual([
      [86, 1, 3],
      [1, 7, 0],
      [0, 0, 2],
    ]);
    expect(m[0]?.[2]).toMatchObject({ from: 'approve', to: 'reject', changed: true });
  });
});

describe('ruleDiffs', () => {
  it('groups rule changes by rule with their expressions', () => {
    const { rules, other } = ruleDiffs([
      {
        kind: 'added',
        path: 'rules.W900',
        after: { id: 'W900', when: 'data.amount > 1.0' },
        summary: { en: '', zh: '' },
      },
      { kind: 'changed', path: 'rules.W010.when', before: 'a', after: 'b', summary: { en: '', zh: '' } },
      {
        kind: 'changed',
        path: 'rules.W010.action',
        before: 'review',
        after: 'reject',
        summary: { en: '', zh: '' },
      },
      { kind: 'changed', path: 'rules', before: [], after: [], summary: { en: 'order', zh: '顺序' } },
      { kind: 'changed', path: 'fallback', before: 'review', after: 'reject', summary: { en: 'f', zh: 'f' } },
    ]);
    expect(rules).toEqual([
      { id: 'W900', kind: 'added', whenBefore: null, whenAfter: 'data.amount > 1.0', fields: [] },
      {
        id: 'W010',
        kind: 'changed',
        whenBefore: 'a',
        whenAfter: 'b',
        fields: [
          { field: 'when', before: 'a', after: 'b' },
          { field: 'action', before: 'review', after: 'reject' },
        ],
      },
    ]);
    expect(other.map((c) => c.path)).toEqual(['rules', 'fallback']);
  });
});
