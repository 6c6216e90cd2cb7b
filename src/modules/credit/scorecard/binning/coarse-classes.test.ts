import { describe, expect, it } from 'vitest';
import { resolveBinningOptions } from './binning-options.js';
import { coarseClasses } from './coarse-classes.js';

// Bad rates falling with the value: 0.5, 0.4, 0.3, 0.2, 0.1.
const FALLING = { goods: [50, 60, 70, 80, 90], bads: [50, 40, 30, 20, 10] };

describe('coarse classing', () => {
  it('picks the trend with the higher information value on auto', () => {
    const c = coarseClasses(FALLING, resolveBinningOptions({ method: 'monotonic', minBinShare: 0 }));
    expect(c).toEqual({ cuts: [1, 2, 3, 4], trend: 'descending' });
  });

  it('follows a forced trend even against the data', () => {
    const c = coarseClasses(FALLING, resolveBinningOptions({ method: 'monotonic', trend: 'ascending' }));
    expect(c).toEqual({ cuts: [], trend: 'ascending' });
  });

  it('applies the limits after every method', () => {
    for (const method of ['chimerge', 'tree', 'monotonic'] as const) {
      const c = coarseClasses(FALLING, resolveBinningOptions({ method, maxBins: 2, chiThreshold: 0 }));
      expect(c.cuts.length).toBeLessThanOrEqual(1);
    }
    // 25% minimum of 500 rows: no bin below 125 rows.
    const c = coarseClasses(
      FALLING,
      resolveBinningOptions({ method: 'tree', minBinShare: 0.25, maxBins: 6 }),
    );
    const sizes = [0, ...c.cuts, 5].slice(1).map((end, i) => {
      const start = [0, ...c.cuts][i]!;
      return FALLING.goods.slice(start, end).reduce((s, g, j) => s + g + FALLING.bads[start + j]!, 0);
    });
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(125);
  });

  it('returns no cuts for no cells', () => {
    expect(coarseClasses({ goods: [], bads: [] }, resolveBinningOptions())).toEqual({ cuts: [] });
  });
});
