import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';
import { type RankOptions, ValidationInputError } from './input.js';

/** The definition itself: over every bad–good pair, 1 when the bad is riskier, ½ on a tie. */
function pairCountAuc(risk: readonly number[], y: readonly number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < risk.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < risk.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (risk[i]! > risk[j]!) wins += 1;
      else if (risk[i] === risk[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('auc', () => {
  it('matches a hand count on a small scorecard sample', () => {
    // Points (higher = safer) and outcomes:
    //   bads at 500, 550, 600; goods at 550, 620, 650, 700.
    // Pairs (bad, good) where the bad scores lower, i.e. is riskier:
    //   bad 500: beats all 4 goods                   → 4
    //   bad 550: ties good 550 (½), beats 620/650/700 → 3.5
    //   bad 600: beats 620/650/700, not 550           → 3
    // AUC = (4 + 3.5 + 3) / (3·4) = 10.5 / 12 = 0.875; Gini = 2·0.875 − 1 = 0.75.
    const scores = new Float64Array([500, 550, 600, 550, 620, 650, 700]);
    const y = new Uint8Array([1, 1, 1, 0, 0, 0, 0]);
    const result = auc(scores, y, { higherIs: 'good' });
    expect(result.auc).toBeCloseTo(0.875, 12);
    expect(result.gini).toBeCloseTo(0.75, 12);
  });

  it('inverts when the direction is flipped', () => {
    const scores = [500, 550, 600, 550, 620, 650, 700];
    const y = [1, 1, 1, 0, 0, 0, 0];
    expect(auc(scores, y, { higherIs: 'bad' }).auc).toBeCloseTo(0.125, 12);
  });

  it('agrees with a brute-force pair count on random data with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 120 }),
        fc.constantFrom<'good' | 'bad'>('good', 'bad'),
        (rows, higherIs) => {
          const y = rows.map(([, bad]) => (bad ? 1 : 0));
          fc.pre(y.includes(1) && y.includes(0));
          const scores = Float64Array.from(rows, ([s]) => s / 2);
          const risk = Array.from(scores, (s) => (higherIs === 'bad' ? s : -s));
          const expected = pairCountAuc(risk, y);
          expect(auc(scores, Uint8Array.from(y), { higherIs }).auc).toBeCloseTo(expected, 12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows', () => {
    const scores = [3, 1, 2, 2, 3, 1, 2, 3];
    const y = [1, 0, 1, 0, 0, 0, 1, 1];
    const order = [7, 2, 5, 0, 3, 6, 1, 4];
    const shuffled = auc(
      order.map((i) => scores[i]!),
      order.map((i) => y[i]!),
      { higherIs: 'bad' },
    );
    expect(shuffled.auc).toBe(auc(scores, y, { higherIs: 'bad' }).auc);
  });

  it('refuses a missing direction, a sample of one class and mismatched lengths', () => {
    // A JavaScript caller (or a CLI flag) can leave the direction out; it must not default.
    expect(() => auc([1, 2], [1, 0], {} as unknown as RankOptions)).toThrow(ValidationInputError);
    expect(() => auc([1, 2], [1, 1], { higherIs: 'bad' })).toThrow(/at least one of each/);
    expect(() => auc([1, 2, 3], [1, 0], { higherIs: 'bad' })).toThrow(/pair up/);
    expect(() => auc([1, Number.NaN], [1, 0], { higherIs: 'bad' })).toThrow(/NaN/);
    expect(() => auc([1, 2], [1, 2], { higherIs: 'bad' })).toThrow(/must be 1 \(bad\) or 0/);
  });
});
