import { describe, expect, it } from 'vitest';
import { badRate, cutsOf, groupsFromCuts, mergeWithNext, singletonGroups, size } from './cells.js';

const CELLS = { goods: [5, 4, 3, 2], bads: [1, 1, 2, 3] };

describe('cells and groups', () => {
  it('turns cuts into groups with their totals and back', () => {
    const groups = groupsFromCuts(CELLS, [1, 3]);
    expect(groups).toEqual([
      { start: 0, goods: 5, bads: 1 },
      { start: 1, goods: 7, bads: 3 },
      { start: 3, goods: 2, bads: 3 },
    ]);
    expect(cutsOf(groups)).toEqual([1, 3]);
    expect(groupsFromCuts(CELLS, [])).toEqual([{ start: 0, goods: 14, bads: 7 }]);
  });

  it('merges a group with the next one in place', () => {
    const groups = singletonGroups(CELLS);
    mergeWithNext(groups, 1);
    expect(cutsOf(groups)).toEqual([1, 3]);
    expect(groups[1]).toEqual({ start: 1, goods: 7, bads: 3 });
    expect(size(groups[1]!)).toBe(10);
    expect(badRate(groups[1]!)).toBeCloseTo(0.3, 12);
    expect(badRate({ start: 0, goods: 0, bads: 0 })).toBe(0);
  });
});
