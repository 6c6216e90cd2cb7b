import { describe, expect, it } from 'vitest';
import type { CompiledPolicy } from '../contracts.js';
import { compilePolicy } from './compile.js';
import type { PolicyDocument } from './document.js';
import { listFns, loanInput, loanOptions } from './fixtures.js';

type Rule = PolicyDocument['rules'][number];
const d = (en: string) => ({ en, zh: `说明：${en}` });
const rule = (id: string, when: string, action: Rule['action'], extra: Partial<Rule> = {}): Rule => ({
  id,
  description: d(id),
  when,
  action,
  ...extra,
});

function compile(
  rules: Rule[],
  outcome: PolicyDocument['outcome'],
  extra: Partial<PolicyDocument> = {},
): CompiledPolicy {
  const document: PolicyDocument = {
    id: 'p',
    event_type: 'loan_application',
    description: d('policy'),
    features: [{ name: 'apps_1h', key: ['device_id'], aggregate: 'count', window: '1h' }],
    lists: ['blacklist_id'],
    rules,
    outcome,
    ...extra,
  };
  const r = compilePolicy(document, loanOptions);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
}

const blacklisted = listFns({ blacklist_id: ['a'.repeat(64)] });
const clean = listFns();
const firstMatch: PolicyDocument['outcome'] = { mode: 'first_match', default: 'approve' };
const scoreMode: PolicyDocument['outcome'] = {
  mode: 'score',
  thresholds: [
    { min_score: 80, outcome: 'reject' },
    { min_score: 40, outcome: 'review' },
  ],
  default: 'approve',
};

describe('rule order', () => {
  it('runs rules by priority, highest first, ties in document order', () => {
    const p = compile(
      [
        rule('low', 'true', 'review', { priority: -5 }),
        rule('a', 'true', 'review'),
        rule('high', 'true', 'reject', { priority: 10 }),
        rule('b', 'true', 'approve'),
      ],
      firstMatch,
    );
    expect(p.ruleIds).toEqual(['high', 'a', 'b', 'low']);
    const r = p.evaluate(loanInput(), clean);
    expect(r.rule_hits.map((h) => h.rule_id)).toEqual(['high', 'a', 'b', 'low']);
    expect(r.outcome).toBe('reject');
  });
});

describe('first_match', () => {
  const rules = [
    rule('S1', 'data.amount > 1000.0', 'score', { score: 15 }),
    rule('R1', "in_list('blacklist_id', subject.id_number)", 'reject'),
    rule('V1', 'features.apps_1h >= 5', 'review'),
    rule('S2', 'true', 'score', { score: -4 }),
  ];
  const p = compile(rules, firstMatch);

  it('takes the action of the first fired deciding rule and still evaluates every rule', () => {
    const r = p.evaluate(loanInput({ features: { apps_1h: 9 } }), blacklisted);
    expect(r.outcome).toBe('reject');
    expect(r.rule_hits.map((h) => h.rule_id)).toEqual(['S1', 'R1', 'V1', 'S2']);
    expect(r.score).toBe(11);
  });

  it('falls back to the default when no deciding rule fires; score rules only add up', () => {
    const r = p.evaluate(loanInput(), clean);
    expect(r.outcome).toBe('approve');
    expect(r.score).toBe(11);
  });

  it('reports score null when the policy has no score rule', () => {
    const q = compile([rule('R1', "in_list('blacklist_id', subject.id_number)", 'reject')], firstMatch);
    expect(q.evaluate(loanInput(), clean)).toEqual({
      outcome: 'approve',
      score: null,
      rule_hits: [],
      rule_errors: [],
    });
  });
});

