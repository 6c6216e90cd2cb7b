import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbDraft, arbInputFor, demoDraft, ruleInput } from './fixtures.js';
import { compileInputPath } from './input-path.js';
import {
  compileScorecard,
  DECISION_REASON_CODES,
  type ScorecardModel,
  type VariableScore,
} from './scorecard.js';
import { sealScorecard } from './scorecard-file.js';
import { rankReasons } from './scorecard-reasons.js';

const demo = (generate = true): ScorecardModel =>
  compileScorecard(sealScorecard(demoDraft()), 'app', { generate });

/** Scores of the demo card: base 500 + age + income + province + applications_30d. */
function scoreOf(data: Record<string, unknown>, applications?: number, generate = true): number {
  return demo(generate).score(
    ruleInput({ data, features: applications === undefined ? {} : { applications_30d: applications } }),
  );
}

describe('scorecard scoring', () => {
  it('adds base points and the points of each variable’s bin', () => {
    const data = { age: 40, applicant: { monthly_income: 9000 }, province: '44' };
    expect(scoreOf(data, 1)).toBe(500 + 45 + 50 + 35 + 40);
    expect(demo().explain?.(ruleInput({ data, features: { applications_30d: 1 } }))).toEqual({
      age: 45,
      income: 50,
      province: 35,
      applications_30d: 40,
    });
  });

  it('puts a value exactly on an edge in the bin that edge opens', () => {
    const rest = { applicant: { monthly_income: 3000 }, province: '11' };
    expect(scoreOf({ age: 25, ...rest }, 2)).toBe(500 + 30 + 25 + 35 + 22);
    expect(scoreOf({ age: 24.999999, ...rest }, 1.9999)).toBe(500 + 10 + 25 + 35 + 40);
    expect(scoreOf({ age: 35, applicant: { monthly_income: 8000 }, province: '11' }, 5)).toBe(
      500 + 45 + 50 + 35 + 2,
    );
    expect(
      scoreOf({ age: -1e300, applicant: { monthly_income: Number.POSITIVE_INFINITY }, province: '11' }, 0),
    ).toBe(500 + 10 + 50 + 35 + 40);
  });

  it('scores special values, missing values and NaN in their own bins', () => {
    // age −1 is the declared special value, not a value below 25.
    expect(scoreOf({ age: -1, applicant: {}, province: 'unknown' }, Number.NaN)).toBe(500 + 15 + 12 + 8 + 22);
    expect(scoreOf({ age: null, province: null })).toBe(500 + 18 + 12 + 25 + 22);
    expect(scoreOf({})).toBe(500 + 18 + 12 + 25 + 22);
  });

  it('gives an unseen category the else points, and looks numbers up by their JSON text', () => {
    expect(scoreOf({ age: 30, province: '99' }, 0)).toBe(500 + 30 + 12 + 22 + 40);
    expect(scoreOf({ age: 30, province: 31 }, 0)).toBe(500 + 30 + 12 + 35 + 40);
    const draft = demoDraft();
    const province = draft.variables[2];
    if (province?.type !== 'categorical') throw new Error('fixture changed');
    const { else_points: _dropped, ...withoutElse } = province;
    draft.variables[2] = withoutElse;
    const strict = compileScorecard(sealScorecard(draft));
    expect(() => strict.score(ruleInput({ data: { province: '99' } }))).toThrow(
      /data\.province has the category "99", unseen in training, and the card has no else_points/,
    );
  });

  it('refuses values of the wrong type with a message naming the input', () => {
    for (const generate of [true, false]) {
      expect(() => scoreOf({ age: '30' }, 0, generate)).toThrow(/input data\.age is a string, not a number/);
      expect(() => scoreOf({ age: 30, province: { code: 11 } }, 0, generate)).toThrow(
        /data\.province is an object/,
      );
    }
  });

  it('never reads inherited members', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['age'] = 40;
    try {
      for (const generate of [true, false]) {
        expect(scoreOf({ province: '11' }, 0, generate)).toBe(500 + 18 + 12 + 35 + 40);
        expect(scoreOf(Object.create({ age: 40 }), 0, generate)).toBe(500 + 18 + 12 + 25 + 40);
      }
    } finally {
      delete proto['age'];
    }
  });

  it('gives the same scores from generated code and from closures on random cards and inputs', () => {
    fc.assert(
      fc.property(
        arbDraft.chain((draft) =>
          fc.tuple(fc.constant(draft), fc.array(arbInputFor(draft), { minLength: 1 })),
        ),
        ([draft, inputs]) => {
          const card = sealScorecard(draft);
          const generated = compileScorecard(card, 'g');
          const closures = compileScorecard(card, 'c', { generate: false });
          for (const input of inputs) {
            let expected: number | Error;
            try {
              expected = closures.score(input);
            } catch (error) {
              expected = error as Error;
            }
            if (expected instanceof Error) expect(() => generated.score(input)).toThrow(expected.message);
            else {
              expect(generated.score(input)).toBe(expected);
              const parts = generated.explain?.(input) ?? {};
              const sum = card.variables.reduce(
                (total, v) => total + (parts[v.name] as number),
                card.base_points,
              );
              expect(sum).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('scores columns in batch exactly as it scores each input, bins included', () => {
    fc.assert(
      fc.property(
        arbDraft.chain((draft) =>
          fc.tuple(fc.constant(draft), fc.array(arbInputFor(draft), { minLength: 1, maxLength: 20 })),
        ),
        ([draft, inputs]) => {
          const card = sealScorecard(draft);
          const model = compileScorecard(card);
          const readers = card.variables.map((v) => {
            const compiled = compileInputPath(v.input);
            if (!compiled.ok) throw new Error(compiled.message);
            return compiled.read;
          });
          for (const input of inputs) {
            const columns = readers.map((read) => [read(input)]);
            let expected: number | Error;
            try {
              expected = model.score(input);
            } catch (error) {
              expected = error as Error;
            }
            if (expected instanceof Error) {
              expect(() => model.scoreColumns(columns, 1)).toThrow(expected.message);
              continue;
            }
            const batch = model.scoreColumns(columns, 1);
            expect(batch.scores[0]).toBe(expected);
            expect(batch.bins.map((b) => b[0])).toEqual(model.details(input).bins);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a decision the reasons and shortfalls of the ranked breakdown, on random cards and inputs', () => {
    fc.assert(
      fc.property(
        arbDraft.chain((draft) =>
          fc.tuple(fc.constant(draft), fc.array(arbInputFor(draft), { minLength: 1, maxLength: 20 })),
        ),
        ([draft, inputs]) => {
          const model = compileScorecard(sealScorecard(draft));
          for (const input of inputs) {
            let parts: readonly VariableScore[];
            try {
              parts = model.breakdown(input);
            } catch (error) {
              expect(() => model.details(input)).toThrow((error as Error).message);
              continue;
            }
            const details = model.details(input);
            const expected = rankReasons(parts, DECISION_REASON_CODES, 'en').map((r) => ({
              variable: r.variable,
              points: r.points,
              max_points: r.max_points,
              en: r.en,
              zh: r.zh,
            }));
            expect(details.reasons).toEqual(expected);
            expect(details.outputs).toEqual(
              Object.fromEntries(parts.map((p) => [p.variable.name, p.maxPoints - p.points])),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('falls back to closures where code generation from strings is forbidden', () => {
    const original = globalThis.Function;
    // Mimics `node --disallow-code-generation-from-strings`, which makes `new Function` throw EvalError.
    globalThis.Function = function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let model: ScorecardModel;
    try {
      model = demo();
    } finally {
      globalThis.Function = original;
    }
    expect(model.score.name).toBe('interpreted');
    expect(demo().score.name).toBe('score');
    expect(model.score(ruleInput({ data: { age: 40 }, features: { applications_30d: 9 } }))).toBe(
      500 + 45 + 12 + 25 + 2,
    );
  });
});
