import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { deployDirectly } from '../../../../test/support/engine.js';
import { apiKeyFor, seedUser, sessionFor } from '../../../../test/support/identity.js';
import type { Dialect } from '../../../store/database.js';

/** A valid resident identity number (GB 11643 check digit) and others for the subject. */
const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const CARD = '6222021234567890128';

function tx(id: string, at: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'transaction',
    id,
    occurred_at: at,
    subject: {
      user_id: 'u1',
      device_id: 'd1',
      ip: '203.0.113.7',
      id_number: ID_NUMBER,
      phone: PHONE,
      card: CARD,
    },
    data: { amount: 1200, kind: 'payment' },
    ...extra,
  };
}

describeEachDialect('POST /api/v1/decisions', (dialect: Dialect) => {
  let t: TestApp;
  let auth: { authorization: string };

  beforeEach(async () => {
    t = await createTestApp(dialect);
    auth = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
  });
  afterEach(() => t.close());

  const decide = (body: unknown, lang = 'en') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/decisions',
      headers: { ...auth, 'accept-language': lang },
      payload: body as object,
    });

  it('answers review with the reason when no policy is active, never approve, and keeps it out of the review queue', async () => {
    const res = await decide(tx('e-none', '2026-11-01T10:00:00Z'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      outcome: 'review',
      policy: null,
      fallback: { reason: 'no_active_policy' },
    });
    const reviews = await t.app.inject({ method: 'GET', url: '/api/v1/reviews', headers: auth });
    expect(reviews.json().items).toEqual([]);
  });

  it('decides with the active policy, explains why in the caller’s language, and stores the trace', async () => {
    await deployDirectly(t.runtime, 'transaction-velocity');
    const bodies = [];
    for (let i = 0; i < 7; i++) {
      const res = await decide(tx(`e-${i}`, `2026-11-01T10:00:0${i}Z`), i === 6 ? 'zh-CN' : 'en');
      expect(res.statusCode).toBe(200);
      bodies.push(res.json());
    }
    expect(bodies[0]).toMatchObject({
      outcome: 'approve',
      policy: { id: 'transaction-velocity', version: 1 },
    });
    expect(bodies[0].features).toMatchObject({
      tx_count_user_1h: 1,
      tx_sum_user_24h: 1200,
      users_per_device_1h: 1,
    });
    const last = bodies[6];
    expect(last.outcome).toBe('review');
    expect(last.features.tx_count_user_1h).toBe(7);
    const burst = last.rule_hits.find((h: { rule_id: string }) => h.rule_id === 'burst');
    expect(burst.values).toMatchObject({ 'features.tx_count_user_1h': 7 });
    expect(last.reasons).toContainEqual({ rule_id: 'burst', text: '一小时内支付超过5笔' });

    const trace = await t.app.inject({
      method: 'GET',
      url: `/api/v1/decisions/${last.decision_id}`,
      headers: auth,
    });
    expect(trace.statusCode).toBe(200);
    expect(trace.json().decision).toEqual(last);
    expect(trace.json().event.subject.id_number).toMatch(/^[0-9a-f]{64}$/);

    // Search by the identity number in clear: matched through its keyed hash.
    const found = await t.app.inject({
      method: 'GET',
      url: `/api/v1/decisions?subject_key=id_number&subject_value=${ID_NUMBER}&rule=burst`,
      headers: auth,
    });
    // Newest first: the sixth and seventh payments of the hour both fired `burst`.
    expect(found.json().items.map((d: { event_id: string }) => d.event_id)).toEqual(['e-6', 'e-5']);
    const reviews = await t.app.inject({ method: 'GET', url: '/api/v1/reviews', headers: auth });
    expect(reviews.json().items.map((r: { event_id: string }) => r.event_id)).toEqual(['e-5', 'e-6']);
  });

  it('replays a retry byte for byte, refuses a reused id with another body, and never stores clear identifiers', async () => {
    await deployDirectly(t.runtime, 'transaction-velocity');
    const first = await decide(tx('e-1', '2026-11-01T10:00:00Z'));
    const again = await decide(tx('e-1', '2026-11-01T10:00:00Z'), 'zh');
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await decide(tx('e-1', '2026-11-01T10:00:00Z', { data: { amount: 9, kind: 'payment' } }));
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('FK_ERR_EVENT_ID_REUSED');

    for (const table of ['event', 'decision', 'decision_subject', 'audit_log'] as const) {
      const rows = await t.runtime.store.db.selectFrom(table).selectAll().execute();
      const text = JSON.stringify(rows);
      for (const secret of [ID_NUMBER, PHONE, CARD]) expect(text).not.toContain(secret);
    }
  });

  it('stores one decision for 50 concurrent identical requests and gives each the same bytes', async () => {
    await deployDirectly(t.runtime, 'transaction-velocity');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => decide(tx('same', '2026-11-01T10:00:00Z'))),
    );
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([200]));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    const stored = await t.runtime.store.db
      .selectFrom('decision')
      .select('id')
      .where('event_id', '=', 'same')
      .execute();
    expect(stored).toHaveLength(1);
    const audit = await t.runtime.store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'decision.create')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses events that do not match their type, naming the field and never echoing an identifier', async () => {
    const unknown = await decide({ ...tx('x1', '2026-11-01T10:00:00Z'), type: 'nope' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('FK_ERR_EVENT_TYPE_UNKNOWN');
    const bad = await decide(tx('x2', '2026-11-01T10:00:00Z', { data: { amount: 'lots' } }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.data.amount', 'body.data.kind']),
    );
    const id = await decide({
      ...tx('x3', '2026-11-01T10:00:00Z'),
      subject: { id_number: '110105194912310021' },
    });
    expect(id.statusCode).toBe(422);
    expect(id.json().errors[0].path).toBe('body.subject.id_number');
    expect(id.body).not.toContain('110105194912310021');
  });

  it('answers 503 with the fallback outcome, not a decision, when the database is down', async () => {
    await deployDirectly(t.runtime, 'transaction-velocity');
    expect((await decide(tx('up', '2026-11-01T09:59:00Z'))).statusCode).toBe(200);
    await t.runtime.store.close();
    const res = await decide(tx('down', '2026-11-01T10:00:00Z'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'FK_ERR_DECISION_UNAVAILABLE',
      outcome: 'review',
      fallback: { reason: 'database_unavailable' },
    });
  });

  it('lets an analyst resolve a review, and audits it', async () => {
    const analyst = await seedUser(t.runtime, { username: 'ana', roles: ['analyst'], mfa: false });
    const headers = await sessionFor(t.runtime, analyst.id);
    await deployDirectly(t.runtime, 'transaction-velocity');
    let d = { outcome: 'approve', decision_id: '' };
    for (let i = 0; i < 6; i++) d = (await decide(tx(`r${i}`, `2026-11-01T10:00:0${i}Z`))).json();
    expect(d.outcome).toBe('review');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reviews/${d.decision_id}/resolve`,
      headers,
      payload: { resolution: 'fraud', comment: '冒用身份' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'resolved',
      resolution: 'fraud',
      resolved_by: { type: 'user', id: analyst.id },
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reviews/${d.decision_id}/resolve`,
      headers,
      payload: { resolution: 'legitimate' },
    });
    expect(again.statusCode).toBe(409);
  });
});
