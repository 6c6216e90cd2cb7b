import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CelEvalError } from './errors.js';
import { compileSafeRegex, MAX_INPUT } from './safe-regex.js';

const compile = (source: string) => {
  const r = compileSafeRegex(source);
  if (!r.ok) throw new Error(r.message);
  return r.regex;
};

/** Patterns over a small alphabet where RE2 and JavaScript RegExp agree on every construct used. */
const pattern = fc.letrec<{ re: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('a', 'b', 'c', '1', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c1]', '\\.', ' '),
    tie('re').map((r) => `(${r})`),
    tie('re').map((r) => `(?:${r})`),
  ),
  re: fc.oneof(
    { depthSize: 'small' },
    tie('atom'),
    fc
      .tuple(tie('atom'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?'))
      .map(([a, q]) => a + q),
    fc.array(tie('atom'), { minLength: 2, maxLength: 4 }).map((xs) => xs.join('')),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `${a}|${b}`),
    fc.tuple(fc.constantFrom('^', ''), tie('re'), fc.constantFrom('$', '')).map(([s, r, e]) => s + r + e),
  ),
}));
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '1', '.', ' ', '\n'), maxLength: 12 });

describe('safe regular expressions', () => {
  it('match exactly where a backtracking RegExp matches, for patterns where both define the same language', () => {
    fc.assert(
      fc.property(pattern.re, text, (source, s) => {
        expect(compile(source).test(s)).toBe(new RegExp(source).test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('stays linear on patterns that make backtracking engines explode', () => {
    const evil = compile('(a|a)*b');
    expect(evil.test('a'.repeat(10_000))).toBe(false);
    expect(compile('(a+)+$').test(`${'a'.repeat(10_000)}!`)).toBe(false);
    expect(compile('(a+)+!').test(`${'a'.repeat(10_000)}!`)).toBe(true);
    expect(compile('^(a+)+$').test(`${'a'.repeat(10_000)}!`)).toBe(false);
  });

  it('matches over code points and folds case with (?i)', () => {
    expect(compile('^.$').test('😀')).toBe(true);
    expect(compile('^[风控]+$').test('风控风')).toBe(true);
    expect(compile('(?i)^abc$').test('AbC')).toBe(true);
    expect(compile('^a.b$').test('a\nb')).toBe(false);
    expect(compile('(?s)^a.b$').test('a\nb')).toBe(true);
    expect(compile('^\\x41\\x{4E2D}$').test('A中')).toBe(true);
  });

  it('refuses back-references, look-around, word boundaries and oversized repeats by name', () => {
    const refused = (source: string) => {
      const r = compileSafeRegex(source);
      return r.ok ? 'accepted' : r.message;
    };
    expect(refused('(a)\\1')).toMatch(/back-references/);
    expect(refused('a(?=b)')).toMatch(/look-ahead/);
    expect(refused('(?<!a)b')).toMatch(/look-behind/);
    expect(refused('\\bword')).toMatch(/word boundaries/);
    expect(refused('\\p{Han}')).toMatch(/Unicode classes/);
    expect(refused('a{1001}')).toMatch(/at most 1000/);
    expect(refused('(a{1000}){1000}')).toMatch(/too large/);
    expect(refused('a(?i)b')).toMatch(/only at the start/);
    expect(refused('*a')).toMatch(/nothing to repeat/);
    expect(refused('(ab')).toMatch(/missing \)/);
    expect(refused('[a-')).toMatch(/missing \]/);
  });

  it('refuses input longer than the cap at run time', () => {
    expect(() => compile('a').test('b'.repeat(MAX_INPUT + 1))).toThrow(CelEvalError);
  });
});
