import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CelEnvironment, RuleInput, RuntimeFunctions } from '../contracts.js';
import { checkerEnvironment } from './checker.js';
import { compileExpression } from './compile.js';

/**
 * The compiled closures against the straightforward interpretation: cel-js's own interpreter, run on
 * the same type environment, for random well-typed expressions from a grammar and random inputs.
 * Both evaluation paths (closures and the emitted function) must give the same value as cel-js, or
 * all an error. The grammar keeps away from the documented
 * deviations: double division by zero (an error here, IEEE Infinity in CEL), and two cel-js gaps
 * where this compiler follows the CEL specification: int() of doubles beyond 64 bits and unary minus
 * of the smallest int are overflow errors (cel-js returns an out-of-range int); compile.test.ts
 * covers those cases.
 */

const env: CelEnvironment = {
  features: ['f1', 'f2', 'f3'],
  models: ['m'],
  lists: ['bl', 'dc'],
  subjectKeys: ['user_id', 'ip'],
  dataSchema: {
    type: 'object',
    properties: { amount: { type: 'number' }, flag: { type: 'boolean' }, kind: { type: 'string' } },
    additionalProperties: true,
  },
};

const BL = new Set(['u1', 'u3']);
const fns: RuntimeFunctions = {
  inList: (name, v) => name === 'bl' && BL.has(v),
  ipIn: (name, ip) => name === 'dc' && ip.startsWith('10.'),
};

const dbl = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, 1e6, -3.25, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -100, max: 100 }),
);
const str = fc.constantFrom(
  '',
  'a',
  'ab',
  'abc',
  'u1',
  'u2',
  'u3',
  '10.0.0.1',
  '8.8.8.8',
  '日本',
  '😀x',
  'B',
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 4 });
const strip = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const inputArb: fc.Arbitrary<RuleInput> = fc
  .record({
    f1: maybe(dbl),
    f2: maybe(dbl),
    f3: dbl,
    m: dbl,
    user_id: maybe(str),
    ip: maybe(str),
    amount: maybe(dbl),
    flag: maybe(fc.boolean()),
    kind: str,
    n: maybe(fc.oneof(dbl, str, fc.boolean())),
    s: maybe(str),
    tags: maybe(fc.array(str, { maxLength: 5 })),
    nums: maybe(fc.array(dbl, { maxLength: 5 })),
  })
  .map((r) => ({
    event: { type: 'loan_application', id: 'e1', occurred_at: '2024-01-01T00:00:00Z' },
    subject: strip({ user_id: r.user_id, ip: r.ip }) as Record<string, string>,
    data: strip({ amount: r.amount, flag: r.flag, kind: r.kind, n: r.n, s: r.s, tags: r.tags, nums: r.nums }),
    features: strip({ f1: r.f1, f2: r.f2, f3: r.f3 }) as Record<string, number>,
    models: { m: r.m },
  }));

const lit = (v: string) => JSON.stringify(v);
const bin = (op: string) => (t: [string, string]) => `(${t[0]} ${op} ${t[1]})`;

