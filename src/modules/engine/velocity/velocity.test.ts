import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventValue, VelocityEvent } from './counter-store.js';
import {
  AGGREGATES,
  type FeatureDefinition,
  featureStreamKey,
  MAX_WINDOW_MS,
  subjectKeyValue,
  validateFeature,
} from './feature.js';
import { SubjectKeys } from './subject-keys.js';
import { InMemoryWindowStore } from './window-store.js';

/** Brute force: filter every event with t − w < time ≤ t and compute the aggregate directly. */
function oracle(
  f: FeatureDefinition,
  events: readonly VelocityEvent[],
  t: number,
  current: EventValue,
): number | null {
  const inWindow = events.filter((e) => t - f.windowMs < e.time && e.time <= t);
  if (f.aggregate === 'since_last') {
    return inWindow.length === 0 ? null : t - Math.max(...inWindow.map((e) => e.time));
  }
  const vals = inWindow.map((e) => e.value);
  if (f.includeCurrent) vals.push(current);
  if (f.aggregate === 'count') return vals.length;
  if (f.aggregate === 'distinct')
    return new Set(vals.filter((v) => v !== null).map((v) => `${typeof v}:${v}`)).size;
  const xs = vals.filter((v): v is number => typeof v === 'number');
  const n = xs.length;
  const sum = xs.reduce((a, b) => a + b, 0);
  if (f.aggregate === 'sum') return sum;
  if (n === 0) return null;
  const mean = sum / n;
  if (f.aggregate === 'avg') return mean;
  if (f.aggregate === 'min') return Math.min(...xs);
  if (f.aggregate === 'max') return Math.max(...xs);
  const twoPassMean = xs.reduce((a, b) => a + (b - mean), 0) / n + mean;
  return Math.sqrt(xs.reduce((a, b) => a + (b - twoPassMean) ** 2, 0) / n);
}

/** Exact for count, min, max, distinct, since_last; a tight tolerance scaled by the inputs otherwise. */
function expectClose(f: FeatureDefinition, got: number | null, want: number | null, scale: number): void {
  if (
    got === null ||
    want === null ||
    ['count', 'min', 'max', 'distinct', 'since_last'].includes(f.aggregate)
  ) {
    expect(got).toBe(want);
    return;
  }
  expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * (1 + scale));
}

const WINDOWS = [1_000, 2_500, 7_000];
const feature = (aggregate: FeatureDefinition['aggregate'], windowMs: number, includeCurrent: boolean) =>
  ({
    name: `${aggregate}_${windowMs}_${includeCurrent}`,
    key: ['user_id'],
    aggregate,
    ...(aggregate === 'count' || aggregate === 'since_last' ? {} : { field: 'amount' }),
    windowMs,
    includeCurrent: aggregate === 'since_last' ? false : includeCurrent,
  }) satisfies FeatureDefinition;
const FEATURES = AGGREGATES.flatMap((a) =>
  WINDOWS.flatMap((w) => [feature(a, w, false), feature(a, w, true)]),
);

