import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { seedUser, sessionFor } from '../../../../test/support/identity.js';
import { ManualClock } from '../../../kernel/clock.js';

// 10 March 2026 (China time): February has closed.
const NOW = Date.parse('2026-03-10T02:00:00.000Z');

/**
 * Three 12,000-yuan loans of the October 2025 cohort, monthly instalments of 1,066.19 due on the 15th:
 * A pays every instalment (current at the end of February), B pays none (oldest unpaid due
 * 2025-11-15: 105 days past due on 28 February, M3+), C pays November and December only (oldest
 * unpaid 2026-01-15: 44 days, M2).
 */
const BOOK = [
  'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,amount,received_on',
  'loan,A,b-a,cash,12000.00,0.12,12,annuity,2025-10-15,,',
  'loan,B,b-b,cash,12000.00,0.12,12,annuity,2025-10-15,,',
  'loan,C,b-c,cash,12000.00,0.12,12,annuity,2025-10-15,,',
  ...['2025-11-15', '2025-12-15', '2026-01-15', '2026-02-15'].map((d) => `repayment,A,,,,,,,,1066.19,${d}`),
  ...['2025-11-15', '2025-12-15'].map((d) => `repayment,C,,,,,,,,1066.19,${d}`),
].join('\n');

describeEachDialect('portfolio report and risk reserve', (dialect) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let approver: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock(NOW) });
    const o = await seedUser(t.runtime, { username: 'officer', roles: ['risk_officer'], mfa: false });
    const a = await seedUser(t.runtime, { username: 'approver', roles: ['approver'], mfa: false });
    officer = { ...(await sessionFor(t.runtime, o.id)) };
    approver = { ...(await sessionFor(t.runtime, a.id)) };
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/import',
      headers: { ...officer, 'content-type': 'text/csv' },
      payload: BOOK,
    });
    expect(imported.json()).toMatchObject({ booked: 3, recorded: 6, refused: 0 });
  });
  afterAll(() => t?.close());

  it('reports buckets, NPL, vintage, roll rates and concentration as at a month end', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/portfolio?as_of=2026-02',
      headers: officer,
    });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.asOf).toBe('2026-02');
    expect(r.rates.activeLoans).toBe(3);
    expect(r.rates.byState.current.loans).toBe(1);
    expect(r.rates.byState.M2.loans).toBe(1);
    expect(r.rates.byState['M3+'].loans).toBe(1);
    expect(r.rates.npl.loans).toBe(1);
    // B has repaid nothing: its whole principal is NPL.
    expect(r.rates.npl.outstanding).toBe(1_200_000);
    expect(r.rates.npl.ratio).toBeCloseTo(1_200_000 / r.rates.outstanding, 12);
    expect(r.vintage.cohorts).toHaveLength(1);
    expect(r.concentration.top).toHaveLength(3);
    expect(r.rollRate).not.toBeNull();
    const lent = await t.app.inject({
      method: 'GET',
      url: '/api/v1/portfolio?as_of=2026-02&denominator=lent',
      headers: officer,
    });
    expect(lent.json().rates.overdueRate).toMatchObject({ denominator: 'lent', base: 3_600_000 });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/portfolio?as_of=2026-13',
      headers: officer,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('posts each closed month of the reserve once, audited, and only with loan:approve', async () => {
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/reserve/post', headers, payload: {} });
    expect((await post(officer)).statusCode).toBe(403);
    const first = await post(approver);
    expect(first.statusCode).toBe(200);
    expect(first.json().posted).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
    expect((await post(approver)).json().posted).toEqual([]);
    const reserve = (await t.app.inject({ method: 'GET', url: '/api/v1/reserve', headers: officer })).json();
    const report = (
      await t.app.inject({ method: 'GET', url: '/api/v1/portfolio?as_of=2026-02', headers: officer })
    ).json();
    // Default: topped up to 2% of the outstanding balance. October's 3,600,000 fen needs 72,000; the
    // book only shrinks afterwards and an excess is never released, so the balance stays there.
    expect(reserve.config).toEqual({ basis: 'outstanding', rate: '0.02' });
    expect(reserve.balance).toBe(72_000);
    expect(reserve.entries.filter((e: { kind: string }) => e.kind === 'provision')).toHaveLength(1);
    expect(reserve.entries.filter((e: { kind: string }) => e.kind === 'close')).toHaveLength(5);
    expect(reserve.balance).toBe(report.reserve.ledger.closing);
    const audit = await t.runtime.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'reserve.post')
      .execute();
    expect(audit).toHaveLength(5);
  });
});