describe('score mode', () => {
  const rules = [
    rule('big', 'data.amount > 10000.0', 'score', { score: 50 }),
    rule('burst', 'features.apps_1h >= 3', 'score', { score: 35 }),
    rule('bl', "in_list('blacklist_id', subject.id_number)", 'reject'),
    rule('vip', "subject.user_id == 'vip'", 'approve'),
    rule('odd', 'data.term_months > 36.0', 'review'),
  ];
  const p = compile(rules, scoreMode);

  it('maps the summed score to the first threshold it reaches', () => {
    expect(p.evaluate(loanInput(), clean)).toMatchObject({ outcome: 'approve', score: 0 });
    expect(p.evaluate(loanInput({ data: { amount: 20000, term_months: 12 } }), clean)).toMatchObject({
      outcome: 'review',
      score: 50,
    });
    const both = p.evaluate(
      loanInput({ data: { amount: 20000, term_months: 12 }, features: { apps_1h: 4 } }),
      clean,
    );
    expect(both).toMatchObject({ outcome: 'reject', score: 85 });
  });

  it('lets a fired reject or review rule raise the outcome whatever the score', () => {
    expect(p.evaluate(loanInput(), blacklisted)).toMatchObject({ outcome: 'reject', score: 0 });
    expect(p.evaluate(loanInput({ data: { amount: 100, term_months: 48 } }), clean)).toMatchObject({
      outcome: 'review',
    });
  });

  it('never lowers the outcome for a fired approve rule', () => {
    const vip = loanInput({
      data: { amount: 20000, term_months: 12 },
      features: { apps_1h: 4 },
      subject: { user_id: 'vip' },
    });
    const r = p.evaluate(vip, clean);
    expect(r.outcome).toBe('reject');
    expect(r.rule_hits.map((h) => h.rule_id)).toContain('vip');
  });
});

describe('rule errors', () => {
  it('reports a failing rule and completes the decision without it', () => {
    const p = compile(
      [
        rule('needs_device', "subject.device_id == 'd-1'", 'reject'),
        rule('zero_div', 'data.amount / (features.apps_1h - 1.0) > 2.0', 'reject'),
        rule('fine', 'data.amount > 100.0', 'review'),
      ],
      firstMatch,
    );
    const r = p.evaluate(loanInput({ subject: { user_id: 'u' }, features: { apps_1h: 1 } }), clean);
    expect(r.outcome).toBe('review');
    expect(r.rule_errors).toEqual([
      { rule_id: 'needs_device', message: 'no such key: subject.device_id' },
      { rule_id: 'zero_div', message: 'division by zero' },
    ]);
    expect(r.rule_hits.map((h) => h.rule_id)).toEqual(['fine']);
  });

  it('treats a rule whose list lookup throws as an error, not a hit', () => {
    const p = compile([rule('bl', "in_list('blacklist_id', subject.id_number)", 'reject')], firstMatch);
    const broken = {
      inList: () => {
        throw new Error('list snapshot missing');
      },
      ipIn: () => false,
    };
    expect(p.evaluate(loanInput(), broken)).toMatchObject({
      outcome: 'approve',
      rule_errors: [{ rule_id: 'bl', message: 'list snapshot missing' }],
    });
  });
});

describe('rule hits', () => {
  it('carry the values of every input the rule read, null when absent', () => {
    const p = compile(
      [
        rule(
          'combo',
          "features.apps_1h > 2.0 && data.amount > 1000.0 && !has(subject.phone) && subject.ip != ''",
          'review',
        ),
      ],
      firstMatch,
    );
    const r = p.evaluate(loanInput({ features: { apps_1h: 4 } }), clean);
    expect(r.rule_hits).toEqual([
      {
        rule_id: 'combo',
        action: 'review',
        score: null,
        description: d('combo'),
        values: {
          'features.apps_1h': 4,
          'data.amount': 3000,
          'subject.phone': null,
          'subject.ip': '8.8.8.8',
        },
      },
    ]);
  });
});

describe('fallback and budget', () => {
  it('defaults the fallback to review and the latency budget to 50 ms', () => {
    const p = compile([rule('a', 'true', 'approve')], firstMatch);
    expect(p.fallback).toBe('review');
    expect(p.latencyBudgetMs).toBe(50);
  });

  it('accepts approve as fallback only when written explicitly', () => {
    const p = compile([rule('a', 'true', 'approve')], firstMatch, {
      fallback: 'approve',
      latency_budget_ms: 120,
    });
    expect(p.fallback).toBe('approve');
    expect(p.latencyBudgetMs).toBe(120);
  });

  it('exposes features with windows in ms, defaulting events to the policy event type', () => {
    const p = compile([rule('a', 'true', 'approve')], firstMatch);
    expect(p.features).toEqual([
      {
        name: 'apps_1h',
        key: ['device_id'],
        aggregate: 'count',
        windowMs: 3_600_000,
        includeCurrent: true,
        events: ['loan_application'],
      },
    ]);
  });
});
