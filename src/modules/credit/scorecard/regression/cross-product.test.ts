import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRectangularBlock, addSymmetricBlock, BLOCK_ROWS } from './cross-product.js';

const block = (count: number, len: number) =>
  fc
    .array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: count * len, maxLength: count * len })
    .map((v) => Array.from({ length: count }, (_, c) => Float64Array.from(v.slice(c * len, (c + 1) * len))));

describe('block cross-products', () => {
  it('add the same sums as a plain double loop, for any number of columns and rows', () => {
    const shape = fc.record({
      m: fc.integer({ min: 1, max: 9 }),
      p: fc.integer({ min: 1, max: 6 }),
      len: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(
        shape.chain(({ m, p, len }) =>
          fc.tuple(fc.constant({ m, p, len }), block(m, len), block(m, len), block(p, len)),
        ),
        ([{ m, p, len }, wx, x, wc]) => {
          const sym = new Float64Array(m * m).fill(1);
          addSymmetricBlock(wx, x, len, sym, m);
          const rect = new Float64Array(p * m);
          addRectangularBlock(wc, x, len, rect, m);
          const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, ui, i) => s + ui * v[i]!, 0);
          for (let a = 0; a < m; a++) {
            for (let b = a; b < m; b++) expect(sym[a * m + b]).toBeCloseTo(1 + dot(wx[a]!, x[b]!), 8);
          }
          for (let c = 0; c < p; c++) {
            for (let a = 0; a < m; a++) expect(rect[c * m + a]).toBeCloseTo(dot(wc[c]!, x[a]!), 8);
          }
        },
      ),
    );
    expect(BLOCK_ROWS).toBeGreaterThanOrEqual(40);
  });
});
