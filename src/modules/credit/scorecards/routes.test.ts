import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { apiKeyFor, type SessionHeaders, seedUser, sessionFor } from '../../../../test/support/identity.js';
import type { Dialect } from '../../../store/database.js';
import { card, POLICY } from './fixtures.js';

describeEachDialect('scorecard registry', (dialect: Dialect) => {
  let t: TestApp;
  let officer: SessionHeaders;
  let approver: SessionHeaders;
  let key: { authorization: string };
  let n = 0;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const o = await seedUser(t.runtime, { username: 'officer', roles: ['risk_officer'], mfa: false });
    const a = await seedUser(t.runtime, { username: 'approver', roles: ['approver'], mfa: false });
    officer = await sessionFor(t.runtime, o.id);
    approver = await sessionFor(t.runtime, a.id);
    key = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
  });
  afterEach(() => t.close());

  const post = (url: string, headers: object, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
  const get = (url: string, headers: object) =>
    t.app.inject({ method: 'GET', url, headers: headers as Record<string, string> });

  async function publish(version: number, rollback = false): Promise<void> {
    const change = rollback
      ? await post('/api/v1/scorecards/retail_app/rollback', officer, { reason: 'back out' })
      : await post('/api/v1/scorecards/retail_app/publish', officer, { version, reason: 'new card' });
    expect(change.statusCode).toBe(202);
    const id = change.json().id;
    expect((await post(`/api/v1/changes/${id}/approve`, officer, {})).statusCode).toBe(403);
    expect((await post(`/api/v1/changes/${id}/approve`, approver, {})).statusCode).toBe(200);
  }

  async function decide(income: number) {
    const res = await post('/api/v1/decisions', key, {
      type: 'loan_application',
      id: `la-${n++}`,
      occurred_at: '2026-11-20T10:00:00Z',
      subject: { user_id: `u${n}` },
      data: { amount: 80000, term_months: 12, monthly_income: income },
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('refuses a corrupted card with the problem named and stores nothing', async () => {
    const bad = { ...card(), base_points: 501 };
    const res = await post('/api/v1/scorecards', officer, bad);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('FK_ERR_SCORECARD_INVALID');
    expect(JSON.stringify(res.json())).toContain('checksum');
    expect((await get('/api/v1/scorecards', officer)).json()).toEqual([]);
  });

  it('gives rules each variable’s shortfall: the reason codes as numbers a rule can test', async () => {
    expect((await post('/api/v1/scorecards', officer, card())).statusCode).toBe(201);
    await publish(1);
    const policy = POLICY.replace(
      'rules:\n',
      `rules:
  - id: income_shortfall
    description: { en: Income costs the applicant 50 points or more, zh: 收入项扣分不少于 50 分 }
    when: models.app__income >= 50.0
    action: review
    priority: 10
`,
    );
    const saved = await post('/api/v1/policies', officer, { source: policy, format: 'yaml' });
    expect(saved.statusCode).toBe(201);
    const deploy = await post('/api/v1/policies/loan-scored/publish', officer, {
      version: 1,
      mode: 'active',
      reason: 'go',
    });
    expect((await post(`/api/v1/changes/${deploy.json().id}/approve`, approver, {})).statusCode).toBe(200);
    // Income 2,000 falls in the 5-point bin of a variable whose best is 60: a shortfall of 55.
    const poor = await decide(2000);
    expect(poor).toMatchObject({ outcome: 'review', models: { app: 515 } });
    expect(poor.rule_hits[0]).toMatchObject({
      rule_id: 'income_shortfall',
      values: { 'models.app__income': 55 },
    });
    expect((await decide(9000)).outcome).toBe('approve');
  });

  it('scores live decisions only once a second person publishes it, with reason codes and a stored score; rollback restores the earlier card', async () => {
    const r1 = await post('/api/v1/scorecards', officer, card());
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({ name: 'retail_app', version: 1 });
    // A policy naming an unpublished card does not compile.
    const early = await post('/api/v1/policies', officer, { source: POLICY, format: 'yaml' });
    expect(early.statusCode).toBe(422);
    expect(JSON.stringify(early.json())).toContain('not a registered scorecard with a published version');

    await publish(1);
    const saved = await post('/api/v1/policies', officer, { source: POLICY, format: 'yaml' });
    expect(saved.statusCode).toBe(201);
    const deploy = await post('/api/v1/policies/loan-scored/publish', officer, {
      version: 1,
      mode: 'active',
      reason: 'go live',
    });
    expect((await post(`/api/v1/changes/${deploy.json().id}/approve`, approver, {})).statusCode).toBe(200);

    const poor = await decide(2000); // 500 + 5 + 10 = 515
    expect(poor.models).toEqual({ app: 515 });
    expect(poor.outcome).toBe('reject');
    expect(poor.model_reasons.app[0]).toMatchObject({ variable: 'income', points: 5, max_points: 60 });
    expect(poor.model_reasons.app[0].text).toContain('Monthly income');
    const rich = await decide(9000); // 500 + 60 + 10 = 570
    expect(rich).toMatchObject({ outcome: 'approve', models: { app: 570 } });

    // Each decision opened a loan application carrying the engine's outcome, score and P(bad).
    await t.runtime.applications.settled();
    const apps = (await get('/api/v1/loan-applications?limit=10', officer)).json().items as {
      event_id: string;
      engine_outcome: string;
      score: number;
      probability: number;
      status: string;
      amount: string;
    }[];
    const poorApp = apps.find((a) => a.event_id === poor.event_id);
    expect(poorApp).toMatchObject({
      engine_outcome: 'reject',
      score: 515,
      status: 'rejected',
      amount: '80000.00',
    });
    // P(bad) = 1 / (1 + exp((515 − offset) / factor)), factor = 20 / ln 2, offset = 600 − factor·ln 50.
    const factor = 20 / Math.LN2;
    expect(poorApp?.probability).toBeCloseTo(
      1 / (1 + Math.exp((515 - (600 - factor * Math.log(50))) / factor)),
      9,
    );
    expect(apps.find((a) => a.event_id === rich.event_id)).toMatchObject({
      engine_outcome: 'approve',
      score: 570,
    });

    // A crash between the decision and its application: the start-up catch-up reopens it, once.
    await t.runtime.store.db.deleteFrom('loan_application').where('event_id', '=', rich.event_id).execute();
    expect(await t.runtime.applications.catchUp()).toBe(1);
    expect(await t.runtime.applications.catchUp()).toBe(0);
    const again = (await get('/api/v1/loan-applications?limit=10', officer)).json().items as {
      event_id: string;
      score: number;
    }[];
    expect(again.find((a) => a.event_id === rich.event_id)?.score).toBe(570);

    const stored = await t.runtime.store.db
      .selectFrom('decision_model_score')
      .selectAll()
      .where('decision_id', '=', poor.decision_id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ model: 'app', source: 'retail_app', score: 515, bins: '[0,1]' });
    expect(stored.checksum).toBe(card().checksum);

    // Drift: two applicants, one in each income bin, against training's 200 / 800 split.
    const drift = await get(
      '/api/v1/scorecards/retail_app/monitoring?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z',
      officer,
    );
    expect(drift.statusCode).toBe(200);
    const [window] = drift.json().windows;
    expect(window).toMatchObject({ count: 2, small_sample: true, mean_score: 542.5, psi: null });
    // CSI = (0.5 − 0.2)·ln(0.5/0.2) + (0.5 − 0.8)·ln(0.5/0.8) + (0.0001 − 0.0001)·… = 0.415888
    expect(window.csi[0].stability.index).toBeCloseTo(0.415888, 5);
    expect(window.csi[0].stability.verdict).toBe('shift');
    expect(window.csi[1].stability).toBeNull(); // the amount variable's card records no missing count

    // Version 2 gives 60 more points to every income bin: the poor applicant now passes.
    expect((await post('/api/v1/scorecards', officer, card(60))).json().version).toBe(2);
    expect((await decide(2000)).models.app).toBe(515); // not yet published
    await publish(2);
    expect((await decide(2000)).models.app).toBe(575);
    await publish(0, true);
    expect((await decide(2000)).models.app).toBe(515);
    const detail = (await get('/api/v1/scorecards/retail_app', officer)).json();
    expect(detail).toMatchObject({ published_version: 1, previous_version: 2, latest_version: 2 });
    expect(detail.versions).toHaveLength(2);
  });
});
