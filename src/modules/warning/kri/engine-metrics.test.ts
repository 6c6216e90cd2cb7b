import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { builtinMetrics } from './builtin-metrics.js';
import { nearestRank } from './engine-metrics.js';
import { insertDecision } from './fixtures.js';
import { metricParamProblems } from './metrics.js';

const DAY1 = { start: '2026-02-01T00:00:00.000Z', end: '2026-02-02T00:00:00.000Z' };
const DAY2 = { start: '2026-02-02T00:00:00.000Z', end: '2026-02-03T00:00:00.000Z' };

describe('nearest-rank percentile', () => {
  it('is an observed value at rank ⌈pN⌉', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(nearestRank(values, 0.99)).toBe(198);
    expect(nearestRank(Float64Array.from([5]), 0.99)).toBe(5);
    expect(nearestRank(Float64Array.from([3, 1, 2]), 0.5)).toBe(2);
    expect(nearestRank(new Float64Array(0), 0.99)).toBeNull();
  });
});

describeEachDialect('engine metrics', (dialect) => {
  let t: TestDatabase;
  const metrics = builtinMetrics();
  const value = (id: string, period = DAY1, params: Record<string, string> = {}) =>
    metrics.get(id)!.compute(t.store.db, period, params);
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const outcomes = [
      'approve',
      'approve',
      'approve',
      'review',
      'reject',
      'approve',
      'reject',
      'approve',
      'approve',
      'approve',
    ];
    for (const [i, outcome] of outcomes.entries()) {
      await insertDecision(t.store, {
        id: `d${String(i).padStart(3, '0')}`,
        at: `2026-02-01T${String(i + 1).padStart(2, '0')}:00:00.000Z`,
        outcome,
        eventType: i < 6 ? 'login' : 'withdrawal',
        fallback: i === 9 ? 'timeout' : null,
        latencyMs: (i + 1) * 10,
        rules: i % 2 === 0 ? ['R001'] : i === 3 ? ['R001', 'R002'] : [],
      });
    }
    await insertDecision(t.store, { id: 'd900', at: DAY2.start, outcome: 'reject' });
  });
  afterEach(async () => {
    await t?.drop();
  });

  it('counts decisions and rates of the period, by event type when asked', async () => {
    expect(await value('engine.decision_volume')).toBe(10);
    expect(await value('engine.decision_volume', DAY1, { event_type: 'withdrawal' })).toBe(4);
    expect(await value('engine.reject_rate')).toBeCloseTo(0.2);
    expect(await value('engine.reject_rate', DAY1, { event_type: 'login' })).toBeCloseTo(1 / 6);
    expect(await value('engine.review_rate')).toBeCloseTo(0.1);
    expect(await value('engine.fallback_rate')).toBeCloseTo(0.1);
    expect(await value('engine.reject_rate', DAY2)).toBe(1);
    expect(
      await value('engine.reject_rate', {
        start: '2026-03-01T00:00:00.000Z',
        end: '2026-03-02T00:00:00.000Z',
      }),
    ).toBeNull();
  });

  it('measures a rule hit rate and the latency p99', async () => {
    expect(await value('engine.rule_hit_rate', DAY1, { rule_id: 'R001' })).toBeCloseTo(0.6);
    expect(await value('engine.rule_hit_rate', DAY1, { rule_id: 'R002' })).toBeCloseTo(0.1);
    expect(
      await value('engine.rule_hit_rate', DAY1, { rule_id: 'R001', event_type: 'withdrawal' }),
    ).toBeCloseTo(0.5);
    expect(await value('engine.latency_p99')).toBe(100);
    expect(await value('engine.latency_p99', DAY1, { event_type: 'login' })).toBe(60);
    expect(metricParamProblems(metrics.get('engine.rule_hit_rate')!, {})).toEqual(['rule_id is required']);
    expect(metricParamProblems(metrics.get('engine.reject_rate')!, { rule: 'x' })).toEqual([
      'rule is not a parameter of engine.reject_rate',
    ]);
  });
});
