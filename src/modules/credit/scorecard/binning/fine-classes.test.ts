import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctValues, fineClasses, niceEdge } from './fine-classes.js';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe('fine classes', () => {
  it('merges the goods and bads into distinct values with their counts', () => {
    const t = distinctValues(sorted([3, 1, 1, 5]), sorted([1, 2, 5, 5]));
    expect([...t.values]).toEqual([1, 2, 3, 5]);
    expect([...t.goods]).toEqual([2, 0, 1, 1]);
    expect([...t.bads]).toEqual([1, 1, 0, 2]);
  });

  it('cuts at the row quantiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const fine = fineClasses(distinctValues(sorted(values), sorted([])), 4);
    expect(fine.starts).toEqual([0, 25, 50, 75]);
    expect(fine.cells.goods).toEqual([25, 25, 25, 25]);
  });

  it('never splits a tie: a heavy value makes a larger class and fewer classes', () => {
    // 60 zeros then 40 distinct values: the zeros cover quantiles 1–2 of 5.
    const values = [...Array.from({ length: 60 }, () => 0), ...Array.from({ length: 40 }, (_, i) => i + 1)];
    const fine = fineClasses(distinctValues(sorted(values), sorted([])), 5);
    expect(fine.starts).toEqual([0, 1, 21]);
    expect(fine.cells.goods).toEqual([60, 20, 20]);
  });

  it('keeps every row and at most the requested number of classes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1 }),
        fc.integer({ min: 2, max: 30 }),
        (xs, bins) => {
          const table = distinctValues(sorted(xs), sorted([]));
          const fine = fineClasses(table, bins);
          expect(fine.cells.goods.length).toBeLessThanOrEqual(bins);
          expect(fine.cells.goods.reduce((a, b) => a + b, 0)).toBe(xs.length);
        },
      ),
    );
  });
});

describe('readable edges', () => {
  it('picks the roundest number between two values', () => {
    expect(niceEdge(4999, 5001)).toBe(5000);
    expect(niceEdge(30, 31)).toBe(31);
    expect(niceEdge(100, 900)).toBe(500);
    expect(niceEdge(0.1234, 0.1311)).toBe(0.13);
    expect(niceEdge(0.1234, 0.1299)).toBe(0.127);
    expect(niceEdge(-1, 0)).toBe(0);
    expect(Object.is(niceEdge(-1, 0), -0)).toBe(false);
    expect(niceEdge(-12.5, -3)).toBe(-10);
    expect(niceEdge(1, 1 + 2 ** -52)).toBe(1 + 2 ** -52);
  });

  it('always returns a number in (a, b]', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x, y) => {
          fc.pre(x !== y);
          const [a, b] = x < y ? [x, y] : [y, x];
          const e = niceEdge(a, b);
          expect(e).toBeGreaterThan(a);
          expect(e).toBeLessThanOrEqual(b);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
