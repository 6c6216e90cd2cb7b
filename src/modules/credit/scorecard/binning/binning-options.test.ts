import { describe, expect, it } from 'vitest';
import { DEFAULT_BINNING_OPTIONS, resolveBinningOptions } from './binning-options.js';

describe('binning options', () => {
  it('fills the documented defaults', () => {
    expect(resolveBinningOptions()).toEqual({
      method: 'monotonic',
      maxBins: 6,
      minBinShare: 0.05,
      fineBins: 20,
      trend: 'auto',
      chiThreshold: 3.841,
      rareShare: 0.01,
    });
    expect(resolveBinningOptions({ method: 'tree', maxBins: 4 })).toMatchObject({
      method: 'tree',
      maxBins: 4,
      fineBins: 20,
    });
    expect(Object.isFrozen(DEFAULT_BINNING_OPTIONS)).toBe(true);
  });

  it('names every invalid setting', () => {
    expect(() =>
      resolveBinningOptions({ maxBins: 1.5, minBinShare: 0.9, fineBins: 1, chiThreshold: -1, rareShare: 1 }),
    ).toThrow(/maxBins 1.5.*minBinShare 0.9.*fineBins 1.*chiThreshold -1.*rareShare 1/);
    // @ts-expect-error: a method the type does not allow, as from unchecked input.
    expect(() => resolveBinningOptions({ method: 'kmeans' })).toThrow(/method kmeans/);
  });
});
