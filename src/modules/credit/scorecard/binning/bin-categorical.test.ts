import { describe, expect, it } from 'vitest';
import type { CategoricalColumn } from '../dataset.js';
import { binCategorical } from './bin-categorical.js';

/** A column from [level, goods, bads] counts; null is missing. */
function sample(table: readonly [string | null, number, number][], specialLevels: string[] = []) {
  const levels: string[] = [];
  const codes: number[] = [];
  const target: number[] = [];
  for (const [level, g, b] of table) {
    let c = -1;
    if (level !== null) {
      c = levels.indexOf(level);
      if (c < 0) c = levels.push(level) - 1;
    }
    for (let i = 0; i < g + b; i++) {
      codes.push(c);
      target.push(i < g ? 0 : 1);
    }
  }
  const column: CategoricalColumn = {
    name: 'city',
    type: 'categorical',
    codes: Int32Array.from(codes),
    levels,
    specialLevels,
  };
  return { column, target: Uint8Array.from(target) };
}

const TABLE: [string | null, number, number][] = [
  ['a', 90, 10],
  ['b', 50, 50],
  ['c', 95, 5],
  ['d', 70, 30],
  ['r1', 1, 0],
  ['r2', 0, 1],
  [null, 8, 2],
  ['x', 3, 3],
];

describe('categorical binning', () => {
  it('orders levels by bad rate, pools rare levels, and keeps missing and special apart', () => {
    const { column, target } = sample(TABLE, ['x']);
    const b = binCategorical(column, target, {
      method: 'tree',
      maxBins: 10,
      minBinShare: 0,
      rareShare: 0.01,
    });
    expect(b.groups.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'r1', 'r2']);
    // r1 and r2 (1 row each of 402 ordinary) are pooled, so they share a group.
    const pooled = b.groups.find((g) => g.includes('r1'));
    expect(pooled).toContain('r2');
    // The groups run from the lowest bad rate to the highest.
    expect(b.groups[0]).toContain('c');
    expect(b.groups.at(-1)).toContain('b');
    expect(b.missing).toMatchObject({ count: 10, bads: 2 });
    expect(b.special).toEqual([{ value: 'x', stats: expect.objectContaining({ count: 6, bads: 3 }) }]);
    expect(b.bins.reduce((s, x) => s + x.count, 0)).toBe(402);
  });

  it('makes monotonic groups along the bad-rate order, each level in one group', () => {
    const { column, target } = sample(TABLE);
    const b = binCategorical(column, target, { method: 'monotonic', maxBins: 3 });
    const rates = b.bins.map((x) => x.badRate);
    expect(rates).toEqual([...rates].sort((p, q) => p - q));
    expect(b.bins.length).toBeLessThanOrEqual(3);
    const all = b.groups.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('respects manual groups and pools the levels they leave out', () => {
    const { column, target } = sample(TABLE);
    const b = binCategorical(column, target, {
      manual: {
        groups: [
          ['a', 'c'],
          ['b', 'nowhere'],
        ],
      },
    });
    expect(b.groups).toEqual([
      ['a', 'c'],
      ['b', 'nowhere'],
      ['d', 'r1', 'r2', 'x'],
    ]);
    expect(b.bins.map((x) => x.count)).toEqual([200, 100, 108]);
  });

  it('refuses manual groups that repeat a level, name a special or are empty', () => {
    const { column, target } = sample(TABLE, ['x']);
    expect(() => binCategorical(column, target, { manual: { groups: [['a'], ['a', 'b']] } })).toThrow(
      /twice/,
    );
    expect(() => binCategorical(column, target, { manual: { groups: [['x']] } })).toThrow(/special/);
    expect(() => binCategorical(column, target, { manual: { groups: [[]] } })).toThrow(/empty/);
  });

  it('merges levels ChiMerge finds alike', () => {
    const { column, target } = sample([
      ['p', 90, 10],
      ['q', 89, 11],
      ['s', 50, 50],
    ]);
    const b = binCategorical(column, target, { method: 'chimerge', minBinShare: 0 });
    expect(b.groups).toEqual([['p', 'q'], ['s']]);
  });

  it('has no ordinary groups when every row is missing or special', () => {
    const { column, target } = sample(
      [
        [null, 3, 1],
        ['x', 1, 2],
      ],
      ['x'],
    );
    const b = binCategorical(column, target);
    expect(b.groups).toEqual([]);
    expect(b.bins).toEqual([]);
    expect(b.missing.count + b.special[0]!.stats.count).toBe(7);
  });
});
