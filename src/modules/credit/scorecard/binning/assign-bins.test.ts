import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnFromValues } from '../dataset.js';
import { binStats } from '../woe.js';
import { assignBins, woeEncode } from './assign-bins.js';
import type { CategoricalBinning, NumericBinning } from './binning.js';

const stats = (woe: number) => ({ ...binStats(1, 1, 10, 10), woe });

function numericBinning(edges: number[], specials: number[]): NumericBinning {
  return {
    name: 'x',
    type: 'numeric',
    edges,
    bins: [...edges, 0].map((_, i) => stats(i)),
    missing: stats(-1),
    special: specials.map((value, j) => ({ value, stats: stats(-2 - j) })),
    iv: 0,
  };
}

/** Oracle: missing, then specials, then the interval [lower, upper) that holds v, checking each. */
function bruteForce(edges: readonly number[], specials: readonly number[], v: number): number {
  const k = edges.length + 1;
  if (Number.isNaN(v)) return k;
  const s = specials.indexOf(v);
  if (s >= 0) return k + 1 + s;
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
  for (let i = 0; i < k; i++) if (v >= bounds[i]! && (v < bounds[i + 1]! || i === k - 1)) return i;
  throw new Error('no bin');
}

describe('assigning rows to bins', () => {
  it('agrees with a brute-force lookup for numeric bins', () => {
    const edges = fc
      .uniqueArray(fc.integer({ min: -50, max: 50 }), { maxLength: 8 })
      .map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(
        edges,
        fc.uniqueArray(fc.integer({ min: -60, max: 60 }), { maxLength: 2 }),
        fc.array(
          fc.oneof(fc.integer({ min: -60, max: 60 }), fc.constant(Number.NaN), fc.double({ noNaN: true })),
        ),
        (cuts, specials, values) => {
          const column = columnFromValues('x', values, 'numeric');
          const bins = assignBins(numericBinning(cuts, specials), column);
          expect([...bins]).toEqual(values.map((v) => bruteForce(cuts, specials, v)));
        },
      ),
    );
  });

  it('puts a value on an edge in the bin above it', () => {
    const column = columnFromValues('x', [9.999, 10, 20, 25], 'numeric');
    expect([...assignBins(numericBinning([10, 20], []), column)]).toEqual([0, 1, 2, 2]);
  });

  it('uses the card order for categories: groups, missing, specials, then else', () => {
    const binning: CategoricalBinning = {
      name: 'c',
      type: 'categorical',
      groups: [['a', 'b'], ['c']],
      bins: [stats(0.5), stats(-0.5)],
      missing: stats(0.1),
      special: [{ value: 'z', stats: stats(-1) }],
      iv: 0,
    };
    const column = columnFromValues('c', ['a', 'c', null, 'z', 'unseen', 'b'], 'categorical', ['z']);
    expect([...assignBins(binning, column)]).toEqual([0, 1, 2, 3, 4, 0]);
    expect([...woeEncode(binning, column)]).toEqual([0.5, -0.5, 0.1, -1, 0, 0.5]);
  });

  it('encodes each numeric row with the WOE of its bin', () => {
    const column = columnFromValues('x', [1, 15, Number.NaN, -999], 'numeric');
    expect([...woeEncode(numericBinning([10], [-999]), column)]).toEqual([0, 1, -1, -2]);
  });

  it('refuses a column of the other type', () => {
    expect(() => assignBins(numericBinning([], []), columnFromValues('c', ['a'], 'categorical'))).toThrow(
      TypeError,
    );
  });
});
