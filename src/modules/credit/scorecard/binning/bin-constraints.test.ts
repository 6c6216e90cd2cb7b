import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binLimits, enforceLimits } from './bin-constraints.js';
import { badRate, cutsOf, singletonGroups, size } from './cells.js';

describe('bin limits', () => {
  it('merges a too-small bin into the neighbour with the closer bad rate', () => {
    // Rates 0.1, 0.5, 0.45 → the small middle bin joins the right one (|0.5 − 0.45| < |0.5 − 0.1|).
    const cells = { goods: [45, 1, 11], bads: [5, 1, 9] };
    const groups = enforceLimits(singletonGroups(cells), binLimits(72, 0.05, 6));
    expect(cutsOf(groups)).toEqual([1]);
  });

  it('merges the most similar adjacent pair while there are too many bins', () => {
    const cells = { goods: [90, 80, 79, 50], bads: [10, 20, 21, 50] };
    expect(cutsOf(enforceLimits(singletonGroups(cells), binLimits(400, 0, 3)))).toEqual([1, 3]);
    expect(cutsOf(enforceLimits(singletonGroups(cells), binLimits(400, 0, 1)))).toEqual([]);
  });

  it('accepts a bin of exactly the minimum share', () => {
    const cells = { goods: [95, 4], bads: [0, 1] };
    expect(cutsOf(enforceLimits(singletonGroups(cells), binLimits(100, 0.05, 6)))).toEqual([1]);
  });

  it('always ends within the limits, keeping a monotonic sequence monotonic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 })), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (pairs, maxBins, share) => {
          // Sorted by bad rate, so the cells start strictly-or-equally ascending.
          pairs.sort(([g1, b1], [g2, b2]) => b1 / (g1 + b1) - b2 / (g2 + b2));
          const cells = { goods: pairs.map(([g]) => g), bads: pairs.map(([, b]) => b) };
          const rows = pairs.reduce((s, [g, b]) => s + g + b, 0);
          const limits = binLimits(rows, share, maxBins);
          const groups = enforceLimits(singletonGroups(cells), limits);
          expect(groups.length).toBeLessThanOrEqual(maxBins);
          if (groups.length > 1)
            for (const g of groups) expect(size(g)).toBeGreaterThanOrEqual(limits.minCount);
          for (let i = 1; i < groups.length; i++)
            expect(badRate(groups[i]!)).toBeGreaterThanOrEqual(badRate(groups[i - 1]!));
        },
      ),
    );
  });
});
