import { describe, expect, it } from 'vitest';
import { ruleInput } from './fixtures.js';
import { compileInputPath, fieldPath, numericInput, ownField } from './input-path.js';

function read(path: string, parts: Parameters<typeof ruleInput>[0]): unknown {
  const compiled = compileInputPath(path);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.read(ruleInput(parts));
}

describe('input paths', () => {
  it('read features, subject, models and nested data', () => {
    const parts = {
      features: { tx_count_1h: 3 },
      subject: { device_id: 'd1' },
      models: { fraud_lr: 0.2 },
      data: { amount: 10, applicant: { age: 31, address: { city: 'Shanghai' } }, items: [{ price: 5 }] },
    };
    expect(read('features.tx_count_1h', parts)).toBe(3);
    expect(read('subject.device_id', parts)).toBe('d1');
    expect(read('models.fraud_lr', parts)).toBe(0.2);
    expect(read('data.amount', parts)).toBe(10);
    expect(read('data.applicant.age', parts)).toBe(31);
    expect(read('data.applicant.address.city', parts)).toBe('Shanghai');
    expect(read('data.items.0.price', parts)).toBe(5);
    expect(read('data.applicant.salary', parts)).toBeUndefined();
    expect(read('data.amount.value', parts)).toBeUndefined();
  });

  it('refuse prototype names, other roots and malformed paths at creation', () => {
    for (const path of [
      'data.__proto__',
      'data.a.__proto__',
      'data.constructor',
      'data.prototype',
      'features.__proto__',
    ]) {
      const compiled = compileInputPath(path);
      expect(compiled.ok, path).toBe(false);
      if (!compiled.ok) expect(compiled.message).toMatch(/own fields/);
    }
    for (const path of [
      '',
      'amount',
      'event.type',
      'data',
      'data.',
      'data..x',
      'features.a.b',
      'subject.a.b',
      'data.a b',
      'data.a.b.c.d.e.f.g.h.i',
    ]) {
      expect(compileInputPath(path).ok, path).toBe(false);
    }
    expect(compileInputPath(42).ok).toBe(false);
  });

  it('never read inherited members, even from a polluted Object.prototype', () => {
    expect(read('data.toString', { data: {} })).toBeUndefined();
    expect(read('data.x', { data: Object.create({ x: 5 }) })).toBeUndefined();
    expect(read('data.a.x', { data: { a: Object.create({ x: 5 }) } })).toBeUndefined();
    expect(read('data.items.map', { data: { items: [1] } })).toBeUndefined();
    expect(read('data.x', { data: Object.assign(Object.create(null), { x: 4 }) })).toBe(4);
    const proto = Object.prototype as Record<string, unknown>;
    proto['polluted'] = 666;
    try {
      expect(read('data.polluted', { data: {} })).toBeUndefined();
      expect(read('features.polluted', {})).toBeUndefined();
      expect(read('data.polluted', { data: { polluted: 1 } })).toBe(1);
      expect(ownField({}, 'polluted')).toBeUndefined();
    } finally {
      delete proto['polluted'];
    }
  });

  it('apply the missing policy to absent and non-numeric values', () => {
    const compiled = compileInputPath('data.amount');
    if (!compiled.ok) throw new Error(compiled.message);
    const strict = numericInput('data.amount', compiled.read, 'error');
    expect(strict(ruleInput({ data: { amount: 7 } }))).toBe(7);
    expect(() => strict(ruleInput())).toThrow(/input data\.amount is missing/);
    expect(() => strict(ruleInput({ data: { amount: '7' } }))).toThrow(
      /data\.amount is a string, not a finite number/,
    );
    expect(() => strict(ruleInput({ data: { amount: null } }))).toThrow(/is null/);
    expect(() => strict(ruleInput({ data: { amount: Number.NaN } }))).toThrow(/is NaN/);
    const zero = numericInput('data.amount', compiled.read, 'zero');
    expect(zero(ruleInput())).toBe(0);
    expect(zero(ruleInput({ data: { amount: true } }))).toBe(0);
    const fixed = numericInput('data.amount', compiled.read, -1);
    expect(fixed(ruleInput({ data: { amount: [1] } }))).toBe(-1);
    expect(fixed(ruleInput({ data: { amount: 2.5 } }))).toBe(2.5);
  });

  it('name fields the way the policy reads them', () => {
    expect(fieldPath('models[0]', 'intercept')).toBe('models[0].intercept');
    expect(fieldPath('models[0].coefficients', 'data.amount')).toBe('models[0].coefficients["data.amount"]');
    expect(fieldPath('card.bins', 2)).toBe('card.bins[2]');
    expect(fieldPath('', 'checksum')).toBe('checksum');
  });
});
