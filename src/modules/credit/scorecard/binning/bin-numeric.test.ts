import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NumericColumn } from '../dataset.js';
import { binNumeric } from './bin-numeric.js';

function numeric(values: readonly number[], special: readonly number[] = []): NumericColumn {
  return {
    name: 'x',
    type: 'numeric',
    values: Float64Array.from(values),
    special: Float64Array.from(special),
  };
}

/** Rows of value v repeated: [value, goods, bads]. */
function rows(table: readonly [number, number, number][]) {
  const values: number[] = [];
  const target: number[] = [];
  for (const [v, g, b] of table) {
    for (let i = 0; i < g + b; i++) {
      values.push(v);
      target.push(i < g ? 0 : 1);
    }
  }
  return { column: numeric(values), target: Uint8Array.from(target) };
}

/** A random sample: values with ties, missing and special rows, bads more likely with x, against it, or not. */
const sample = fc
  .record({
    n: fc.integer({ min: 40, max: 400 }),
    distinct: fc.integer({ min: 1, max: 60 }),
    slope: fc.constantFrom(-3, -1, 0, 1, 3),
    missingShare: fc.constantFrom(0, 0.1),
    specialShare: fc.constantFrom(0, 0.1),
    seed: fc.integer(),
  })
  .map(({ n, distinct, slope, missingShare, specialShare, seed }) => {
    let s = seed >>> 0 || 1;
    const random = () => {
      // xorshift32: reproducible from the fast-check seed.
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 2 ** 32;
    };
    const values = new Float64Array(n);
    const target = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const u = random();
      const x = Math.floor(random() * distinct) / distinct;
      values[i] = u < missingShare ? Number.NaN : u < missingShare + specialShare ? -999 : x * 100;
      target[i] = random() < 1 / (1 + Math.exp(-(slope * (x - 0.5) - 1.5))) ? 1 : 0;
    }
    target[0] = 1;
    target[1] = 0;
    return { column: numeric([...values], specialShare > 0 ? [-999] : []), target };
  });

