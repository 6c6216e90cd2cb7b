import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleInput } from '../contracts.js';
import { BUILTIN_EVENT_TYPES, SUBJECT_KEYS } from '../events/builtin.js';
import { compilePolicy } from './compile.js';
import { fakeCreateModel, listFns } from './fixtures.js';
import { parsePolicySource } from './parse.js';

/**
 * A policy runs its rules as emitted JavaScript when the input is made of plain objects, and as
 * closure trees (an own-property test on every read) otherwise. Both must decide identically; an
 * input with a foreign prototype, or a polluted Object.prototype, must take the checked path.
 */
const text = readFileSync(
  join(import.meta.dirname, '../../../../examples/policies/loan_application.yaml'),
  'utf8',
);
const parsed = parsePolicySource(text);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const compiled = compilePolicy(parsed.document, {
  version: 1,
  dataSchema: BUILTIN_EVENT_TYPES.loan_application.data as unknown as Record<string, unknown>,
  subjectKeys: SUBJECT_KEYS,
  knownLists: ['blacklist_id', 'blacklist_phone', 'blacklist_device', 'datacenter_ranges'],
  createModel: fakeCreateModel,
});
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const policy = compiled.policy;
const fns = listFns({ blacklist_id: ['bad'], datacenter_ranges: ['10.'] });

const FEATURES = policy.features.map((f) => f.name);
const count = fc.oneof(fc.integer({ min: 0, max: 8 }).map(Number), fc.constant(Number.NaN));
const inputArb = fc
  .record({
    features: fc.dictionary(
      fc.constantFrom(...FEATURES),
      fc.oneof(count, fc.double({ min: 0, max: 5e5, noNaN: true })),
    ),
    amount: fc.oneof(fc.double({ min: 0, max: 5e5, noNaN: true }), fc.constant('oops')),
    income: fc.option(fc.double({ min: 0, max: 5e4, noNaN: true }), { nil: undefined }),
    id: fc.constantFrom('bad', 'good'),
    ip: fc.option(fc.constantFrom('10.0.0.1', '8.8.8.8'), { nil: undefined }),
    model: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  })
  .map(
    (r): RuleInput => ({
      event: { type: 'loan_application', id: 'e', occurred_at: '2024-01-01T00:00:00Z' },
      subject: { user_id: 'u', id_number: r.id, ...(r.ip ? { ip: r.ip } : {}) },
      data: {
        amount: r.amount,
        term_months: 12,
        ...(r.income === undefined ? {} : { monthly_income: r.income }),
      },
      features: r.features,
      models: r.model === undefined ? {} : { credit_lr: r.model },
    }),
  );

/** The same input whose objects have a foreign prototype: the guard refuses it. */
function foreign(input: RuleInput): RuleInput {
  const wrap = <T extends object>(o: T): T => Object.assign(Object.create({ inherited: 1 }), o);
  return { ...input, features: wrap(input.features), data: wrap(input.data), subject: wrap(input.subject) };
}

describe('emitted and checked evaluation', () => {
  it('decide identically on random inputs', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(policy.evaluate(foreign(input), fns)).toEqual(policy.evaluate(input, fns));
      }),
      { numRuns: 2000 },
    );
  });

  it('never read a polluted Object.prototype as a feature', () => {
    const input: RuleInput = {
      event: { type: 'loan_application', id: 'e', occurred_at: '2024-01-01T00:00:00Z' },
      subject: { user_id: 'u' },
      data: { amount: 100, term_months: 12 },
      features: {},
      models: {},
    };
    const before = policy.evaluate(input, fns);
    const proto = Object.prototype as Record<string, unknown>;
    proto['users_per_device_7d'] = 99;
    try {
      expect(policy.evaluate(input, fns)).toEqual(before);
      expect(before.rule_errors.map((e) => e.rule_id)).toContain('R010_device_ring');
    } finally {
      delete proto['users_per_device_7d'];
    }
  });
});
