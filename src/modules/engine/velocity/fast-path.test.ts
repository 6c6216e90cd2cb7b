import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../contracts.js';
import { FeatureEngine, type PolicyFeature } from '../runtime/features.js';
import type { CounterStore, EventValue, VelocityEvent } from './counter-store.js';
import { AGGREGATES, type FeatureDefinition, featureStreamKey } from './feature.js';
import { InMemoryWindowStore } from './window-store.js';

/**
 * The documented semantics written the slow, obvious way: one sorted list per (stream, key), pruned
 * and capped with `splice`, every aggregate by filtering. The compact store must agree exactly.
 */
class ReferenceStore {
  readonly #series = new Map<string, { events: VelocityEvent[]; newest: number; dropped: number }>();
  constructor(
    private readonly horizon: number,
    private readonly cap: number,
  ) {}

  observe(key: string, e: VelocityEvent): void {
    let s = this.#series.get(key);
    if (s === undefined) {
      s = { events: [], newest: Number.NEGATIVE_INFINITY, dropped: Number.NEGATIVE_INFINITY };
      this.#series.set(key, s);
    }
    if (e.time <= s.newest - this.horizon) {
      s.dropped = Math.max(s.dropped, e.time);
      return;
    }
    const at = s.events.filter((x) => x.time <= e.time).length;
    s.events.splice(at, 0, e);
    s.newest = Math.max(s.newest, e.time);
    const keep = (x: VelocityEvent) => x.time > s.newest - this.horizon;
    for (const x of s.events.filter((x) => !keep(x))) s.dropped = Math.max(s.dropped, x.time);
    s.events = s.events.filter(keep);
    while (s.events.length > this.cap) s.dropped = Math.max(s.dropped, s.events.shift()?.time ?? 0);
  }

  unobserve(key: string, e: VelocityEvent): void {
    const events = this.#series.get(key)?.events ?? [];
    for (let i = events.length - 1; i >= 0; i--) {
      const x = events[i] as VelocityEvent;
      if (x.time === e.time && x.value === e.value) {
        events.splice(i, 1);
        return;
      }
    }
  }

  /** Window contents and truncation of `key` at t for a window of w. */
  window(key: string, t: number, w: number): { values: EventValue[]; times: number[]; truncated: boolean } {
    const s = this.#series.get(key);
    const inside = (s?.events ?? []).filter((x) => t - w < x.time && x.time <= t);
    return {
      values: inside.map((x) => x.value),
      times: inside.map((x) => x.time),
      truncated: s !== undefined && s.dropped > t - w,
    };
  }

  events(): number {
    return [...this.#series.values()].reduce((n, s) => n + s.events.length, 0);
  }
}

const feature = (aggregate: FeatureDefinition['aggregate'], windowMs: number): FeatureDefinition => ({
  name: `${aggregate}_${windowMs}`,
  key: ['user_id'],
  aggregate,
  ...(aggregate === 'count' || aggregate === 'since_last' ? {} : { field: 'amount' }),
  windowMs,
  includeCurrent: false,
});

const value: fc.Arbitrary<EventValue> = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  fc.constantFrom(null, 'a', 'b', Number.NaN, 0, -0),
);
const op = fc.oneof(
  fc.record({
    kind: fc.constant('observe' as const),
    key: fc.constantFrom('u1', 'u2'),
    time: fc.integer({ min: 0, max: 60 }).map((x) => x * 100),
    value,
  }),
  fc.record({
    kind: fc.constant('unobserve' as const),
    key: fc.constantFrom('u1', 'u2'),
    time: fc.integer({ min: 0, max: 60 }).map((x) => x * 100),
    value,
  }),
  fc.record({
    kind: fc.constant('evaluate' as const),
    key: fc.constantFrom('u1', 'u2', 'u3'),
    time: fc.integer({ min: -10, max: 80 }).map((x) => x * 100),
    value,
  }),
);