describe('numeric binning', () => {
  it('monotonic binning gives monotonic bad rates within maxBins and minBinShare', () => {
    fc.assert(
      fc.property(
        sample,
        fc.constantFrom('ascending' as const, 'descending' as const, 'auto' as const),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(0, 0.05, 0.2),
        ({ column, target }, trend, maxBins, minBinShare) => {
          const b = binNumeric(column, target, { method: 'monotonic', trend, maxBins, minBinShare });
          const direction = trend === 'auto' ? b.trend : trend;
          if (trend === 'auto') expect(['ascending', 'descending']).toContain(direction);
          for (let i = 1; i < b.bins.length; i++)
            if (direction === 'ascending') expect(b.bins[i]!.badRate).toBeGreaterThan(b.bins[i - 1]!.badRate);
            else expect(b.bins[i]!.badRate).toBeLessThan(b.bins[i - 1]!.badRate);
          expect(b.bins.length).toBeLessThanOrEqual(maxBins);
          const ordinary = b.bins.reduce((s, x) => s + x.count, 0);
          if (b.bins.length > 1)
            for (const bin of b.bins) expect(bin.count).toBeGreaterThanOrEqual(minBinShare * ordinary - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never mixes missing or special rows into the ordinary bins, with any method', () => {
    fc.assert(
      fc.property(
        sample,
        fc.constantFrom('chimerge' as const, 'tree' as const, 'monotonic' as const),
        ({ column, target }, method) => {
          const b = binNumeric(column, target, { method });
          const missing = column.values.filter(Number.isNaN).length;
          const special = column.values.filter((v) => v === -999).length;
          expect(b.missing.count).toBe(missing);
          expect(b.special.reduce((s, x) => s + x.stats.count, 0)).toBe(special);
          expect(b.bins.reduce((s, x) => s + x.count, 0)).toBe(column.values.length - missing - special);
          expect(b.edges.length).toBe(b.bins.length - 1);
          for (let i = 1; i < b.edges.length; i++) expect(b.edges[i]).toBeGreaterThan(b.edges[i - 1]!);
          expect(b.bins.length).toBeLessThanOrEqual(6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merges the Kerber (1992) worked example into the same two bins (see chi-merge.test.ts)', () => {
    const { column, target } = rows([
      [1, 10, 0],
      [2, 9, 1],
      [3, 2, 8],
      [4, 1, 9],
    ]);
    const b = binNumeric(column, target, { method: 'chimerge', minBinShare: 0 });
    expect(b.edges).toEqual([3]);
    expect(b.bins.map((x) => [x.goods, x.bads])).toEqual([
      [19, 1],
      [3, 17],
    ]);
  });

  it('finds an obvious step with the tree', () => {
    const table: [number, number, number][] = Array.from({ length: 100 }, (_, v) => [
      v,
      v < 60 ? 9 : 1,
      v < 60 ? 1 : 9,
    ]);
    const { column, target } = rows(table);
    const b = binNumeric(column, target, { method: 'tree', maxBins: 2 });
    expect(b.edges).toEqual([60]);
    expect(b.bins.map((x) => x.badRate)).toEqual([0.1, 0.9]);
  });

  it('respects manual edges exactly, putting a value on an edge in the bin above', () => {
    const column = numeric([5, 10, 15, 20, 25, Number.NaN, -1], [-1]);
    const target = Uint8Array.from([0, 1, 0, 1, 0, 1, 1]);
    const b = binNumeric(column, target, { manual: { edges: [10, 20, 100] } });
    expect(b.edges).toEqual([10, 20, 100]);
    expect(b.bins.map((x) => x.count)).toEqual([1, 2, 2, 0]);
    expect(b.bins[1]).toMatchObject({ goods: 1, bads: 1 });
    expect(b.bins[3]).toMatchObject({ woe: 0, iv: 0 });
    expect(b.missing.count).toBe(1);
    expect(b.special).toEqual([{ value: -1, stats: expect.objectContaining({ count: 1, bads: 1 }) }]);
    expect(() => binNumeric(column, target, { manual: { edges: [20, 10] } })).toThrow(RangeError);
    expect(() => binNumeric(column, target, { manual: { edges: [Number.NaN] } })).toThrow(RangeError);
  });

  it('computes WOE against the whole sample and sums the IV over every bin', () => {
    const column = numeric([1, 1, 2, 2, Number.NaN, Number.NaN]);
    const target = Uint8Array.from([0, 0, 0, 1, 1, 1]);
    const b = binNumeric(column, target, { manual: { edges: [2] } });
    // Goods 3, bads 3. Bin [−∞, 2): 2 goods, 0 bads → (2.5/3)/(0.5/3), WOE ln 5.
    expect(b.bins[0]!.woe).toBeCloseTo(Math.log(5), 12);
    expect(b.bins[1]!.woe).toBeCloseTo(0, 12);
    expect(b.missing.woe).toBeCloseTo(Math.log(0.5 / 2.5), 12);
    expect(b.iv).toBeCloseTo(b.bins[0]!.iv + b.bins[1]!.iv + b.missing.iv, 12);
  });

  it('gives a column without ordinary values one empty bin', () => {
    const b = binNumeric(numeric([Number.NaN, -999, -999], [-999]), Uint8Array.from([0, 1, 0]));
    expect(b.edges).toEqual([]);
    expect(b.bins).toEqual([expect.objectContaining({ count: 0, woe: 0 })]);
  });

  it('refuses a target of another length and invalid options', () => {
    expect(() => binNumeric(numeric([1, 2]), Uint8Array.from([0]))).toThrow(RangeError);
    expect(() => binNumeric(numeric([1, 2]), Uint8Array.from([0, 1]), { maxBins: 0 })).toThrow(/maxBins/);
  });
});
