import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { type SessionHeaders, seedUser, sessionFor } from '../../test/support/identity.js';
import { DEMO_CARD, loadCreditDemo } from './credit-demo.js';
import { loadEngineDemo } from './engine-demo.js';
import { loadLoansDemo } from './loans-demo.js';

describe('the demo workspace’s credit part', () => {
  let t: TestApp;
  let officer: SessionHeaders;
  let lines: string[];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    lines = await loadEngineDemo(t.runtime, (example) =>
      loadCreditDemo(t.runtime, example('loan_application.yaml')),
    );
    lines.push(
      ...(await loadLoansDemo({
        loans: t.runtime.loans,
        credit: t.runtime.credit,
        now: t.runtime.clock.now(),
      })),
    );
    const o = await seedUser(t.runtime, { username: 'officer', roles: ['risk_officer'], mfa: false });
    officer = await sessionFor(t.runtime, o.id);
  }, 120_000);
  afterAll(() => t.close());

  const get = (url: string) =>
    t.app.inject({ method: 'GET', url, headers: officer as unknown as Record<string, string> });

  it('publishes a trained card that the live loan policy scores every application with', async () => {
    expect(lines[0]).toContain(`scorecard ${DEMO_CARD}`);
    const card = (await get(`/api/v1/scorecards/${DEMO_CARD}`)).json();
    expect(card).toMatchObject({ published_version: 1, latest_version: 1 });
    const decisions = await t.runtime.store.db
      .selectFrom('decision')
      .select(['id', 'response'])
      .where('event_type', '=', 'loan_application')
      .execute();
    expect(decisions.length).toBeGreaterThan(20);
    for (const d of decisions) {
      const body = JSON.parse(d.response);
      expect(typeof body.models.app_card).toBe('number');
      expect(Array.isArray(body.model_reasons.app_card)).toBe(true);
    }
  });

  it('shows the card’s drift over the simulated year, window by window', async () => {
    const now = new Date(t.runtime.clock.now());
    const from = new Date(now.getTime() - 400 * 86_400_000).toISOString();
    const res = await get(
      `/api/v1/scorecards/${DEMO_CARD}/monitoring?from=${from}&to=${now.toISOString()}&interval=week`,
    );
    expect(res.statusCode).toBe(200);
    const windows = res.json().windows as { count: number; psi: { verdict: string } | null }[];
    const scored = windows.filter((w) => w.count > 0);
    expect(scored.length).toBeGreaterThan(10);
    // The simulated applicants are not the training population: their scores drift, and it shows.
    expect(scored.every((w) => w.psi !== null)).toBe(true);
  });

  it('books a loan book whose portfolio report, reserve and watch list have figures', async () => {
    expect(lines.some((l) => l.startsWith('Demo loans:'))).toBe(true);
    const report = (await get('/api/v1/portfolio')).json();
    expect(report.vintage.cohorts.length).toBeGreaterThanOrEqual(17);
    expect(report.rates.activeLoans).toBeGreaterThan(100);
    expect(report.rates.npl.ratio).toBeGreaterThan(0);
    expect(report.rates.byState.written_off.loans).toBeGreaterThan(0);
    expect(report.rollRate).not.toBeNull();
    const reserve = (await get('/api/v1/reserve')).json();
    expect(reserve.entries.filter((e: { kind: string }) => e.kind === 'close')).toHaveLength(18);
    expect(reserve.entries.some((e: { kind: string }) => e.kind === 'drawdown')).toBe(true);
    expect((await get('/api/v1/loans/watchlist')).json().length).toBeGreaterThan(0);
    // The simulated loan applications decided by the engine wait in the approval queue.
    await t.runtime.applications.settled();
    expect((await get('/api/v1/loan-applications?status=approved')).json().total).toBeGreaterThan(0);
  });
});
