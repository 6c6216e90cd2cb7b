import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { BUILTIN_EVENT_TYPES } from '../events/builtin.js';
import { EventEnvelope } from '../events/envelope.js';
import { EventTypes } from '../events/event-types.js';
import { createIdentifierHasher } from '../events/hasher.js';
import { normaliseEvent } from '../events/normalise.js';
import {
  LATE_MAX_MS,
  PATTERNS,
  type SimulatedEvent,
  simulateEvents,
  simulateOptionProblems,
  summarise,
  withoutLabel,
} from './index.js';
import { IsoTimeFormatter } from './simulator.js';

const ndjson = (events: Iterable<SimulatedEvent>) => Array.from(events, (e) => JSON.stringify(e)).join('\n');

describe('simulateEvents', () => {
  it('gives byte-identical streams for the same seed and different streams for different seeds', () => {
    const a = ndjson(simulateEvents({ events: 20_000, seed: 42 }));
    const b = ndjson(simulateEvents({ events: 20_000, seed: 42 }));
    const c = ndjson(simulateEvents({ events: 20_000, seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.split('\n')).toHaveLength(20_000);
  });

  it('produces exactly the requested number of events, with unique ids sim-<seed>-<n>', () => {
    for (const n of [1, 7, 5_000]) {
      const events = [...simulateEvents({ events: n, seed: 9 })];
      expect(events).toHaveLength(n);
      const ids = new Set(events.map((e) => e.id));
      expect(ids.size).toBe(n);
      for (const id of ids) expect(id).toMatch(/^sim-9-\d+$/);
    }
  });

  it('emits events the decision API accepts: envelope, data schema of the type, valid identifiers', () => {
    const types = new EventTypes();
    const hasher = createIdentifierHasher(new Uint8Array(32).fill(7));
    const events = [...simulateEvents({ events: 30_000, seed: 5 })];
    const seen = new Set<string>();
    for (const event of events) {
      const envelope = withoutLabel(event);
      expect(Value.Check(EventEnvelope, envelope), event.id).toBe(true);
      expect(Value.Check(BUILTIN_EVENT_TYPES[event.type].data, event.data), event.id).toBe(true);
      const normalised = normaliseEvent(envelope, types, hasher);
      expect(normalised, JSON.stringify(event)).toMatchObject({ ok: true });
      expect(event.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(event.occurred_at).toBe(new Date(event.occurred_at).toISOString());
      expect(event.label.fraud).toBe(event.label.pattern !== null);
      seen.add(event.type);
    }
    expect([...seen].sort()).toEqual(Object.keys(BUILTIN_EVENT_TYPES).sort());
  });

  it('emits in time order except the configured share of late arrivals, each late by at most a few seconds', () => {
    for (const lateFraction of [0, 0.005, 0.05]) {
      const n = 40_000;
      let max = Number.NEGATIVE_INFINITY;
      let late = 0;
      let worst = 0;
      for (const event of simulateEvents({ events: n, seed: 11, lateFraction })) {
        const t = Date.parse(event.occurred_at);
        if (t < max) {
          late++;
          worst = Math.max(worst, max - t);
        } else max = t;
      }
      expect(Math.abs(late - lateFraction * n), `lateFraction ${lateFraction}`).toBeLessThanOrEqual(
        Math.max(3, 0.05 * lateFraction * n),
      );
      expect(worst).toBeLessThanOrEqual(LATE_MAX_MS);
    }
  });

  it('only reorders events when arrivals are late: the events themselves stay the same', () => {
    const byId = (events: Iterable<SimulatedEvent>) =>
      [...events]
        .sort((a, b) => Number(a.id.split('-')[2]) - Number(b.id.split('-')[2]))
        .map((e) => JSON.stringify(e));
    expect(byId(simulateEvents({ events: 10_000, seed: 3, lateFraction: 0.05 }))).toEqual(
      byId(simulateEvents({ events: 10_000, seed: 3, lateFraction: 0 })),
    );
  });

  it('starts at the given time and spans about a year of platform life', () => {
    const summary = summarise(
      simulateEvents({ events: 50_000, seed: 2, start: new Date('2024-03-01T00:00:00Z') }),
    );
    expect(summary.first_at! >= '2024-03-01T00:00:00.000Z').toBe(true);
    const days = (Date.parse(summary.last_at!) - Date.parse('2024-03-01T00:00:00Z')) / 86_400_000;
    expect(days).toBeGreaterThan(250);
    expect(days).toBeLessThan(500);
  });

  it('is lazy: asking for a billion events and taking ten does not build them', () => {
    const first: SimulatedEvent[] = [];
    for (const event of simulateEvents({ events: 1_000_000_000, seed: 1 })) {
      first.push(event);
      if (first.length === 10) break;
    }
    expect(first).toHaveLength(10);
    expect(first[0]!.type).toBe('registration');
  });

  it('refuses invalid options, naming each one', () => {
    expect(
      simulateOptionProblems({ events: 0, seed: -1, lateFraction: 2, rates: { phishing: 0.1 } as never }).map(
        (p) => p.path,
      ),
    ).toEqual(['events', 'seed', 'rates.phishing', 'lateFraction']);
    expect(simulateOptionProblems({ events: 10, seed: 1, rates: { bust_out: 0.3 } })[0]?.path).toBe(
      'rates.bust_out',
    );
    expect(simulateOptionProblems({ events: 10, seed: 1, start: new Date('nope') })[0]?.path).toBe('start');
    expect(() => [...simulateEvents({ events: 1.5, seed: 1 })]).toThrow(/events must be an integer/);
  });
});

describe('IsoTimeFormatter', () => {
  it('formats like Date.prototype.toISOString for any time in years 1970…9999, in any order', () => {
    const time = new IsoTimeFormatter();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => {
        expect(time.format(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe('summarise', () => {
  it('counts events by type and by pattern, and the late ones', () => {
    const events = [...simulateEvents({ events: 20_000, seed: 8, lateFraction: 0.01 })];
    const summary = summarise(events);
    expect(summary.events).toBe(20_000);
    const byType = Object.values(summary.by_type).reduce((a, b) => a + b, 0);
    expect(byType).toBe(20_000);
    for (const p of PATTERNS)
      expect(summary.by_pattern[p]).toBe(events.filter((e) => e.label.pattern === p).length);
    expect(summary.fraud_events).toBe(events.filter((e) => e.label.fraud).length);
    expect(Math.abs(summary.late_events - 200)).toBeLessThanOrEqual(3);
  });
});
