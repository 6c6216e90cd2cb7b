import { describe, expect, it } from 'vitest';
import type { CelEnvironment, RuleInput, RuntimeFunctions } from '../contracts.js';
import { BUILTIN_EVENT_TYPES, SUBJECT_KEYS } from '../events/builtin.js';
import { compileExpression } from './compile.js';
import { CelEvalError } from './errors.js';

const env: CelEnvironment = {
  features: ['apps_1h', 'devices_24h', 'avg_amount'],
  models: ['credit'],
  lists: ['blacklist_id', 'datacenter_ranges'],
  subjectKeys: SUBJECT_KEYS,
  dataSchema: BUILTIN_EVENT_TYPES.loan_application.data as unknown as Record<string, unknown>,
};

const input: RuleInput = {
  event: { type: 'loan_application', id: 'evt-1', occurred_at: '2024-05-01T08:00:00Z' },
  subject: { user_id: 'u-1', ip: '10.1.2.3', id_number: 'f'.repeat(64) },
  data: {
    amount: 5000,
    term_months: 12,
    channel: 'app',
    tags: ['new', 'vip'],
    extra: { score: 7 },
    nothing: null,
  },
  features: { apps_1h: 3, devices_24h: 1 },
  models: { credit: 0.82 },
};

const fns: RuntimeFunctions = {
  inList: (name, value) => name === 'blacklist_id' && value === 'f'.repeat(64),
  ipIn: (name, ip) => name === 'datacenter_ranges' && ip.startsWith('10.'),
};

const run = (source: string, i: RuleInput = input): unknown =>
  compileExpression(source, env).evaluate(i, fns);
const fails = (source: string, message: RegExp, i: RuleInput = input): void => {
  expect(() => run(source, i)).toThrow(CelEvalError);
  expect(() => run(source, i)).toThrow(message);
};

describe('arithmetic and comparison', () => {
  it('computes doubles, ints and strings like CEL', () => {
    expect(run('features.apps_1h * 2.0 + 1.0')).toBe(7);
    expect(run('7 / 2')).toBe(3n);
    expect(run('-7 / 2')).toBe(-3n);
    expect(run('-7 % 3')).toBe(-1n);
    expect(run('"风" + "控"')).toBe('风控');
    expect(run('[1] + [2]')).toEqual([1n, 2n]);
    expect(run('features.apps_1h > 2')).toBe(true); // double against int literal: ordering is cross-type
    expect(run('data.amount >= 5000.0 && data.amount <= 5000.0')).toBe(true);
    expect(run('"a" < "b" && true > false')).toBe(true);
    expect(run('-(-0.0) == 0.0 && -(-2.5) == 2.5')).toBe(true);
  });

  it('makes int overflow, division and modulo by zero errors', () => {
    fails('9223372036854775807 + 1', /overflow/);
    fails('-9223372036854775807 - 2', /overflow/);
    fails('-(-9223372036854775807 - 1)', /overflow/);
    fails('1 / (features.apps_1h > 0.0 ? 0 : 1)', /division by zero/);
    fails('5 % 0', /modulus by zero/);
  });

  it('makes double division by zero an error instead of Infinity (a rule must not fire on it)', () => {
    fails('data.amount / (features.apps_1h - 3.0) > 100.0', /division by zero/);
  });

  it('refuses numeric equality across int and double at compile time with a hint', () => {
    expect(() => compileExpression('data.term_months == 12', env)).toThrow(/write 1\.0 rather than 1/);
    expect(run('data.term_months == 12.0')).toBe(true);
  });

  it('compares dyn values with heterogeneous equality', () => {
    expect(run('data.extra.score == 7')).toBe(true);
    expect(run('data.extra.score == "7"')).toBe(false);
    expect(run('data.nothing == null')).toBe(true);
    fails('data.extra.score + 1', /no such overload/);
  });
});

describe('logical operators absorb errors as CEL does', () => {
  it('false && error is false, true || error is true, in either order', () => {
    expect(run('features.devices_24h > 5.0 && features.avg_amount > 1.0')).toBe(false);
    expect(run('features.avg_amount > 1.0 && false')).toBe(false);
    expect(run('features.avg_amount > 1.0 || true')).toBe(true);
    expect(run('true || features.avg_amount > 1.0')).toBe(true);
  });

  it('true && error and false || error stay errors', () => {
    fails('true && features.avg_amount > 1.0', /no such key: features.avg_amount/);
    fails('features.avg_amount > 1.0 || false', /no such key/);
  });

  it('negation and the conditional require bools', () => {
    expect(run('!(features.apps_1h > 5.0) ? "low" : "high"')).toBe('low');
    fails('data.extra.score ? 1 : 2', /no such overload/);
  });
});

