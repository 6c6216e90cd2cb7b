import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoricalBinIndex, LINEAR_SCAN_MAX, numericBinIndex } from './bin-lookup.js';

/** Oracle: the bin [lower, upper) that contains v, by checking every bin. */
function bruteForce(edges: readonly number[], v: number): number {
  const bounds = [Number.NEGATIVE_INFINITY, ...edges, Number.POSITIVE_INFINITY];
  for (let i = 0; i < bounds.length - 1; i++) {
    if ((i === 0 || v >= (bounds[i] as number)) && (i === bounds.length - 2 || v < (bounds[i + 1] as number)))
      return i;
  }
  throw new Error('no bin');
}

const NONE = new Float64Array();

describe('bin lookup', () => {
  it('finds the same bin as checking every interval, by scan and by binary search', () => {
    const sortedEdges = fc
      .uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        maxLength: 40,
        comparator: (a, b) => a === b,
      })
      .map((xs) => [...xs].sort((a, b) => a - b));
    fc.assert(
      fc.property(
        sortedEdges.chain((edges) =>
          fc.tuple(
            fc.constant(edges),
            fc.oneof(
              fc.double({ noNaN: true }),
              edges.length > 0 ? fc.constantFrom(...edges) : fc.constant(0),
            ),
          ),
        ),
        ([edges, v]) => {
          const m = edges.length + 1;
          expect(numericBinIndex(v, Float64Array.from(edges), NONE, m, 'data.x')).toBe(bruteForce(edges, v));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('uses both strategies on the sizes tested above', () => {
    expect(LINEAR_SCAN_MAX).toBeLessThan(40);
    const edges = Float64Array.from({ length: 30 }, (_, i) => i);
    expect(numericBinIndex(29, edges, NONE, 31, 'x')).toBe(30);
    expect(numericBinIndex(0, edges, NONE, 31, 'x')).toBe(1);
    expect(numericBinIndex(-0.5, edges, NONE, 31, 'x')).toBe(0);
  });

  it('checks special values before the bins and sends absent, null and NaN to missing', () => {
    const edges = Float64Array.from([0, 10]);
    const specials = Float64Array.from([-999, 5]);
    expect(numericBinIndex(-999, edges, specials, 3, 'x')).toBe(4);
    expect(numericBinIndex(5, edges, specials, 3, 'x')).toBe(5);
    expect(numericBinIndex(5.0001, edges, specials, 3, 'x')).toBe(1);
    for (const v of [undefined, null, Number.NaN])
      expect(numericBinIndex(v, edges, specials, 3, 'x')).toBe(3);
    expect(() => numericBinIndex(true, edges, specials, 3, 'data.flag')).toThrow(
      'input data.flag is a boolean',
    );
  });

  it('maps categories, else and missing for categorical variables', () => {
    const index = new Map([
      ['a', 0],
      ['1', 1],
      ['true', 1],
    ]);
    expect(categoricalBinIndex('a', index, 2, 3, 'x')).toBe(0);
    expect(categoricalBinIndex(1, index, 2, 3, 'x')).toBe(1);
    expect(categoricalBinIndex(true, index, 2, 3, 'x')).toBe(1);
    expect(categoricalBinIndex(null, index, 2, 3, 'x')).toBe(2);
    expect(categoricalBinIndex('__proto__', index, 2, 3, 'x')).toBe(3);
    expect(() => categoricalBinIndex('z'.repeat(100), index, 2, -1, 'data.c')).toThrow(/"z{40}…", unseen/);
    expect(() => categoricalBinIndex([1], index, 2, 3, 'data.c')).toThrow(
      'input data.c is an array, not a category',
    );
  });
});
