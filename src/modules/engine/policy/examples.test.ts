import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_EVENT_TYPES, SUBJECT_KEYS } from '../events/builtin.js';
import { createModel } from '../models/index.js';
import { compilePolicy } from './compile.js';
import { listFns, loanInput } from './fixtures.js';
import { parsePolicySource } from './parse.js';

const DIR = join(import.meta.dirname, '../../../../examples/policies');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const LISTS = ['blacklist_id', 'blacklist_phone', 'blacklist_device', 'blacklist_card', 'datacenter_ranges'];

function compileExample(file: string) {
  const parsed = parsePolicySource(readFileSync(join(DIR, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  const type = BUILTIN_EVENT_TYPES[parsed.document.event_type as keyof typeof BUILTIN_EVENT_TYPES];
  const compiled = compilePolicy(parsed.document, {
    version: 1,
    dataSchema: type.data as unknown as Record<string, unknown>,
    subjectKeys: SUBJECT_KEYS,
    knownLists: LISTS,
    createModel,
  });
  if (!compiled.ok) throw new Error(`${file}: ${JSON.stringify(compiled.problems)}`);
  return { document: parsed.document, policy: compiled.policy };
}

/** The examples compile with the real model factory, so their model declarations are checked too. */
describe('example policies', () => {
  it('include the three built-in event types', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['loan_application.yaml', 'login.yaml', 'withdrawal.yaml']),
    );
  });

  it.each(files)('%s parses and compiles, bilingual throughout', (file) => {
    const { document, policy } = compileExample(file);
    expect(policy.ruleIds.length).toBe(document.rules.length);
    expect(policy.fallback).toBe('review');
    for (const r of document.rules) {
      expect(r.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description.en).toMatch(/[a-z]/);
    }
  });

  it('the loan policy rejects a device-sharing ring and a blacklisted ID whatever the score', () => {
    const { policy } = compileExample('loan_application.yaml');
    const features = {
      apps_per_device_1h: 1,
      apps_per_id_24h: 1,
      apps_per_ip_1h: 1,
      users_per_device_7d: 6,
      ids_per_phone_30d: 1,
      amount_per_user_24h: 3000,
      max_dpd_per_user_180d: 0,
      profile_changes_per_user_24h: 0,
    };
    const ring = policy.evaluate(loanInput({ features, models: { credit_lr: 0.1 } }), listFns());
    expect(ring.outcome).toBe('reject');
    expect(ring.rule_hits.map((h) => h.rule_id)).toEqual(['R010_device_ring']);
    expect(ring.rule_hits[0]?.values).toEqual({ 'features.users_per_device_7d': 6 });
    const calm = { ...features, users_per_device_7d: 1 };
    const ok = policy.evaluate(loanInput({ features: calm, models: { credit_lr: 0.1 } }), listFns());
    expect(ok).toMatchObject({ outcome: 'approve', score: 0, rule_errors: [] });
    const bl = policy.evaluate(
      loanInput({ features: calm, models: { credit_lr: 0.1 } }),
      listFns({ blacklist_id: ['a'.repeat(64)] }),
    );
    expect(bl.outcome).toBe('reject');
  });

  it('the transaction policy refuses a cash-out burst and sends a smaller burst or a fan-out to review', () => {
    const { policy } = compileExample('transaction.yaml');
    const input = (features: Record<string, number>, data: Record<string, unknown> = {}) => ({
      ...loanInput(),
      event: { type: 'transaction', id: 'evt-t', occurred_at: '2024-05-01T08:00:00Z' },
      data: { amount: 300, kind: 'transfer', ...data },
      features: { moves_10m: 1, moved_24h: 300, counterparties_1h: 1, ...features },
    });
    const burst = policy.evaluate(input({ moves_10m: 14 }), listFns());
    expect(burst.outcome).toBe('reject');
    expect(burst.rule_hits[0]?.rule_id).toBe('T010_cash_out_burst');
    expect(policy.evaluate(input({ moves_10m: 7 }), listFns()).outcome).toBe('review');
    const fanOut = policy.evaluate(input({ counterparties_1h: 6 }), listFns());
    expect(fanOut.rule_hits.map((h) => h.rule_id)).toEqual(['T012_fan_out']);
    expect(policy.evaluate(input({ counterparties_1h: 6 }, { kind: 'payment' }), listFns()).outcome).toBe(
      'approve',
    );
    expect(policy.evaluate(input({}), listFns())).toMatchObject({ outcome: 'approve', rule_errors: [] });
  });
});
