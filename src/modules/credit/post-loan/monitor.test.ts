import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { apiKeyFor, type SessionHeaders, seedUser, sessionFor } from '../../../../test/support/identity.js';
import { ManualClock } from '../../../kernel/clock.js';
import type { Dialect } from '../../../store/database.js';
import { card, POLICY } from '../scorecards/fixtures.js';

describeEachDialect('post-loan monitoring', (dialect: Dialect) => {
  let t: TestApp;
  let officer: SessionHeaders;
  let approver: SessionHeaders;
  let admin: SessionHeaders;
  let key: { authorization: string };
  let ids: { officer: string; approver: string };
  const clock = new ManualClock(Date.parse('2026-11-20T02:00:00Z'));

  beforeEach(async () => {
    t = await createTestApp(dialect, { clock });
    const o = await seedUser(t.runtime, { username: 'officer', roles: ['risk_officer'], mfa: false });
    const a = await seedUser(t.runtime, { username: 'approver', roles: ['approver'], mfa: false });
    const d = await seedUser(t.runtime, { username: 'admin', roles: ['admin'], mfa: false });
    ids = { officer: o.id, approver: a.id };
    officer = await sessionFor(t.runtime, o.id);
    approver = await sessionFor(t.runtime, a.id);
    admin = await sessionFor(t.runtime, d.id);
    key = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
  });
  afterEach(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: object, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: headers as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  /** Moves time on; sessions time out meanwhile, so people sign in again. */
  async function later(ms: number): Promise<void> {
    clock.advance(ms);
    officer = await sessionFor(t.runtime, ids.officer);
    approver = await sessionFor(t.runtime, ids.approver);
  }

  async function publish(shift: number, version: number): Promise<void> {
    expect((await call('POST', '/scorecards', officer, card(shift))).statusCode).toBe(201);
    const change = await call('POST', '/scorecards/retail_app/publish', officer, { version, reason: 'card' });
    expect((await call('POST', `/changes/${change.json().id}/approve`, approver, {})).statusCode).toBe(200);
  }

  it('re-scores active borrowers with the current card and watches those whose score fell or who are late', async () => {
    await publish(0, 1);
    expect((await call('POST', '/policies', officer, { source: POLICY, format: 'yaml' })).statusCode).toBe(
      201,
    );
    const deploy = await call('POST', '/policies/loan-scored/publish', officer, {
      version: 1,
      mode: 'active',
      reason: 'go',
    });
    expect((await call('POST', `/changes/${deploy.json().id}/approve`, approver, {})).statusCode).toBe(200);
    await call('PUT', '/loan-authority', admin, {
      subject_type: 'role',
      subject_id: 'approver',
      product: '*',
      max_amount: '100000.00',
    });

    const decided = await call('POST', '/decisions', key, {
      type: 'loan_application',
      id: 'la-1',
      occurred_at: '2026-11-20T01:00:00Z',
      subject: { user_id: 'u-1' },
      data: { amount: 80000, term_months: 12, monthly_income: 9000 },
    });
    expect(decided.json()).toMatchObject({ outcome: 'approve', models: { app: 570 } });
    await t.runtime.applications.settled();
    const [app] = (await call('GET', '/loan-applications', officer)).json().items;
    const booked = await call('POST', `/loan-applications/${app.id}/approve`, approver, {});
    expect(booked.json()).toMatchObject({ status: 'booked' });

    expect((await call('POST', '/loans/rescore', officer, {})).statusCode).toBe(403);
    expect((await call('POST', '/loans/rescore', approver, {})).json()).toEqual({ scored: 1, watched: 0 });
    expect((await call('GET', '/loans/watchlist', officer)).json()).toEqual([]);

    // A new version of the card gives 30 fewer points to the same income: 570 → 540, a 30-point fall.
    await publish(-30, 2);
    await later(86_400_000);
    expect((await call('POST', '/loans/rescore', approver, {})).json()).toEqual({ scored: 1, watched: 1 });
    const [watched] = (await call('GET', '/loans/watchlist', officer)).json();
    expect(watched).toMatchObject({
      borrower_id: 'u-1',
      score: 540,
      origination_score: 570,
      dpd: 0,
      bucket: 'current',
    });
    expect(watched.reasons.map((r: { code: string }) => r.code)).toEqual(['score_drop']);
    expect(watched.reasons[0].zh).toContain('下降 30 分');

    // Two months later nothing has been repaid: past due as well.
    await later(60 * 86_400_000);
    await call('POST', '/loans/rescore', approver, {});
    const [late] = (await call('GET', '/loans/watchlist', officer)).json();
    expect(late.dpd).toBeGreaterThan(0);
    expect(late.reasons.map((r: { code: string }) => r.code)).toEqual(['past_due', 'score_drop']);

    // The card's performance: its one booked application has gone 30+ days past due, a bad.
    const drift = await call(
      'GET',
      '/scorecards/retail_app/monitoring?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&version=1',
      officer,
    );
    expect(drift.json().performance).toEqual([
      { from: null, to: null, applications: 1, booked: 1, bad: 1, bad_rate: 1 },
    ]);
  });
});
