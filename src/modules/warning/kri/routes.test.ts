import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import {
  APPROVER,
  OFFICER,
  person,
  type WarningHarness,
  warningHarness,
  warningTestApp,
} from './fixtures.js';

const DAY = 86_400_000;
const day = (i: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + i * DAY).toISOString();

describe('/api/v1/kris over HTTP', () => {
  let t: TestDatabase;
  let h: WarningHarness;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    h = warningHarness(t.store, {}, '2026-03-01T00:00:00.000Z');
    app = await warningTestApp(h, {
      officer: OFFICER,
      approver: APPROVER,
      reader: person('u-reader', ['kri:read']),
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, as?: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as ? { 'x-as': as } : {},
      ...(payload ? { payload } : {}),
    });

  it('needs kri:read to read and kri:write to change', async () => {
    expect((await call('GET', '/kris')).statusCode).toBe(401);
    const denied = await call('POST', '/kris', 'reader', {
      id: 'x.y',
      frequency: 'daily',
      source: { kind: 'pushed' },
    });
    expect(denied.statusCode).toBe(403);
    expect(
      (await call('GET', '/kri-metrics', 'reader')).json().items.map((m: { id: string }) => m.id),
    ).toContain('engine.latency_p99');
  });

  it('defines a pushed KRI, takes values, evaluates on demand and charts the history', async () => {
    const created = await call('POST', '/kris', 'officer', {
      id: 'market.csi300_vol_20d',
      name: { en: 'CSI 300 20-day volatility', zh: '沪深300指数20日波动率' },
      risk_type: 'market',
      unit: 'pct',
      direction: 'higher_is_worse',
      frequency: 'daily',
      source: { kind: 'pushed' },
      thresholds: { amber: 25, red: 35, hysteresis: 1 },
      detectors: [{ method: 'zscore', params: { window: 5, k: 3 } }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'market.csi300_vol_20d',
      period_ms: 86_400_000,
      latest: null,
    });

    const values = [15, 16, 15.5, 16.2, 15.8, 26, 24.5];
    for (const [i, value] of values.entries()) {
      const pushed = await call('POST', '/kris/market.csi300_vol_20d/values', 'officer', {
        period_start: day(i),
        value,
      });
      expect(pushed.statusCode).toBe(200);
    }
    const imported = await call('POST', '/kri-values/import', 'officer', {
      csv: `kri_id,period_start,value\nmarket.csi300_vol_20d,${day(7)},23.9\nmarket.csi300_vol_20d,${day(8)},x`,
    });
    expect(imported.json()).toMatchObject({
      added: 1,
      refused: 1,
      results: [{ status: 'added' }, { status: 'refused', line: 3 }],
    });

    for (let i = 0; i < 8; i++) {
      const r = await call('POST', '/kris/market.csi300_vol_20d/evaluate', 'officer', {
        period_start: day(i),
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().created).toBe(true);
    }
    const again = await call('POST', '/kris/market.csi300_vol_20d/evaluate', 'officer', {
      period_start: day(5),
    });
    expect(again.json()).toMatchObject({
      created: false,
      evaluation: { band: 'amber', previous_band: 'green' },
    });
    const open = await call('POST', '/kris/market.csi300_vol_20d/evaluate', 'officer', {
      period_start: '2026-03-01T00:00:00Z',
    });
    expect(open.statusCode).toBe(409);
    expect(open.headers['content-type']).toContain('application/problem+json');
    expect(open.json().code).toBe('FK_ERR_KRI_PERIOD_OPEN');

    const history = await call(
      'GET',
      `/kris/market.csi300_vol_20d/history?from=${encodeURIComponent(day(2).replace('.000Z', '+00:00'))}`,
      'reader',
    );
    expect(history.statusCode).toBe(200);
    const body = history.json();
    expect(body.points.map((p: { band: string }) => p.band)).toEqual([
      'green',
      'green',
      'green',
      'amber',
      'amber',
      'green',
    ]);
    expect(body.points[3]).toMatchObject({
      value: 26,
      signals: ['zscore'],
      thresholds: { amber: 25, red: 35, hysteresis: 1 },
    });
    expect(body.kri.latest).toMatchObject({ value: 23.9, band: 'green' });
    expect(h.told).toHaveLength(8);
  });

  it('answers refusals as problems with their own codes', async () => {
    const cycle = await call('POST', '/kris', 'officer', {
      id: 'a.b',
      name: { en: 'x' },
      risk_type: 'market',
      unit: 'x',
      direction: 'higher_is_worse',
      frequency: 'daily',
      source: { kind: 'formula', expression: 'a.b * 2' },
    });
    expect(cycle.json().code).toBe('FK_ERR_KRI_FORMULA_CYCLE');
    const fixed = await call('PATCH', '/kris/market.csi300_vol_20d', 'officer', { frequency: 'hourly' });
    expect(fixed.json().code).toBe('FK_ERR_KRI_INVALID');
    expect((await call('GET', '/kris/nope', 'reader')).json().code).toBe('FK_ERR_KRI_NOT_FOUND');
    const patched = await call('PATCH', '/kris/market.csi300_vol_20d', 'officer', {
      owner: 'u-cro',
      thresholds: null,
    });
    expect(patched.json()).toMatchObject({ owner: 'u-cro', thresholds: null, version: 2 });
  });
});

describe('/api/v1/risks over HTTP', () => {
  let t: TestDatabase;
  let h: WarningHarness;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    h = warningHarness(t.store);
    app = await warningTestApp(h, {
      officer: OFFICER,
      approver: APPROVER,
      reader: person('u-reader', ['kri:read']),
    });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    as?: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as ? { 'x-as': as } : {},
      ...(payload ? { payload } : {}),
    });

  it('records a risk, keeps grading under four eyes, and draws the heat map', async () => {
    const created = await call('POST', '/risks', 'officer', {
      title: { en: 'Mass withdrawal', zh: '集中提现' },
      category: 'liquidity',
      cause: { en: 'Loss of confidence' },
      consequence: { zh: '无法按时兑付' },
      inherent: { likelihood: 2, impact: 5 },
      residual: { likelihood: 2, impact: 4 },
      controls: { CFP: { title: { en: 'Contingency funding plan' }, frequency: 'annual' } },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'R-LQ-001',
      residual: { grade: 8, level: 'medium' },
      controls: [{ id: 'CFP', test_overdue: true }],
    });

    const direct = await call('PATCH', '/risks/R-LQ-001', 'officer', {
      residual: { likelihood: 1, impact: 4 },
    });
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe('FK_ERR_RISK_GRADE_NEEDS_APPROVAL');

    const submitted = await call('POST', '/risks/R-LQ-001/grade', 'officer', {
      residual: { likelihood: 1, impact: 4 },
      reason: 'drill passed',
    });
    expect(submitted.statusCode).toBe(201);
    const id = submitted.json().id as string;
    expect((await call('POST', `/changes/${id}/approve`, 'officer', {})).statusCode).toBe(403);
    const approved = await call('POST', `/changes/${id}/approve`, 'approver', { comment: 'ok' });
    expect(approved.json().status).toBe('applied');
    expect((await call('GET', '/risks/R-LQ-001', 'reader')).json().residual).toMatchObject({
      grade: 4,
      level: 'low',
    });

    const tested = await call('PUT', '/risks/R-LQ-001/controls/CFP', 'officer', {
      title: { en: 'Contingency funding plan' },
      frequency: 'annual',
      last_tested_on: '2026-02-15',
      last_result: 'effective',
    });
    expect(tested.json().controls[0]).toMatchObject({ last_result: 'effective', test_overdue: false });
    const map = await call('GET', '/risks/heatmap?basis=residual', 'reader');
    expect(map.statusCode).toBe(200);
    expect(
      map
        .json()
        .cells.find((c: { likelihood: number; impact: number }) => c.likelihood === 1 && c.impact === 4),
    ).toMatchObject({
      count: 1,
      risk_ids: ['R-LQ-001'],
    });
    expect((await call('GET', '/risks?category=liquidity', 'reader')).json().items).toHaveLength(1);
    expect((await call('DELETE', '/risks/R-LQ-001/controls/CFP', 'reader')).statusCode).toBe(403);
    expect((await call('DELETE', '/risks/R-LQ-001/controls/CFP', 'officer')).json().controls).toEqual([]);
  });
});