const { bool } = fc.letrec<{ bool: string; double: string; int: string; string: string; leafDouble: string }>(
  (tie) => ({
    leafDouble: fc.oneof(
      fc.constantFrom(
        'features.f1',
        'features.f2',
        'features.f3',
        'models.m',
        'data.amount',
        'features["f3"]',
      ),
      fc.constantFrom('0.0', '1.5', '-2.0', '100.0', '1e3', '0.25'),
    ),
    double: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leafDouble'),
      tie('leafDouble'),
      fc
        .tuple(tie('double'), tie('double'), fc.constantFrom('+', '-', '*'))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('double'), fc.constantFrom('2.0', '-0.5', '4.0')).map(([a, b]) => `(${a} / ${b})`),
      tie('int').map((i) => `double(${i})`),
      tie('double').map((d) => `-(${d})`),
      fc.tuple(tie('bool'), tie('double'), tie('double')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    ),
    int: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('0', '1', '-7', '42', '9223372036854775807', '-9223372036854775807', '3'),
      tie('string').map((s) => `size(${s})`),
      fc.constantFrom('size(data.tags)', 'data.tags.size()', 'size(subject)'.replace('subject', 'data.tags')),
      tie('leafDouble').map((d) => `int(${d})`),
      fc
        .tuple(tie('int'), tie('int'), fc.constantFrom('+', '-', '*', '/', '%'))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc.constantFrom('1', '42', '9223372036854775807').map((i) => `-(${i})`),
      fc.tuple(tie('bool'), tie('int'), tie('int')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    ),
    string: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str.map(lit),
      fc.constantFrom('subject.user_id', 'subject.ip', 'data.kind', 'event.type'),
      fc.tuple(tie('string'), tie('string')).map(bin('+')),
      tie('int').map((i) => `string(${i})`),
      tie('leafDouble').map((d) => `string(${d})`),
    ),
    bool: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('true', 'false', 'data.flag', 'has(features.f1)', 'has(subject.ip)', 'has(data.n)'),
      fc
        .tuple(tie('double'), tie('double'), fc.constantFrom('<', '<=', '>', '>=', '==', '!='))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc
        .tuple(tie('double'), tie('int'), fc.constantFrom('<', '<=', '>', '>='))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc
        .tuple(tie('int'), tie('int'), fc.constantFrom('<', '==', '!=', '>='))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc
        .tuple(tie('string'), tie('string'), fc.constantFrom('==', '!=', '<', '>='))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('bool'), tie('bool')).map(bin('&&')),
      fc.tuple(tie('bool'), tie('bool')).map(bin('||')),
      fc
        .tuple(tie('bool'), tie('bool'), fc.constantFrom('==', '!='))
        .map(([a, b, op]) => `(${a} ${op} ${b})`),
      tie('bool').map((b) => `!(${b})`),
      fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc
        .tuple(tie('string'), tie('string'), fc.constantFrom('startsWith', 'endsWith', 'contains'))
        .map(([a, b, m]) => `${a}.${m}(${b})`),
      tie('string').map((s) => `in_list('bl', ${s})`),
      tie('string').map((s) => `ip_in('dc', ${s})`),
      tie('string').map((s) => `(${s} in ["a", "u1", "日本"])`),
      tie('int').map((i) => `(${i} in [1, 3, 42])`),
      tie('double').map((d) => `(${d} in [0.0, 1.5, 100.0])`),
      fc
        .tuple(tie('string'), fc.constantFrom('^a', 'b+c$', '[0-9]{2,3}', 'x|B', '^(u|U)[0-9]$'))
        .map(([s, re]) => `${s}.matches(${lit(re)})`),
      fc
        .constantFrom(
          'data.tags.exists(t, t == "a")',
          'data.tags.all(t, t.size() < 3)',
          'data.tags.exists_one(t, t.startsWith("u"))',
          'data.nums.all(x, x > 0.0)',
          'data.nums.exists(x, 10 / int(x) > 1)',
          'data.nums.all(x, 10 / int(x) < 5)',
          'data.tags.filter(t, t != "a").size() > 1',
          'data.nums.map(x, x * 2.0).exists(y, y > 3.0)',
          'size(data.tags.map(t, t.size() > 1, t)) == 2',
          'data.n > 1',
          'data.n == "a"',
          'data.n == 1.5',
          'data.n',
          '(data.n + 1.0) > 2.0',
          'data.s.startsWith("a")',
          'data.n in data.tags',
          '{"a": features.f1, "b": 2.0}["a"] > 0.0',
          '{"a": 1}.a == 1',
          '[features.f1, features.f3][1] > 0.0',
        )
        .map((e) => `(${e})`),
    ),
  }),
);

function run(f: () => unknown): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: f() };
  } catch {
    return { ok: false };
  }
}

describe('compiled CEL agrees with the cel-js interpreter', () => {
  const oracle = checkerEnvironment(env, ['n', 's', 'tags', 'nums'], fns);
  it('gives the same value, or an error in both, for random expressions and inputs', () => {
    fc.assert(
      fc.property(bool, inputArb, (source, input) => {
        const compiled = compileExpression(source, env);
        const theirs = run(() => oracle.evaluate(source, input));
        // Both evaluation paths: the closure tree (own-property test on each read) and the emitted
        // function (valid here: the generated inputs are plain objects).
        for (const path of ['closures', 'emitted'] as const) {
          const ours = run(() =>
            path === 'closures'
              ? compiled.evaluateChecked(input, fns)
              : compiled.evaluateUnguarded(input, fns),
          );
          expect({ source, path, ok: ours.ok }).toEqual({ source, path, ok: theirs.ok });
          if (ours.ok && theirs.ok) expect(ours.value).toEqual(theirs.value);
        }
      }),
      { numRuns: Number(process.env.CEL_RUNS ?? 3000) },
    );
  });
});
