import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFormula, type FormulaNode, formatFormula, parseFormula } from './formula.js';

const values: Record<string, number | null> = {
  'credit.npl_ratio': 0.02,
  'credit.overdue_rate': 0.05,
  liq_cash: 120,
  liq_outflow: 100,
  missing: null,
};
const lookup = (id: string) => values[id] ?? null;

function evaluate(source: string): number | null {
  const parsed = parseFormula(source);
  if (!parsed.ok) throw new Error(parsed.message.en);
  return evaluateFormula(parsed.tree, lookup);
}

describe('KRI formulas', () => {
  it('follows the usual precedence and reads KRI ids with dots', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) × 3')).toBe(9);
    expect(evaluate('8 ÷ 4 ÷ 2')).toBe(1);
    expect(evaluate('10 − 4 - 3')).toBe(3);
    expect(evaluate('-2 * -3')).toBe(6);
    expect(evaluate('liq_cash / liq_outflow')).toBeCloseTo(1.2);
    expect(evaluate('credit.npl_ratio / credit.overdue_rate * 100')).toBeCloseTo(40);
    expect(evaluate('max(credit.npl_ratio, 0.03, 0.01)')).toBe(0.03);
    expect(evaluate('min(liq_cash, liq_outflow) + abs(-1.5e1)')).toBe(115);
  });

  it('lists the KRIs a formula reads, once each', () => {
    const parsed = parseFormula('liq_cash / max(liq_outflow, 1) - liq_cash');
    expect(parsed).toMatchObject({ ok: true, refs: ['liq_cash', 'liq_outflow'] });
  });

  it('has no value when an input is missing, on division by zero, or when the result is not finite', () => {
    expect(evaluate('missing + 1')).toBeNull();
    expect(evaluate('liq_cash / (liq_outflow - 100)')).toBeNull();
    expect(evaluate('1e308 * 10')).toBeNull();
  });

  it('says where a formula is wrong, in both languages', () => {
    for (const [source, where] of [
      ['1 +', 3],
      ['(1 + 2', 6],
      ['sqrt(4)', 0],
      ['abs(1, 2)', 9],
      ['1 $ 2', 2],
      ['2 3', 2],
      ['', 0],
    ] as const) {
      const parsed = parseFormula(source);
      expect(parsed.ok, source).toBe(false);
      if (!parsed.ok) {
        expect(parsed.position, source).toBe(where);
        expect(parsed.message.zh.length).toBeGreaterThan(0);
      }
    }
    expect(parseFormula(`${'('.repeat(40)}1${')'.repeat(40)}`).ok).toBe(false);
    expect(parseFormula('1+'.repeat(300)).ok).toBe(false);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        parseFormula(text);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[-+*/×÷()a-z0-9., ]{0,60}$/), (text) => {
        const parsed = parseFormula(text);
        if (parsed.ok) evaluateFormula(parsed.tree, () => 1);
      }),
    );
  });

  it('reads back what it writes, with the same value', () => {
    const leaf: fc.Arbitrary<FormulaNode> = fc.oneof(
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((value) => ({ kind: 'num' as const, value })),
      fc
        .constantFrom('liq_cash', 'liq_outflow', 'credit.npl_ratio')
        .map((id) => ({ kind: 'ref' as const, id })),
    );
    const tree = fc.letrec<{ node: FormulaNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        tie('node').map((arg) => ({ kind: 'neg' as const, arg })),
        fc
          .tuple(fc.constantFrom('+', '-', '*', '/' as const), tie('node'), tie('node'))
          .map(([op, left, right]) => ({ kind: 'bin' as const, op, left, right })),
        fc
          .tuple(
            fc.constantFrom('min', 'max' as const),
            fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
          )
          .map(([fn, args]) => ({ kind: 'call' as const, fn, args })),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (node) => {
        const text = formatFormula(node);
        fc.pre(text.length <= 500);
        const parsed = parseFormula(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(evaluateFormula(parsed.tree, lookup)).toBe(evaluateFormula(node, lookup));
      }),
    );
  });
});
