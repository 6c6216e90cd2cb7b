import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badRate, cutsOf, size } from './cells.js';
import { poolAdjacentViolators } from './pool-adjacent-violators.js';

describe('pool adjacent violators', () => {
  it('pools the violators of an ascending trend, backwards as needed', () => {
    // Rates 0.1, 0.3, 0.2, 0.1, 0.6: 0.3 > 0.2 pools to 5/20 = 0.25, then 0.25 > 0.1 pools to 6/30 = 0.2.
    const cells = { goods: [9, 7, 8, 9, 4], bads: [1, 3, 2, 1, 6] };
    const groups = poolAdjacentViolators(cells, 'ascending');
    expect(cutsOf(groups)).toEqual([1, 4]);
    expect(groups.map(badRate)).toEqual([0.1, 0.2, 0.6]);
  });

  it('pools for a descending trend and pools ties, so rates are strictly monotonic', () => {
    const cells = { goods: [5, 8, 8, 9], bads: [5, 2, 2, 1] };
    expect(poolAdjacentViolators(cells, 'descending').map(badRate)).toEqual([0.5, 0.2, 0.1]);
    expect(cutsOf(poolAdjacentViolators(cells, 'ascending'))).toEqual([]);
  });

  it('always yields strictly monotonic bad rates and keeps every row', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat(30), fc.nat(30)).filter(([g, b]) => g + b > 0),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom('ascending' as const, 'descending' as const),
        (pairs, trend) => {
          const cells = { goods: pairs.map(([g]) => g), bads: pairs.map(([, b]) => b) };
          const groups = poolAdjacentViolators(cells, trend);
          const rates = groups.map(badRate);
          for (let i = 1; i < rates.length; i++)
            if (trend === 'ascending') expect(rates[i]).toBeGreaterThan(rates[i - 1]!);
            else expect(rates[i]).toBeLessThan(rates[i - 1]!);
          expect(groups.reduce((s, g) => s + size(g), 0)).toBe(pairs.reduce((s, [g, b]) => s + g + b, 0));
        },
      ),
    );
  });
});
