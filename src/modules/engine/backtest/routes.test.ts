import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { deployDirectly, TEST_POLICIES } from '../../../../test/support/engine.js';
import { apiKeyFor, seedUser, sessionFor } from '../../../../test/support/identity.js';
import type { Dialect } from '../../../store/database.js';

describeEachDialect('POST /api/v1/backtests', (dialect: Dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('replays stored events through a saved version and a draft, labelled by review verdicts', async () => {
    await deployDirectly(t.runtime, 'transaction-velocity');
    const key = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/decisions',
        headers: key,
        payload: {
          type: 'transaction',
          id: `b${i}`,
          occurred_at: `2026-11-01T10:00:0${i}Z`,
          subject: { user_id: 'u1', device_id: 'd1' },
          data: { amount: 100, kind: 'payment' },
        },
      });
      ids.push(res.json().decision_id);
    }
    const analyst = await seedUser(t.runtime, { username: 'ana', roles: ['analyst'], mfa: false });
    const officer = await seedUser(t.runtime, { username: 'off', roles: ['risk_officer'], mfa: false });
    const a = await sessionFor(t.runtime, analyst.id);
    const o = await sessionFor(t.runtime, officer.id);
    // The 6th payment of the hour went to review; the analyst confirms fraud, the 7th was legitimate.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reviews/${ids[5]}/resolve`,
      headers: a,
      payload: { resolution: 'fraud' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/reviews/${ids[6]}/resolve`,
      headers: a,
      payload: { resolution: 'legitimate' },
    });

    const draft = (TEST_POLICIES['transaction-velocity'] ?? '').replace(
      'tx_count_user_1h > 5.0',
      'tx_count_user_1h > 6.0',
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/backtests',
      headers: o,
      payload: {
        policy: { source: draft, format: 'yaml' },
        baseline: { id: 'transaction-velocity', version: 1 },
      },
    });
    expect(res.statusCode).toBe(201);
    const { id, report } = res.json();
    expect(report).toMatchObject({ events: 8, labelled: 2, positives: 1 });
    expect(report.outcomes).toEqual({ approve: 6, review: 2, reject: 0 });
    expect(report.comparison).toMatchObject({ changed: 1, looser: 1, transitions: { 'review->approve': 1 } });
    const burst = report.rules.find((r: { rule_id: string }) => r.rule_id === 'burst');
    expect(burst).toMatchObject({ hits: 2, tp: 0, fp: 1, fn: 1 });

    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/backtests/${id}`, headers: o });
    expect(stored.json().report).toEqual(report);
  });
});
