import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import { ScorecardInvalid } from './errors.js';
import { arbDraft, arbInputFor, demoDraft } from './fixtures.js';
import { compileScorecard } from './scorecard.js';
import {
  loadScorecard,
  readScorecard,
  scorecardChecksum,
  sealScorecard,
  writeScorecard,
} from './scorecard-file.js';

function read(text: string) {
  const result = readScorecard(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.card;
}

function problemsOf(doc: unknown): readonly ErrorField[] {
  const result = loadScorecard(doc, 'card');
  if (result.ok) throw new Error('expected the card to be refused');
  return result.problems;
}

/** A sealed demo card as a mutable object, to break in one place. */
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary fields of the parsed JSON to break them.
function sealedDemo(): Record<string, any> {
  return JSON.parse(writeScorecard(demoDraft()));
}

/** The card with its checksum recomputed after an edit, so only the edit itself is judged. */
function resealed(doc: Record<string, unknown>): Record<string, unknown> {
  return { ...doc, checksum: scorecardChecksum(doc) };
}

describe('scorecard files', () => {
  it('round-trip through text and score identically after reload', () => {
    fc.assert(
      fc.property(
        arbDraft.chain((draft) =>
          fc.tuple(fc.constant(draft), fc.array(arbInputFor(draft), { maxLength: 20 })),
        ),
        ([draft, inputs]) => {
          const text = writeScorecard(draft);
          const reloaded = compileScorecard(read(text));
          const original = compileScorecard(sealScorecard(draft), undefined, { generate: false });
          expect(reloaded.card).toEqual(sealScorecard(draft));
          for (const input of inputs) {
            let expected: number | string;
            try {
              expected = original.score(input);
            } catch (error) {
              expected = (error as Error).message;
            }
            if (typeof expected === 'string') expect(() => reloaded.score(input)).toThrow(expected);
            else expect(reloaded.score(input)).toBe(expected);
          }
          // Sealed again, the reloaded card keeps its checksum.
          expect(sealScorecard(read(text)).checksum).toBe(read(text).checksum);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('checksums the RFC 8785 canonical JSON of everything but the checksum', () => {
    const card = sealScorecard(demoDraft());
    const { checksum, ...content } = card;
    const expected = `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
    expect(checksum).toBe(expected);
    // Key order and white space do not matter; the file can be re-indented.
    const reordered = Object.fromEntries(Object.entries(card).reverse());
    expect(read(JSON.stringify(reordered)).checksum).toBe(checksum);
    expect(read(`\n${JSON.stringify(card, null, 8)}\n`).checksum).toBe(checksum);
  });

  it('detects any change to a number or text of a written card', () => {
    const text = writeScorecard(demoDraft());
    const leaves: string[][] = [];
    const walk = (value: unknown, path: string[]): void => {
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      } else if (path[0] !== 'checksum') leaves.push(path);
    };
    walk(JSON.parse(text), []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), (path) => {
        const doc = JSON.parse(text);
        let target = doc;
        for (const key of path.slice(0, -1)) target = target[key];
        const key = path[path.length - 1] as string;
        const old = target[key];
        target[key] =
          typeof old === 'number' ? old + 1 : typeof old === 'string' ? `${old}x` : old === null ? 0 : !old;
        const result = readScorecard(JSON.stringify(doc));
        expect(result.ok).toBe(false);
      }),
      { numRuns: leaves.length * 2 },
    );
    // A change that keeps the card well-formed is caught by the checksum alone.
    const doc = JSON.parse(text);
    doc.variables[0].bins[2].points = 99;
    expect(readScorecard(JSON.stringify(doc))).toEqual({
      ok: false,
      problems: [
        {
          path: 'checksum',
          message: expect.stringMatching(/does not match the content \(sha256:[0-9a-f]{64}\)/),
        },
      ],
    });
  });

  it('returns a frozen copy, detached from the object it was given', () => {
    const doc = sealedDemo();
    const result = loadScorecard(doc);
    if (!result.ok) throw new Error('refused');
    doc['variables'][0].bins[0].points = 1000;
    expect(result.card.variables[0]?.bins[0]?.points).toBe(10);
    expect(Object.isFrozen(result.card.variables[0]?.bins[0])).toBe(true);
  });

  it('refuses text that is not JSON and cards of another format', () => {
    expect(readScorecard('{"format":')).toEqual({
      ok: false,
      problems: [{ path: '', message: expect.stringMatching(/^is not JSON/) }],
    });
    expect(problemsOf([])).toEqual([{ path: 'card', message: 'a scorecard must be a JSON object' }]);
    const doc = resealed({ ...sealedDemo(), format: 'fengkong.scorecard/v2' });
    expect(problemsOf(doc)).toEqual([
      {
        path: 'card.format',
        message: 'is "fengkong.scorecard/v2"; this version reads fengkong.scorecard/v1',
      },
    ]);
  });

  it('refuses numeric bins that are unsorted, leave gaps, overlap or do not cover the line', () => {
    const doc = sealedDemo();
    const age = doc['variables'][0];
    age.bins = [
      { lower: 0, upper: 25, woe: 0, points: 1 },
      { lower: 26, upper: 20, woe: 0, points: 2 },
      { lower: 20, upper: null, woe: 0, points: 3 },
      { lower: null, upper: 50, woe: 0, points: 4 },
    ];
    const income = doc['variables'][1];
    income.bins[2].upper = 1e9;
    expect(problemsOf(resealed(doc))).toEqual([
      {
        path: 'card.variables[0].bins[0].lower',
        message: 'must be null (−∞): the bins must cover every value',
      },
      {
        path: 'card.variables[0].bins[1].lower',
        message: 'must equal bins[0].upper (25): bins must be sorted and contiguous',
      },
      { path: 'card.variables[0].bins[1].upper', message: 'must be greater than lower (26)' },
      { path: 'card.variables[0].bins[2].upper', message: 'only the last bin may end at +∞ (null)' },
      {
        path: 'card.variables[0].bins[3].upper',
        message: 'must be null (+∞): the bins must cover every value',
      },
      { path: 'card.variables[0].bins[3].lower', message: 'only the first bin may start at −∞ (null)' },
      {
        path: 'card.variables[1].bins[2].upper',
        message: 'must be null (+∞): the bins must cover every value',
      },
    ]);
  });

  it('refuses repeated categories, special values and variable names', () => {
    const doc = sealedDemo();
    doc['variables'][2].bins[1].categories.push('44');
    doc['variables'][2].special.push({ value: '31', woe: 0, points: 1 });
    doc['variables'][0].special.push({ value: -1, woe: 0, points: 1 });
    doc['variables'][3].name = 'age';
    expect(problemsOf(resealed(doc))).toEqual([
      { path: 'card.variables[0].special[1].value', message: 'repeats special[0]' },
      { path: 'card.variables[2].bins[1].categories[2]', message: 'category "44" is already in bins[0]' },
      { path: 'card.variables[2].special[1].value', message: 'category "31" is also in an ordinary bin' },
      { path: 'card.variables[3].name', message: 'repeats the name of variables[0]' },
    ]);
  });

  it('reports every structural problem at once, each with its path', () => {
    const doc = sealedDemo();
    delete doc['name'];
    doc['extra'] = 1;
    doc['scaling'].pdo = 0;
    doc['scaling'].intercept_mode = 'middle';
    doc['training'].trained_at = 'last week';
    doc['training'].bads = 2000;
    doc['variables'][0].bins[1].lower = '25';
    doc['variables'][0].bins[1].colour = 'red';
    doc['variables'][1].input = 'data.__proto__.x';
    doc['variables'][2].type = 'ordinal';
    doc['variables'][3].missing = { woe: 0 };
    doc['checksum'] = 'md5:abc';
    const found = problemsOf(doc);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'card.name', message: 'is required' },
        { path: 'card.extra', message: 'is not a field of this object' },
        { path: 'card.checksum', message: expect.stringMatching(/pattern/) },
        { path: 'card.scaling.pdo', message: 'must be > 0' },
        { path: 'card.scaling.intercept_mode', message: 'must be "base" or "spread"' },
        { path: 'card.training.trained_at', message: expect.stringMatching(/date-time/) },
        { path: 'card.training.bads', message: 'must not exceed rows' },
        { path: 'card.variables[0].bins[1].lower', message: 'must be number or null' },
        { path: 'card.variables[0].bins[1].colour', message: 'is not a field of this object' },
        { path: 'card.variables[1].input', message: expect.stringMatching(/__proto__/) },
        { path: 'card.variables[2].type', message: "must be 'numeric' or 'categorical'" },
        { path: 'card.variables[3].missing.points', message: 'is required' },
      ]),
    );
    expect(found).toHaveLength(12);
  });

  it('requires base points of 0 when the intercept is spread over the variables', () => {
    const doc = sealedDemo();
    doc['scaling'].intercept_mode = 'spread';
    expect(problemsOf(resealed(doc))).toEqual([
      {
        path: 'card.base_points',
        message:
          "must be 0 when scaling.intercept_mode is 'spread' (the intercept and offset are in the bins)",
      },
    ]);
  });

  it('refuses to write a draft the engine would refuse', () => {
    const draft = demoDraft();
    (draft.variables[0]?.bins[0] as { lower: number | null }).lower = 0;
    let thrown: unknown;
    try {
      writeScorecard(draft);
    } catch (error) {
      thrown = error;
    }
    expect(ScorecardInvalid.is(thrown)).toBe(true);
    expect((thrown as { fields: ErrorField[] }).fields).toEqual([
      { path: 'variables[0].bins[0].lower', message: 'must be null (−∞): the bins must cover every value' },
    ]);
  });
});