describe('field access, has() and membership', () => {
  it('reads fields by own property and reports a missing key as an error', () => {
    expect(run('subject.ip')).toBe('10.1.2.3');
    expect(run('data["amount"]')).toBe(5000);
    fails('subject.device_id == "d"', /no such key: subject.device_id/);
    fails('data.extra.other', /no such key: other/);
    fails('data.tags[2]', /index out of range/);
  });

  it('tests presence with has() without failing', () => {
    expect(run('has(features.avg_amount)')).toBe(false);
    expect(run('has(features.apps_1h)')).toBe(true);
    expect(run('has(subject.device_id) && subject.device_id == "x"')).toBe(false);
    expect(run('has(data.extra.score)')).toBe(true);
  });

  it('finds values in lists and keys in maps', () => {
    expect(run('data.channel in ["app", "h5"]')).toBe(true);
    expect(run('"score" in data.extra')).toBe(true);
    expect(run('"vip" in data.tags')).toBe(true);
    expect(run('3 in [1, 2]')).toBe(false);
    expect(run('{"a": 1, "b": 2}["b"]')).toBe(2n);
    fails('{"a": 1, "a": 2}["a"] == 1', /repeated key/);
  });
});

describe('functions', () => {
  it('implements the string functions and size over code points', () => {
    expect(
      run('data.channel.startsWith("ap") && data.channel.endsWith("p") && data.channel.contains("pp")'),
    ).toBe(true);
    expect(run('size("风控😀")')).toBe(3n);
    expect(run('data.tags.size()')).toBe(2n);
    expect(run('size(data.extra)')).toBe(1n);
    expect(run('subject.ip.matches("^10\\\\.[0-9]+\\\\.")')).toBe(true);
  });

  it('converts with int(), double() and string()', () => {
    expect(run('int(data.amount) + 1')).toBe(5001n);
    expect(run('int(-2.7)')).toBe(-2n);
    expect(run('double(3) + 0.5')).toBe(3.5);
    expect(run('string(12) + string(2.5) + string(true)')).toBe('122.5true');
    expect(run('int("42")')).toBe(42n);
    fails('int("4x")', /cannot convert/);
    fails('int(1e19)', /overflow/);
  });

  it('calls the bound list functions with the declared list name', () => {
    expect(run("in_list('blacklist_id', subject.id_number)")).toBe(true);
    expect(run("ip_in('datacenter_ranges', subject.ip)")).toBe(true);
  });

  it('runs comprehensions with CEL error absorption and a size cap', () => {
    expect(run('data.tags.exists(t, t == "vip")')).toBe(true);
    expect(run('data.tags.all(t, t.size() >= 3)')).toBe(true);
    expect(run('data.tags.exists_one(t, t.startsWith("n"))')).toBe(true);
    expect(run('data.tags.filter(t, t != "new")')).toEqual(['vip']);
    expect(run('[1, 2, 3].map(x, x * 2)')).toEqual([2n, 4n, 6n]);
    expect(run('[1, 2, 3].map(x, x > 1, x * 10)')).toEqual([20n, 30n]);
    expect(run('[0, 1].exists(x, 1 / x == 1)')).toBe(true); // the error on 0 is absorbed
    expect(run('[0, 1].all(x, 1 / x == 5)')).toBe(false);
    fails('[0, 1].all(x, 1 / x == 1)', /division by zero/);
    const big = { ...input, data: { ...input.data, tags: Array.from({ length: 1001 }, (_, n) => `t${n}`) } };
    fails('data.tags.exists(t, t == "x")', /at most 1000/, big);
  });
});

describe('compiled result', () => {
  it('reports the checker type and the static paths read', () => {
    const c = compileExpression(
      'features.apps_1h > 3.0 && data.amount > 100.0 && has(subject.device_id) && models.credit < 0.5',
      env,
    );
    expect(c.type).toBe('bool');
    expect(c.reads).toEqual(['features.apps_1h', 'data.amount', 'subject.device_id', 'models.credit']);
    expect(compileExpression('data.amount * 2.0', env).type).toBe('double');
  });

  it('never reads the prototype of an input object', () => {
    const proto = { ...input, data: Object.assign(Object.create({ inherited: 1 }), input.data) };
    fails('data.inherited == 1', /no such key/, proto);
  });
});
