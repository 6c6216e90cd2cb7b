import { describe, expect, it } from 'vitest';
import { cutsOf } from './cells.js';
import { treeSplit } from './tree-split.js';

describe('tree binning', () => {
  it('finds an obvious step and stops once the leaves are pure', () => {
    const cells = { goods: [10, 10, 10, 0, 0], bads: [0, 0, 0, 10, 10] };
    expect(cutsOf(treeSplit(cells, 0, 6))).toEqual([3]);
  });

  it('splits best-first: the largest gain first, up to the maximum of leaves', () => {
    // Bad rates 0.05, 0.05, 0.5, 0.5, 0.9, 0.9: the big step is 0.05 → 0.5.
    const cells = { goods: [95, 95, 50, 50, 10, 10], bads: [5, 5, 50, 50, 90, 90] };
    expect(cutsOf(treeSplit(cells, 0, 2))).toEqual([2]);
    expect(cutsOf(treeSplit(cells, 0, 3))).toEqual([2, 4]);
    expect(cutsOf(treeSplit(cells, 0, 6))).toEqual([2, 4]);
  });

  it('keeps every child at least the minimum size', () => {
    const cells = { goods: [1, 50, 50], bads: [9, 0, 0] };
    expect(cutsOf(treeSplit(cells, 0, 6))).toEqual([1]);
    expect(cutsOf(treeSplit(cells, 11, 6))).toEqual([2]);
    expect(cutsOf(treeSplit(cells, 60, 6))).toEqual([]);
  });

  it('makes one bin when the bad rate never changes', () => {
    expect(cutsOf(treeSplit({ goods: [9, 18, 27], bads: [1, 2, 3] }, 0, 6))).toEqual([]);
  });
});
