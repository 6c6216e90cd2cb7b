import { describe, expect, it } from 'vitest';
import { pageOf } from './paging.js';

describe('client-side paging', () => {
  const items = Array.from({ length: 45 }, (_, i) => i);

  it('cuts a list into pages of the given size', () => {
    expect(pageOf(items, 1).rows).toEqual(items.slice(0, 20));
    expect(pageOf(items, 3)).toEqual({ rows: [40, 41, 42, 43, 44], page: 3, pages: 3 });
  });

  it('clamps a page out of range (an old address) to the nearest page, and shows one empty page', () => {
    expect(pageOf(items, 9).page).toBe(3);
    expect(pageOf(items, Number.NaN).page).toBe(1);
    expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pages: 1 });
  });
});