const value: fc.Arbitrary<EventValue> = fc.oneof(
  fc.integer({ min: -1_000, max: 1_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(null, 'a', 'b', 'c', 1e9 + 0.5),
);
const time = fc.integer({ min: 0, max: 20_000 }).map((ms) => ms - (ms % 250)); // coarse grid: many ties
const op = fc.oneof(
  fc.record({ kind: fc.constant('observe' as const), key: fc.constantFrom('u1', 'u2'), time, value }),
  fc.record({
    kind: fc.constant('evaluate' as const),
    key: fc.constantFrom('u1', 'u2'),
    t: fc.integer({ min: -1_000, max: 28_000 }),
    anchor: fc.nat(),
    current: value,
  }),
);

type Op =
  | { kind: 'observe'; key: string; time: number; value: EventValue }
  | { kind: 'evaluate'; key: string; t: number; anchor: number; current: EventValue };

const magnitude = (v: EventValue): number => (typeof v === 'number' ? Math.abs(v) : 0);

/** Evaluation times for one evaluate op: where the test asks, or on and around a window edge. */
type TimesAt = (
  o: Extract<Op, { kind: 'evaluate' }>,
  events: readonly VelocityEvent[],
  w: number,
) => number[];

/**
 * Runs ops on a store and checks every evaluation against the oracle over all events observed so far:
 * a result must not be truncated when its window starts at or after newest − horizon (nothing it needs
 * can have been pruned), and must equal the oracle whenever it is not truncated.
 */
function check(
  store: InMemoryWindowStore,
  ops: readonly Op[],
  features: readonly FeatureDefinition[],
  at: TimesAt,
  horizon: number,
): void {
  const seen = new Map<string, VelocityEvent[]>();
  const streams = [...new Set(features.map(featureStreamKey))];
  for (const o of ops) {
    const events = seen.get(o.key) ?? [];
    seen.set(o.key, events);
    if (o.kind === 'observe') {
      const e = { time: o.time, value: o.value };
      events.push(e);
      for (const stream of streams) store.observe(stream, o.key, e);
      continue;
    }
    const scale = Math.max(magnitude(o.current), ...events.map((e) => magnitude(e.value)));
    const newest = Math.max(...events.map((e) => e.time));
    for (const f of features) {
      for (const t of at(o, events, f.windowMs)) {
        const got = store.evaluate(f, o.key, t, { value: o.current });
        if (t - f.windowMs >= newest - horizon) expect(got.truncated).toBe(false);
        if (!got.truncated) expectClose(f, got.value, oracle(f, events, t, o.current), scale);
      }
    }
  }
}

/** Registers a 400-day feature on each stream so that nothing is pruned within the test's time range. */
const noPruning = [feature('count', MAX_WINDOW_MS, false), feature('sum', MAX_WINDOW_MS, false)];

describe('velocity windows versus a brute-force oracle', () => {
  it('match the oracle for every aggregate, window edge, tie, late event and includeCurrent', () => {
    const edges: TimesAt = (o, events, w) => {
      const e = events[o.anchor % Math.max(1, events.length)];
      return e === undefined ? [o.t] : [o.t, e.time, e.time - 1, e.time + w, e.time + w - 1];
    };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        check(
          new InMemoryWindowStore({ features: [...FEATURES, ...noPruning] }),
          ops,
          FEATURES,
          edges,
          Number.POSITIVE_INFINITY,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('pruning never changes a result evaluated at or after the newest time seen', () => {
    const around: TimesAt = (o, events, w) => {
      if (events.length === 0) return [];
      const newest = Math.max(...events.map((e) => e.time));
      return [newest, newest + (o.t % 3_000), newest - (o.t % w), o.t % 60_000];
    };
    const stepping = fc.array(
      fc.tuple(fc.oneof(fc.integer({ min: -800, max: 1_500 }), fc.integer({ min: -9_000, max: 0 })), value),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(stepping, fc.array(fc.nat(), { minLength: 80, maxLength: 80 }), (steps, evals) => {
        let clock = 0;
        const ops: Op[] = [];
        steps.forEach(([dt, v], i) => {
          clock = Math.max(0, clock + dt); // mostly forward, sometimes late
          ops.push({ kind: 'observe', key: 'u1', time: clock - (clock % 100), value: v });
          const n = evals[i] ?? 0;
          if (n % 3 === 0) ops.push({ kind: 'evaluate', key: 'u1', t: n, anchor: 0, current: v });
        });
        const store = new InMemoryWindowStore({ features: FEATURES });
        const horizon = Math.max(...WINDOWS);
        check(store, ops, FEATURES, around, horizon);
        const top = Math.max(...ops.flatMap((o) => (o.kind === 'observe' ? [o.time] : [])));
        const live = ops.filter((o) => o.kind === 'observe' && o.time > top - horizon).length;
        expect(store.memoryStats().events).toBe(2 * live); // two streams: with and without a value field
      }),
      { numRuns: 150 },
    );
  });
});

describe('the per-key event cap', () => {
  it('reports truncated when it dropped an event that may lie in the window, and is exact otherwise', () => {
    const count = feature('count', MAX_WINDOW_MS, false);
    const short = feature('count', 1_000, false);
    fc.assert(
      fc.property(
        fc.array(time, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 10 }),
        (times, cap) => {
          const store = new InMemoryWindowStore({ features: [count, short], maxEventsPerKey: cap });
          for (const t of times) store.observe(featureStreamKey(count), 'u1', { time: t, value: null });
          const newest = Math.max(...times);
          const all = store.evaluate(count, 'u1', newest);
          expect(all).toEqual({ value: Math.min(cap, times.length), truncated: times.length > cap });
          expect(store.memoryStats().events).toBe(Math.min(cap, times.length));
          const recent = store.evaluate(short, 'u1', newest);
          const want = times.filter((t) => t > newest - 1_000).length;
          if (!recent.truncated) expect(recent.value).toBe(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('window edges', () => {
  it('exclude the event at t − w and include the event at t', () => {
    const f = feature('count', 1_000, false);
    const store = new InMemoryWindowStore({ features: [f] });
    for (const time of [0, 1_000, 2_000]) store.observe(featureStreamKey(f), 'u1', { time, value: null });
    expect(store.evaluate(f, 'u1', 2_000).value).toBe(1);
    expect(store.evaluate(f, 'u1', 2_999).value).toBe(1);
    expect(store.evaluate(f, 'u1', 2_000, { value: 5 }).value).toBe(1);
    expect(store.evaluate({ ...f, includeCurrent: true }, 'u1', 2_000, { value: 5 }).value).toBe(2);
    expect(store.evaluate(feature('since_last', 1_000, false), 'u1', 2_500).value).toBe(500);
    expect(store.evaluate(feature('since_last', 1_000, false), 'u1', 3_000).value).toBeNull();
  });

  it('report truncated when pruning removed part of a window evaluated before the newest time', () => {
    const f = feature('count', 1_000, false);
    const store = new InMemoryWindowStore({ features: [f] });
    for (const time of [0, 500, 3_000]) store.observe(featureStreamKey(f), 'u1', { time, value: null });
    expect(store.evaluate(f, 'u1', 1_000)).toEqual({ value: 0, truncated: true });
    expect(store.evaluate(f, 'u1', 3_000)).toEqual({ value: 1, truncated: false });
    store.observe(featureStreamKey(f), 'u1', { time: 1_800, value: null }); // late, older than the cut
    expect(store.evaluate(f, 'u1', 3_000)).toEqual({ value: 1, truncated: false });
    expect(store.evaluate(f, 'u1', 2_600)).toEqual({ value: 0, truncated: true });
  });

  it('take back one observation exactly, as if it had never been made', () => {
    const f = feature('sum', 10_000, false);
    const store = new InMemoryWindowStore({ features: [f] });
    const k = featureStreamKey(f);
    for (const [time, value] of [
      [1_000, 5],
      [2_000, 7],
      [2_000, 7],
      [3_000, 9],
    ] as const) {
      store.observe(k, 'u1', { time, value });
    }
    store.unobserve(k, 'u1', { time: 2_000, value: 7 });
    expect(store.evaluate(f, 'u1', 5_000).value).toBe(21);
    store.unobserve(k, 'u1', { time: 2_000, value: 8 }); // never observed: nothing changes
    store.unobserve(k, 'nobody', { time: 2_000, value: 7 });
    expect(store.evaluate(f, 'u1', 5_000).value).toBe(21);
  });

  it('refuses to observe a stream no registered feature reads', () => {
    const store = new InMemoryWindowStore({ features: [] });
    expect(() => store.observe('nope', 'u1', { time: 0, value: 1 })).toThrow(/no registered feature/);
  });
});

describe('feature definitions', () => {
  const valid = {
    name: 'txn_sum_1h',
    key: ['user_id'],
    aggregate: 'sum',
    field: 'amount',
    windowMs: 3_600_000,
    includeCurrent: true,
  };
  const fieldsOf = (input: unknown) => validateFeature(input).map((p) => p.field);

  it('accept a valid definition and the window bounds of 1 s and 400 days', () => {
    expect(validateFeature(valid)).toEqual([]);
    expect(validateFeature({ ...valid, windowMs: 1_000 })).toEqual([]);
    expect(validateFeature({ ...valid, windowMs: 400 * 86_400_000 })).toEqual([]);
  });

  it.each([
    [{ ...valid, name: '' }, ['name']],
    [{ ...valid, key: [] }, ['key']],
    [{ ...valid, key: ['user_id', ''] }, ['key[1]']],
    [{ ...valid, key: ['user_id', 'user_id'] }, ['key']],
    [{ ...valid, aggregate: 'median' }, ['aggregate']],
    [{ ...valid, field: undefined }, ['field']],
    [{ ...valid, aggregate: 'count' }, ['field']],
    [{ ...valid, windowMs: 999 }, ['windowMs']],
    [{ ...valid, windowMs: 400 * 86_400_000 + 1 }, ['windowMs']],
    [{ ...valid, windowMs: 1_500.5 }, ['windowMs']],
    [{ ...valid, includeCurrent: 'yes' }, ['includeCurrent']],
    [{ ...valid, aggregate: 'since_last', field: undefined }, ['includeCurrent']],
    [{ name: 'x' }, ['key', 'aggregate', 'windowMs', 'includeCurrent']],
    ['not an object', ['']],
  ])('name the offending field (%#)', (input, fields) => {
    expect(fieldsOf(input)).toEqual(fields);
  });

  it('combine key fields into one subject key, or none when a field is missing', () => {
    const f = { key: ['user_id', 'device_id'] };
    expect(subjectKeyValue(f, { user_id: 'u1', device_id: 7 })).toBe('["u1",7]');
    expect(subjectKeyValue(f, { user_id: 'u1' })).toBeNull();
  });

  it('let a single string stand for itself unless it could be mistaken for a combined key', () => {
    const f = { key: ['ip'] };
    expect(subjectKeyValue(f, { ip: '10.0.0.1' })).toBe('10.0.0.1');
    expect(subjectKeyValue(f, { ip: '["10.0.0.1"]' })).toBe('["[\\"10.0.0.1\\"]"]');
    expect(subjectKeyValue(f, { ip: 7 })).toBe('[7]');
    expect(subjectKeyValue(f, { ip: '7' })).toBe('7');
    expect(subjectKeyValue(f, {})).toBeNull();
  });

  it('give distinct subjects distinct keys, and the decision path the same keys as the port', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('[', '["a"]', '[1]', '["a","b"]', 'a', '1'),
      fc.integer({ min: -3, max: 3 }),
    );
    const fieldLists = [['a'], ['b'], ['a', 'b']];
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: value, b: value }, { requiredKeys: [] }), { maxLength: 30 }),
        (subjects) => {
          const keys = new SubjectKeys();
          const indexes = fieldLists.map((fields) => keys.indexOf(fields));
          for (const [i, fields] of fieldLists.entries()) {
            const seen = new Map<string, string>();
            for (const subject of subjects) {
              const key = subjectKeyValue({ key: fields }, subject);
              keys.use({ ...subject } as Record<string, string>);
              expect(keys.get(indexes[i] as number)).toBe(key);
              if (key === null) continue;
              // The same key only ever for the same values.
              const values = JSON.stringify(fields.map((k) => subject[k as 'a' | 'b']));
              expect(seen.get(key) ?? values).toBe(values);
              seen.set(key, values);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('min and max over signed zeros', () => {
  it('rank −0 below +0 whichever arrives first, as Math.min and Math.max do', () => {
    const features = (['min', 'max'] as const).map(
      (aggregate): FeatureDefinition => ({
        name: aggregate,
        key: ['user_id'],
        aggregate,
        field: 'amount',
        windowMs: 10_000,
        includeCurrent: false,
      }),
    );
    for (const order of [
      [-0, 0],
      [0, -0],
    ]) {
      const store = new InMemoryWindowStore({ features });
      const stream = featureStreamKey(features[0] as FeatureDefinition);
      for (const [i, value] of order.entries()) store.observe(stream, 'u1', { time: 1_000 + i, value });
      expect(Object.is(store.evaluate(features[0] as FeatureDefinition, 'u1', 5_000).value, -0)).toBe(true);
      expect(Object.is(store.evaluate(features[1] as FeatureDefinition, 'u1', 5_000).value, 0)).toBe(true);
    }
  });
});
