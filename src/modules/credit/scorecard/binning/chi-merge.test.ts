import { describe, expect, it } from 'vitest';
import { cutsOf } from './cells.js';
import { chiMerge, chiSquare } from './chi-merge.js';

// A worked example of ChiMerge (Kerber, "ChiMerge: Discretization of Numeric Attributes", AAAI 1992)
// with two classes. Intervals (goods, bads): A (10, 0), B (9, 1), C (2, 8), D (1, 9).
// χ² = Σ (A_ij − E_ij)² / E_ij, E_ij = row total · class total / N.
//   A|B: E = 9.5, 0.5, 9.5, 0.5;  χ² = 2·0.25/9.5 + 2·0.25/0.5       = 1.052632
//   B|C: E = 5.5, 4.5, 5.5, 4.5;  χ² = 2·12.25/5.5 + 2·12.25/4.5     = 9.898990
//   C|D: E = 1.5, 8.5, 1.5, 8.5;  χ² = 2·0.25/1.5 + 2·0.25/8.5       = 0.392157
// Smallest is C|D (< 3.841): merge to CD (3, 17).
//   B|CD: N = 30, E = 4, 6, 8, 12; |A − E| = 5; χ² = 25/4 + 25/6 + 25/8 + 25/12 = 15.625
// Smallest is now A|B (1.052632 < 3.841): merge to AB (19, 1).
//   AB|CD: N = 40, E = 11, 9, 11, 9; |A − E| = 8; χ² = 2·64/11 + 2·64/9 = 25.858586 ≥ 3.841: stop.
const CELLS = { goods: [10, 9, 2, 1], bads: [0, 1, 8, 9] };
const g = (goods: number, bads: number) => ({ start: 0, goods, bads });

describe('ChiMerge (Kerber 1992)', () => {
  it('computes the χ² of adjacent intervals as by hand', () => {
    expect(chiSquare(g(10, 0), g(9, 1))).toBeCloseTo(1.052632, 6);
    expect(chiSquare(g(9, 1), g(2, 8))).toBeCloseTo(9.89899, 6);
    expect(chiSquare(g(2, 8), g(1, 9))).toBeCloseTo(0.392157, 6);
    expect(chiSquare(g(9, 1), g(3, 17))).toBeCloseTo(15.625, 6);
    expect(chiSquare(g(19, 1), g(3, 17))).toBeCloseTo(25.858586, 6);
  });

  it('uses 0.1 for an expected count of zero, as Kerber does', () => {
    // No bads at all: E for bads is 0 → 0.1; each bads cell adds (0 − 0.1)²/0.1 = 0.1.
    expect(chiSquare(g(5, 0), g(5, 0))).toBeCloseTo(0.2, 12);
    expect(chiSquare(g(0, 0), g(0, 0))).toBe(0);
  });

  it('merges the worked example into two intervals', () => {
    expect(cutsOf(chiMerge(CELLS, 3.841, 6))).toEqual([2]);
  });

  it('keeps merging past the threshold down to the maximum number of intervals', () => {
    expect(cutsOf(chiMerge(CELLS, 0, 6))).toEqual([1, 2, 3]);
    expect(cutsOf(chiMerge(CELLS, 0, 3))).toEqual([1, 2]);
    expect(cutsOf(chiMerge(CELLS, 3.841, 1))).toEqual([]);
  });
});
