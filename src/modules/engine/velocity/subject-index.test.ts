import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SubjectIndex } from './subject-index.js';

/** The first slot of `key`'s record, or undefined when it is not held. */
function firstSlot<S>(index: SubjectIndex<S>, key: string): S | undefined {
  const at = index.find(key);
  return at < 0 ? undefined : (index.records[at] as S);
}

describe('the velocity store subject index', () => {
  it('answers exactly as a Map under any sequence of lookups and additions of absent keys', () => {
    const key = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      fc.integer({ min: 0, max: 300 }).map((n) => `u${n}`),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), (keys) => {
        const index = new SubjectIndex<number>();
        const map = new Map<string, number>();
        keys.forEach((k, i) => {
          expect(firstSlot(index, k)).toBe(map.get(k));
          if (!map.has(k)) {
            index.add(k, [i]);
            map.set(k, i);
          }
          expect(index.size).toBe(map.size);
        });
        for (const k of keys) expect(firstSlot(index, k)).toBe(map.get(k));
        expect([...index.entries()].map(([k, at]) => [k, index.records[at]])).toEqual([...map.entries()]);
      }),
      { numRuns: 300 },
    );
  });

  it('holds a hundred thousand keys through its growth, finding each and no other', () => {
    const index = new SubjectIndex<number>();
    for (let i = 0; i < 100_000; i++) index.add(`["d${i}",${i % 7}]`, [i]);
    expect(index.size).toBe(100_000);
    for (let i = 0; i < 100_000; i += 997) expect(firstSlot(index, `["d${i}",${i % 7}]`)).toBe(i);
    expect(firstSlot(index, '["d5",6]')).toBeUndefined();
    expect(firstSlot(index, '')).toBeUndefined();
  });

  it('keeps the slots of each key right after it, as many as asked', () => {
    const index = new SubjectIndex<number | null>(3);
    const a = index.add('a', [1, null, 2]);
    const b = index.add('b', [3, 4, null]);
    expect(index.find('a')).toBe(a);
    expect(index.find('b')).toBe(b);
    expect(index.find('c')).toBe(-1);
    expect(index.records.slice(a - 1, a + 3)).toEqual(['a', 1, null, 2]);
    expect(index.records.slice(b - 1, b + 3)).toEqual(['b', 3, 4, null]);
    expect([...index.entries()]).toEqual([
      ['a', a],
      ['b', b],
    ]);
    expect(() => new SubjectIndex(0)).toThrow(RangeError);
  });

  it('answers the same whatever the order the keys were added in (and whatever its random seed)', () => {
    const a = new SubjectIndex<string>();
    const b = new SubjectIndex<string>();
    for (let i = 0; i < 1_000; i++) {
      a.add(`k${i}`, [`v${i}`]);
      b.add(`k${999 - i}`, [`v${999 - i}`]);
    }
    for (let i = 0; i < 1_000; i++) expect(firstSlot(a, `k${i}`)).toBe(firstSlot(b, `k${i}`));
  });
});
