import { describe, expect, it } from 'vitest';
import { diffPolicies } from './diff.js';
import type { PolicyDocument } from './document.js';
import { LOAN_YAML } from './fixtures.js';
import { normalisePolicy } from './normalise.js';
import { parsePolicySource } from './parse.js';

function loanDocument(): PolicyDocument {
  const r = parsePolicySource(LOAN_YAML);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return structuredClone(r.document);
}

describe('normalisePolicy', () => {
  it('writes windows in ms and every default, and is a valid document that normalises to itself', () => {
    const n = normalisePolicy(loanDocument());
    expect(n.features?.[0]).toEqual({
      name: 'apps_1h',
      key: ['device_id'],
      aggregate: 'count',
      window_ms: 3_600_000,
      include_current: true,
      events: ['loan_application'],
    });
    expect(n.rules[0]?.priority).toBe(100);
    expect(n.rules[1]?.priority).toBe(0);
    expect(n.fallback).toBe('review');
    expect(n.latency_budget_ms).toBe(50);
    const again = parsePolicySource(JSON.stringify(n), 'json');
    expect(again.ok && normalisePolicy(again.document)).toEqual(n);
  });

  it('keeps an explicit approve fallback and never invents one', () => {
    expect(normalisePolicy({ ...loanDocument(), fallback: 'approve' }).fallback).toBe('approve');
    expect(normalisePolicy(loanDocument()).fallback).toBe('review');
  });
});

describe('diffPolicies', () => {
  it('finds nothing between a document and its normal form', () => {
    const a = loanDocument();
    expect(diffPolicies(a, normalisePolicy(a))).toEqual([]);
  });

  it('lists rules added, removed and changed by id, features, lists, order, outcome and fallback', () => {
    const a = loanDocument();
    const b = loanDocument();
    b.rules = b.rules.filter((r) => r.id !== 'R004_vip');
    (b.rules[1] as { when: string }).when = 'features.apps_1h >= 3';
    (b.rules[2] as { priority?: number }).priority = 200;
    b.rules.push({
      id: 'R005_night',
      description: { en: 'Night', zh: '夜间' },
      when: 'true',
      action: 'review',
    });
    (b.features?.[0] as { window: string }).window = '2h';
    b.lists = ['blacklist_id'];
    b.outcome = { mode: 'first_match', default: 'review' };
    b.fallback = 'reject';
    const changes = diffPolicies(a, b);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'changed features.apps_1h.window_ms',
      'removed lists.vip_users',
      'removed rules.R004_vip',
      'changed rules.R002_burst.when',
      'changed rules.R003_big_amount.priority',
      'added rules.R005_night',
      'changed rules',
      'changed outcome.default',
      'changed fallback',
    ]);
    const when = changes.find((c) => c.path === 'rules.R002_burst.when');
    expect(when).toMatchObject({ before: 'features.apps_1h >= 5', after: 'features.apps_1h >= 3' });
    expect(when?.summary.zh).toBe('规则 R002_burst：when 已修改');
    expect(changes.find((c) => c.path === 'rules')).toMatchObject({
      before: ['R001_blacklisted', 'R002_burst', 'R003_big_amount'],
      after: ['R003_big_amount', 'R001_blacklisted', 'R002_burst'],
    });
  });
});
