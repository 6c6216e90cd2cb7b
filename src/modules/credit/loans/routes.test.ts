import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { seedUser, sessionFor } from '../../../../test/support/identity.js';
import { ManualClock } from '../../../kernel/clock.js';
import type { Role } from '../../identity/index.js';

const NOW = Date.parse('2026-03-01T02:00:00.000Z');
const PEOPLE = {
  admin: ['admin'],
  officer: ['risk_officer'],
  first: ['approver'],
  colleague: ['approver'],
  senior: ['approver'],
} as const satisfies Record<string, readonly Role[]>;

describeEachDialect('/api/v1 loans over HTTP', (dialect) => {
  let t: TestApp;
  const as = {} as Record<keyof typeof PEOPLE, Record<string, string>>;
  const ids = {} as Record<keyof typeof PEOPLE, string>;
  beforeAll(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock(NOW) });
    for (const [name, roles] of Object.entries(PEOPLE) as [keyof typeof PEOPLE, readonly Role[]][]) {
      const user = await seedUser(t.runtime, { username: `loans-${name}`, roles, mfa: false });
      ids[name] = user.id;
      as[name] = { ...(await sessionFor(t.runtime, user.id)) };
    }
  });
  afterAll(() => t?.close());

  const call = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('lets administrators set authority, and takes a large loan through two approvers before booking it', async () => {
    const authority = (who: Record<string, string>, body: object) =>
      call('PUT', '/loan-authority', who, body);
    expect(
      (
        await authority(as.officer, {
          subject_type: 'role',
          subject_id: 'approver',
          product: '*',
          max_amount: '1.00',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await authority(as.admin, {
          subject_type: 'role',
          subject_id: 'approver',
          product: '*',
          max_amount: '50000.00',
        })
      ).json(),
    ).toMatchObject({ entry: { subject_type: 'role', max_amount: '50000.00' } });
    await authority(as.admin, {
      subject_type: 'user',
      subject_id: ids.senior,
      product: 'cash',
      max_amount: '500000.00',
    });
    expect((await call('GET', '/loan-authority', as.officer)).json().items).toHaveLength(2);

    const created = await call('POST', '/loan-applications', as.officer, {
      borrower_id: 'b-42',
      product: 'cash',
      principal: '100000.00',
      annual_rate: '0.12',
      term_months: 12,
      schedule_kind: 'annuity',
      upfront_fee: { rate: '0.01' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    // Filtered on the server by product and an inclusive amount range (yuan).
    const total = async (query: string) =>
      (await call('GET', `/loan-applications?${query}`, as.officer)).json().total as number;
    expect(await total('product=cash&min_amount=100000&max_amount=100000.00')).toBe(1);
    expect(await total('max_amount=99999.99')).toBe(0);
    expect(await total('product=consumer')).toBe(0);
    const bad = await call('GET', '/loan-applications?min_amount=1e5', as.officer);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await call('POST', `/loan-applications/${id}/approve`, as.officer, {})).statusCode).toBe(403);

    const first = await call('POST', `/loan-applications/${id}/approve`, as.first, {
      comment: 'verified income',
    });
    expect(first.json()).toMatchObject({ status: 'awaiting_second_approval', loan_id: null });
    const again = await call('POST', `/loan-applications/${id}/approve`, as.first, {});
    expect(again.statusCode).toBe(403);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('FK_ERR_LOAN_SAME_APPROVER');
    const low = await call('POST', `/loan-applications/${id}/approve`, as.colleague, {});
    expect(low.json().code).toBe('FK_ERR_LOAN_AUTHORITY_EXCEEDED');
    expect((await call('GET', '/loans', as.officer)).json().total).toBe(0);

    const second = await call('POST', `/loan-applications/${id}/approve`, as.senior, {});
    expect(second.statusCode).toBe(200);
    const loanId = second.json().loan_id as string;
    const loan = await call('GET', `/loans/${loanId}`, as.officer);
    expect(loan.json()).toMatchObject({
      principal: '100000.00',
      upfront_fee: '1000.00',
      net_disbursed: '99000.00',
      disbursed_on: '2026-03-01',
      first_due_date: '2026-04-01',
      status: 'active',
      position: { dpd: 0, bucket: 'current', outstanding_principal: '100000.00' },
    });
    expect(Number(loan.json().apr.nominal)).toBeGreaterThan(0.12);
    expect((await call('GET', `/loan-applications?status=booked`, as.officer)).json().total).toBe(1);
  });

  it('records repayments, quotes payoffs, writes off with loan:approve, and imports CSV', async () => {
    const csv = [
      'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,amount,received_on',
      'loan,H1,b-7,cash,12000.00,0.12,12,annuity,2026-01-15,,',
      'repayment,H1,,,,,,,,1066.19,2026-02-15',
      'loan,H2,b-8,cash,-5,0.12,12,annuity,2026-01-15,,',
    ].join('\n');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/loans/import',
      headers: { ...as.officer, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ rows: 3, booked: 1, recorded: 1, refused: 1 });
    const loanId = imported.json().results[0].loan_id as string;

    const repaid = await call('POST', `/loans/${loanId}/repayments`, as.officer, {
      amount: '100.00',
      reference: 'bank-1',
    });
    expect(repaid.statusCode).toBe(201);
    expect(repaid.json()).toMatchObject({ received_on: '2026-03-01', allocation: { credit: '100.00' } });
    const bad = await call('POST', `/loans/${loanId}/repayments`, as.officer, { amount: '1.001' });
    expect(bad.statusCode).toBe(400);
    const quote = await call('GET', `/loans/${loanId}/payoff?on=2026-03-01`, as.officer);
    expect(quote.json()).toMatchObject({
      principal: '11053.81',
      accrued_interest: '51.58',
      credit: '100.00',
      total: '11005.39',
    });

    expect((await call('POST', `/loans/${loanId}/write-off`, as.officer, { reason: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      (await call('POST', `/loans/${loanId}/write-off`, as.first, { reason: 'fraud' })).json().code,
    ).toBe('FK_ERR_LOAN_REPAYMENT_REFUSED');
    const list = await call('GET', '/loans?status=active&borrower_id=b-7', as.officer);
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ external_ref: 'H1', position: { credit: '100.00' } }],
    });
    expect((await call('GET', '/loans/nope', as.officer)).json().code).toBe('FK_ERR_LOAN_NOT_FOUND');
  });
});
