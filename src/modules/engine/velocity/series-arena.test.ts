import { describe, expect, it } from 'vitest';
import { type FeatureDefinition, featureStreamKey } from './feature.js';
import { countOf, headOf, insertEvent, OFFSET_MASK, SeriesArena, type SubjectSeries } from './series.js';
import { InMemoryWindowStore } from './window-store.js';

describe('the series arena', () => {
  it('hands out disjoint empty blocks, grows its pages, and reuses a released block of the same size', () => {
    const arena = new SeriesArena();
    const handles = Array.from({ length: 2_000 }, (_, i) => arena.alloc(i % 3 === 0 ? 8 : 2));
    // Fill every block's event slots with its own number: no block may overwrite another.
    handles.forEach((h, i) => {
      const page = arena.page(h);
      const o = h & OFFSET_MASK;
      expect([headOf(page, o), countOf(page, o)]).toEqual([5, 0]);
      for (let s = 0; s < (i % 3 === 0 ? 8 : 2); s++) page[o + 5 + s] = i;
    });
    handles.forEach((h, i) => {
      const page = arena.page(h);
      const o = h & OFFSET_MASK;
      for (let s = 0; s < (i % 3 === 0 ? 8 : 2); s++) expect(page[o + 5 + s]).toBe(i);
    });
    expect(arena.pages.length).toBeGreaterThan(1);
    arena.release(handles[3] as number);
    expect(arena.alloc(8)).toBe(handles[3]);
    expect(arena.alloc(8)).not.toBe(handles[3]);
  });

  it('keeps a series longer than a page in a page of its own', () => {
    const arena = new SeriesArena();
    const records: SubjectSeries = ['k', arena.alloc(2), null];
    const n = (1 << 20) + 10;
    for (let i = 0; i < n; i++) insertEvent(arena, records, 1, i, null);
    const h = records[1] as number;
    const page = arena.page(h);
    expect(countOf(page, h & OFFSET_MASK)).toBe(n);
    expect(page[(h & OFFSET_MASK) + 5 + n - 1]).toBe(n - 1);
  });

  it('gives a store the same answers for a key with more events than a page holds', () => {
    const feature: FeatureDefinition = {
      name: 'n',
      key: ['user_id'],
      aggregate: 'count',
      windowMs: 100 * 86_400_000,
      includeCurrent: false,
    };
    const store = new InMemoryWindowStore({ features: [feature], maxEventsPerKey: 2_000_000 });
    const stream = featureStreamKey(feature);
    for (let i = 0; i < 1_100_000; i++) store.observe(stream, 'u', { time: i, value: null });
    expect(store.evaluate(feature, 'u', 1_099_999).value).toBe(1_100_000);
    expect(store.evaluate(feature, 'u', 99).value).toBe(100);
    expect(store.memoryStats()).toEqual(store.recountStats());
  });
});