describe('the compact window store versus a slow reference of the same semantics', () => {
  it('agrees on values, truncation and size under observe, unobserve, pruning and the cap', () => {
    const windows = [1_000, 2_500];
    const features = AGGREGATES.flatMap((a) => windows.map((w) => feature(a, w)));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), fc.integer({ min: 1, max: 12 }), (ops, cap) => {
        const store = new InMemoryWindowStore({ features, maxEventsPerKey: cap });
        const ref = new ReferenceStore(2_500, cap);
        const streams = [...new Set(features.map(featureStreamKey))]; // with and without a value field
        for (const o of ops) {
          const e = { time: o.time, value: o.value };
          if (o.kind === 'observe') {
            for (const stream of streams) store.observe(stream, o.key, e);
            ref.observe(o.key, e);
          } else if (o.kind === 'unobserve') {
            for (const stream of streams) store.unobserve(stream, o.key, e);
            ref.unobserve(o.key, e);
          } else {
            for (const f of features) {
              const got = store.evaluate(f, o.key, o.time);
              const want = ref.window(o.key, o.time, f.windowMs);
              expect(got.truncated).toBe(want.truncated);
              if (f.aggregate === 'count') expect(got.value).toBe(want.times.length);
              if (f.aggregate === 'since_last') {
                expect(got.value).toBe(want.times.length === 0 ? null : o.time - Math.max(...want.times));
              }
              if (f.aggregate === 'distinct') {
                expect(got.value).toBe(new Set(want.values.filter((v) => v !== null)).size);
              }
              if (f.aggregate === 'max') {
                const xs = want.values.filter(
                  (v): v is number => typeof v === 'number' && Number.isFinite(v),
                );
                expect(got.value).toBe(xs.length === 0 ? null : Math.max(...xs));
              }
            }
          }
          expect(store.memoryStats().events).toBe(streams.length * ref.events());
          // The statistics kept as the store changes equal a full recount.
          expect(store.memoryStats()).toEqual(store.recountStats());
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The port alone, so that `FeatureEngine` cannot take its in-process fast path. */
function portOnly(store: CounterStore): CounterStore {
  return {
    observe: (k, v, e) => store.observe(k, v, e),
    unobserve: (k, v, e) => store.unobserve(k, v, e),
    evaluate: (f, v, t, c) => store.evaluate(f, v, t, c),
    memoryStats: () => store.memoryStats(),
  };
}

describe('the decision engine over the in-process store', () => {
  it('computes exactly what it computes through the CounterStore port', () => {
    const features: PolicyFeature[] = [
      { name: 'n_user', key: ['user_id'], aggregate: 'count', windowMs: 3_000, includeCurrent: true },
      {
        name: 'last_user',
        key: ['user_id'],
        aggregate: 'since_last',
        windowMs: 5_000,
        includeCurrent: false,
      },
      {
        name: 'sum_user',
        key: ['user_id'],
        aggregate: 'sum',
        field: 'amount',
        windowMs: 4_000,
        includeCurrent: true,
        events: ['pay'],
      },
      {
        name: 'users_dev',
        key: ['device_id'],
        aggregate: 'distinct',
        field: 'subject.user_id',
        windowMs: 6_000,
        includeCurrent: true,
      },
      {
        name: 'avg_pair',
        key: ['user_id', 'device_id'],
        aggregate: 'avg',
        field: 'amount',
        windowMs: 2_000,
        includeCurrent: false,
        default: -1,
      },
    ];
    const event = fc.record({
      type: fc.constantFrom('pay', 'login'),
      user: fc.constantFrom('u1', 'u2', 'u"3', undefined),
      device: fc.constantFrom('d1', 'd2'),
      time: fc.integer({ min: 0, max: 100 }).map((x) => x * 100),
      amount: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constant('x')),
      undo: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (raw) => {
        const fast = new FeatureEngine(new InMemoryWindowStore({ features }), features);
        const slow = new FeatureEngine(portOnly(new InMemoryWindowStore({ features })), features);
        raw.forEach((r, i) => {
          const subject: Record<string, string> = { device_id: r.device };
          if (r.user !== undefined) subject['user_id'] = r.user;
          const e: EngineEvent = {
            type: r.type,
            id: `e${i}`,
            occurred_at: new Date(r.time).toISOString(),
            occurredMs: r.time,
            subject,
            data: { amount: r.amount },
          };
          expect(fast.compute(features, e)).toEqual(slow.compute(features, e));
          fast.observe(e);
          slow.observe(e);
          if (r.undo) {
            fast.unobserve(e);
            slow.unobserve(e);
          }
        });
        expect(fast.store.memoryStats()).toEqual(slow.store.memoryStats());
      }),
      { numRuns: 200 },
    );
  });

  it('loses nothing when another engine on the same store adds a subject between a decision and its observation', () => {
    const features: PolicyFeature[] = [
      { name: 'n_user', key: ['user_id'], aggregate: 'count', windowMs: 10_000, includeCurrent: true },
      {
        name: 'users_dev',
        key: ['device_id'],
        aggregate: 'distinct',
        field: 'subject.user_id',
        windowMs: 10_000,
        includeCurrent: true,
      },
    ];
    const step = fc.record({
      user: fc.constantFrom('u1', 'u2', 'u3'),
      device: fc.constantFrom('d1', 'd2'),
      time: fc.integer({ min: 0, max: 50 }).map((x) => x * 100),
      // Another event, observed through the other engine after this one is computed and before it
      // is observed (as a second engine over one store, or a rebuild, might).
      between: fc.option(
        fc.record({ user: fc.constantFrom('u1', 'u2', 'u3'), device: fc.constantFrom('d1', 'd2') }),
      ),
      engine: fc.constantFrom(0, 1),
    });
    const eventOf = (id: string, user: string, device: string, time: number): EngineEvent => ({
      type: 'apply',
      id,
      occurred_at: new Date(time).toISOString(),
      occurredMs: time,
      subject: { user_id: user, device_id: device },
      data: {},
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = new InMemoryWindowStore({ features });
        const engines = [new FeatureEngine(store, features), new FeatureEngine(store, features)];
        const reference = new FeatureEngine(portOnly(new InMemoryWindowStore({ features })), features);
        steps.forEach((st, i) => {
          const e = eventOf(`e${i}`, st.user, st.device, st.time);
          const engine = engines[st.engine] as FeatureEngine;
          expect(engine.compute(features, e)).toEqual(reference.compute(features, e));
          if (st.between !== null) {
            const other = eventOf(`b${i}`, st.between.user, st.between.device, st.time);
            (engines[1 - st.engine] as FeatureEngine).observe(other);
            reference.observe(other);
          }
          engine.observe(e);
          reference.observe(e);
        });
        expect(store.memoryStats()).toEqual(reference.store.memoryStats());
        expect(store.memoryStats()).toEqual(store.recountStats());
      }),
      { numRuns: 200 },
    );
  });
});
