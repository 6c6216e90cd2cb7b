import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { runDetector } from '../detectors/index.js';
import { codeOf, OFFICER, type WarningHarness, warningHarness } from './fixtures.js';
import { periodsUpTo } from './periods.js';
import { KriService } from './service.js';

const actor = OFFICER.actor;
const DAY = 86_400_000;

describeEachDialect('key risk indicators', (dialect) => {
  let t: TestDatabase;
  let h: WarningHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = warningHarness(t.store);
  });
  afterEach(async () => {
    await t?.drop();
  });

  const pushed = (id: string, extra: Record<string, unknown> = {}) =>
    h.kris.create(
      {
        id,
        name: { en: `KRI ${id}`, zh: `指标 ${id}` },
        risk_type: 'liquidity',
        unit: 'ratio',
        direction: 'lower_is_worse',
        frequency: 'daily',
        source: { kind: 'pushed' },
        ...extra,
      },
      actor,
    );
  const day = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + i * DAY).toISOString();

  it('defines KRIs of each source, with defaults from the metric, and refuses bad definitions', async () => {
    const built = await h.kris.create(
      {
        id: 'tech.fallback_rate',
        frequency: 'hourly',
        source: { kind: 'builtin', metric: 'engine.fallback_rate' },
      },
      actor,
    );
    expect(built).toMatchObject({
      name: { en: 'Decision fallback rate', zh: '决策降级率' },
      risk_type: 'technology',
      unit: 'ratio',
      direction: 'higher_is_worse',
      period_ms: 3_600_000,
      latest: null,
      version: 1,
    });
    await pushed('liq.cash');
    await pushed('liq.outflow', { direction: 'higher_is_worse', unit: 'cny' });
    const formula = await h.kris.create(
      {
        id: 'liq.coverage',
        name: { en: 'Cash coverage of 30-day outflows' },
        risk_type: 'liquidity',
        unit: 'ratio',
        direction: 'lower_is_worse',
        frequency: 'daily',
        source: { kind: 'formula', expression: 'liq.cash ÷ max(liq.outflow, 1)' },
        thresholds: { amber: 1.2, red: 1.0, hysteresis: 0.05 },
      },
      actor,
    );
    expect(formula.name).toEqual({
      en: 'Cash coverage of 30-day outflows',
      zh: 'Cash coverage of 30-day outflows',
    });

    expect(await codeOf(pushed('liq.cash'))).toBe('FK_ERR_KRI_EXISTS');
    expect(await codeOf(pushed('Bad Id'))).toBe('FK_ERR_KRI_INVALID');
    expect(await codeOf(pushed('x.y', { frequency: 'yearly' }))).toBe('FK_ERR_KRI_INVALID');
    expect(await codeOf(pushed('x.y', { thresholds: { amber: 1.0, red: 1.2, hysteresis: 0 } }))).toBe(
      'FK_ERR_KRI_INVALID',
    );
    expect(await codeOf(pushed('x.y', { thresholds: { amber: 1.2, red: 1.0, hysteresis: 0.3 } }))).toBe(
      'FK_ERR_KRI_INVALID',
    );
    expect(await codeOf(pushed('x.y', { detectors: [{ method: 'ewma', params: { lambda: 2 } }] }))).toBe(
      'FK_ERR_KRI_INVALID',
    );
    expect(await codeOf(pushed('x.y', { source: { kind: 'builtin', metric: 'engine.nothing' } }))).toBe(
      'FK_ERR_KRI_INVALID',
    );
    expect(
      await codeOf(
        pushed('x.y', { source: { kind: 'builtin', metric: 'engine.rule_hit_rate', params: {} } }),
      ),
    ).toBe('FK_ERR_KRI_INVALID');
    expect(await codeOf(pushed('x.y', { source: { kind: 'formula', expression: 'liq.cash +' } }))).toBe(
      'FK_ERR_KRI_FORMULA_INVALID',
    );
    expect(await codeOf(pushed('x.y', { source: { kind: 'formula', expression: 'nobody * 2' } }))).toBe(
      'FK_ERR_KRI_INVALID',
    );
    expect(
      await codeOf(
        pushed('x.y', { frequency: 'hourly', source: { kind: 'formula', expression: 'liq.cash' } }),
      ),
    ).toBe('FK_ERR_KRI_INVALID');
    expect(await codeOf(pushed('x.y', { source: { kind: 'formula', expression: 'x.y + 1' } }))).toBe(
      'FK_ERR_KRI_FORMULA_CYCLE',
    );
    expect((await h.audit.list({ action: 'kri.create', limit: 100 })).length).toBe(4);
  });

  it('refuses a formula edit that would close a cycle, and the fixed fields', async () => {
    await pushed('a.base');
    await pushed('b.mid', { source: { kind: 'formula', expression: 'a.base * 2' } });
    await pushed('c.top', { source: { kind: 'formula', expression: 'b.mid + 1' } });
    expect(
      await codeOf(h.kris.update('b.mid', { source: { kind: 'formula', expression: 'c.top - 1' } }, actor)),
    ).toBe('FK_ERR_KRI_FORMULA_CYCLE');
    const edited = await h.kris.update(
      'c.top',
      { source: { kind: 'formula', expression: 'a.base + b.mid' } },
      actor,
    );
    expect(edited).toMatchObject({ source: { expression: 'a.base + b.mid' }, version: 2 });
    expect(await codeOf(h.kris.update('a.base', { frequency: 'hourly' }, actor))).toBe('FK_ERR_KRI_INVALID');
    expect(
      await codeOf(h.kris.update('a.base', { source: { kind: 'formula', expression: '1' } }, actor)),
    ).toBe('FK_ERR_KRI_INVALID');
    expect(await codeOf(h.kris.update('a.base', {}, actor))).toBe('FK_ERR_KRI_INVALID');
    expect(await h.kris.missing(['a.base', 'zz.none'])).toEqual(['zz.none']);
  });

  it('takes pushed values and CSV imports with per-row results, and a formula computes from them', async () => {
    await pushed('liq.cash');
    await pushed('liq.outflow', { direction: 'higher_is_worse' });
    await pushed('liq.coverage', { source: { kind: 'formula', expression: 'liq.cash / liq.outflow' } });
    await h.kris.create(
      { id: 'ops.volume', frequency: 'daily', source: { kind: 'builtin', metric: 'engine.decision_volume' } },
      actor,
    );
    const one = await h.kris.pushValue('liq.cash', { period_start: day(0), value: 150 }, actor);
    expect(one).toMatchObject({ rows: 1, added: 1 });
    expect(
      await codeOf(h.kris.pushValue('liq.cash', { period_start: '2026-01-01T06:00:00Z', value: 1 }, actor)),
    ).toBe('FK_ERR_KRI_PERIOD_INVALID');
    expect(await codeOf(h.kris.pushValue('ops.volume', { period_start: day(0), value: 1 }, actor))).toBe(
      'FK_ERR_KRI_NOT_PUSHED',
    );
    const report = await h.kris.importCsv(
      [
        'kri_id,period_start,value',
        `liq.cash,${day(0)},120`,
        `liq.outflow,${day(0)},100`,
        `liq.outflow,${day(0)},101`,
        `nobody,${day(0)},1`,
        `liq.outflow,2026-01-01T05:00:00Z,1`,
        `liq.outflow,${day(1)},abc`,
        `ops.volume,${day(1)},3`,
      ].join('\n'),
      actor,
    );
    expect(report).toMatchObject({ rows: 7, added: 1, replaced: 1, refused: 5 });
    expect(report.results.map((r) => r.status)).toEqual([
      'replaced',
      'added',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(report.results[2]?.message).toContain('appears twice');
    expect(report.results[3]).toMatchObject({ line: 5, message: expect.stringContaining('does not exist') });
    expect(await h.kris.valueOf('liq.coverage', { start: day(0), end: day(1) })).toBeCloseTo(1.2);
    expect(await h.kris.valueOf('liq.coverage', { start: day(1), end: day(2) })).toBeNull();
    expect(await codeOf(h.kris.importCsv('kri,period,value\nx,y,1', actor))).toBe(
      'FK_ERR_KRI_IMPORT_INVALID',
    );
    expect((await h.audit.list({ action: 'kri.values.push', limit: 10 })).length).toBe(2);
  });

  it('raises one band change for a series oscillating around a line, and stores each period once', async () => {
    h.clock.set(day(40));
    await pushed('liq.cash', { thresholds: { amber: 1.2, red: 1.0, hysteresis: 0.05 } });
    const series = [1.5, 1.4, 1.19, 1.22, 1.18, 1.21, 1.19, 1.23, 1.24, 1.26, 1.3];
    for (const [i, value] of series.entries())
      await h.kris.pushValue('liq.cash', { period_start: day(i), value }, actor);
    const bands: string[] = [];
    for (let i = 0; i < series.length; i++) {
      const r = await h.kris.evaluate('liq.cash', day(i), actor);
      expect(r.created).toBe(true);
      bands.push(r.evaluation.band);
    }
    expect(bands).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'green',
      'green',
    ]);
    const entered = h.told.filter((e) => e.band !== e.previous_band && e.band !== 'green');
    expect(entered).toHaveLength(1);
    expect(h.told).toHaveLength(series.length);

    const again = await h.kris.evaluate('liq.cash', day(3), actor);
    expect(again).toMatchObject({ created: false, evaluation: { value: 1.22, band: 'amber' } });
    expect(h.told).toHaveLength(series.length);
    expect(
      await codeOf(
        h.kris.evaluate('liq.cash', day(1), actor).then(() => h.kris.evaluate('liq.cash', day(-1), actor)),
      ),
    ).toBe('FK_ERR_KRI_PERIOD_OUT_OF_ORDER');
    expect(await codeOf(h.kris.evaluate('liq.cash', day(40), actor))).toBe('FK_ERR_KRI_PERIOD_OPEN');
    expect(await codeOf(h.kris.pushValue('liq.cash', { period_start: day(2), value: 2 }, actor))).toBe(
      'FK_ERR_KRI_PERIOD_EVALUATED',
    );

    // A period without a value keeps the band.
    const empty = await h.kris.evaluate('liq.cash', day(20), actor);
    expect(empty.evaluation).toMatchObject({ value: null, band: 'green', previous_band: 'green' });
    expect((await h.audit.list({ action: 'kri.evaluate', limit: 100 })).length).toBe(series.length + 1);
  });

  it('resumes each detector from the stored state, as if it had seen the whole series at once', async () => {
    h.clock.set(day(60));
    const detectors = [
      { method: 'zscore', params: { window: 10, k: 3 } },
      { method: 'cusum', params: { k: 0.5, h: 4, estimateFrom: 10 } },
    ];
    await pushed('liq.cash', { detectors });
    const series = Array.from({ length: 40 }, (_, i) => (i < 30 ? 100 + ((i * 7) % 5) - 2 : 112 + (i % 3)));
    const periods = periodsUpTo('daily', { start: day(39), end: day(40) }, 40);
    await h.kris.importCsv(
      ['kri_id,period_start,value', ...periods.map((p, i) => `liq.cash,${p.start},${series[i]}`)].join('\n'),
      actor,
    );
    for (const p of periods) await h.kris.evaluate('liq.cash', p.start, actor);
    const history = await h.kris.history('liq.cash', { limit: 1000 });
    expect(history.points).toHaveLength(40);
    for (const [i, spec] of detectors.entries()) {
      const batch = runDetector({ method: spec.method, ...spec.params } as never, series);
      const stats = history.points.map(
        (p) => p.detectors.find((d) => d.method === spec.method)?.statistic ?? null,
      );
      expect(stats, spec.method).toEqual(batch.points.map((pt) => pt.statistic));
      const signalled = history.points.flatMap((p, j) => (p.signals.includes(spec.method) ? [j] : []));
      expect(signalled, `${spec.method} (${i})`).toEqual(batch.signals);
    }
    expect(history.points.some((p) => p.signals.length > 0)).toBe(true);
    expect(history.kri.latest).toMatchObject({ period_start: day(39) });
  });

  it('calls the hook again for an evaluation it never accepted', async () => {
    h.clock.set(day(5));
    await pushed('liq.cash', { thresholds: { amber: 1.2, red: 1.0, hysteresis: 0 } });
    await h.kris.pushValue('liq.cash', { period_start: day(0), value: 0.5 }, actor);
    const failing = new KriService({
      ...h.kris.deps,
      onEvaluation: async () => {
        throw new Error('alerts unavailable');
      },
    });
    await expect(failing.evaluate('liq.cash', day(0), actor)).rejects.toThrow('alerts unavailable');
    expect(h.told).toHaveLength(0);
    const retried = await h.kris.evaluate('liq.cash', day(0), actor);
    expect(retried).toMatchObject({ created: false, evaluation: { band: 'red' } });
    expect(h.told).toHaveLength(1);
    await h.kris.evaluate('liq.cash', day(0), actor);
    expect(h.told).toHaveLength(1);
  });
});
