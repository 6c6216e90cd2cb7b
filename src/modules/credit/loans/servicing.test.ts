import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import { applicationTerms, codeOf, type LoanHarness, loanHarness } from './fixtures.js';

describeEachDialect('loan servicing', (dialect) => {
  let t: TestDatabase;
  let h: LoanHarness;
  const officer = { type: 'user', id: 'u-officer' } as const;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = loanHarness(t.store);
    h.addUser('u-officer');
    await h.service.setAuthority(SYSTEM_ACTOR, {
      subject_type: 'role',
      subject_id: 'approver',
      product: '*',
      max_amount: 5_000_000,
    });
  });
  afterEach(async () => {
    await t?.drop();
  });

  const book = (principal = '12000.00') =>
    h.service.book(officer, {
      ...applicationTerms(principal),
      disbursed_on: '2026-01-15',
      first_due_date: '2026-02-15',
    });

  it('books within authority, takes a late repayment with penalty, and pays off', async () => {
    const loan = await book();
    expect(loan).toMatchObject({
      principal: '12000.00',
      apr: { nominal: '0.120001', effective: '0.126826' },
      source: 'direct',
    });
    expect(loan.instalments).toHaveLength(12);
    expect(loan.instalments[0]).toMatchObject({
      due_date: '2026-02-15',
      principal: '946.19',
      interest: '120.00',
    });
    // On 03-01 instalment 1 is 14 days late: penalty 946.19 × 0.05 % × 14 = 6.62333 → 6.62.
    expect(loan.position).toMatchObject({ dpd: 14, bucket: 'M1', overdue: '1066.19', penalty_due: '6.62' });
    const paid = await h.service.repay(officer, loan.id, {
      kind: 'regular',
      amount: 107281,
      receivedOn: '2026-03-01',
      reference: 'r-1',
    });
    expect(paid.allocation).toEqual({
      penalty: '6.62',
      fee: '0.00',
      interest: '120.00',
      principal: '946.19',
      credit: '0.00',
    });
    expect((await h.service.loan(loan.id)).position).toMatchObject({
      dpd: 0,
      bucket: 'current',
      outstanding_principal: '11053.81',
    });

    expect(
      await codeOf(
        h.service.repay(officer, loan.id, {
          kind: 'regular',
          amount: 100,
          receivedOn: '2026-03-01',
          reference: 'r-1',
        }),
      ),
    ).toBe('FK_ERR_LOAN_EXISTS');
    expect(
      await codeOf(
        h.service.repay(officer, loan.id, { kind: 'regular', amount: 100, receivedOn: '2026-03-02' }),
      ),
    ).toBe('FK_ERR_LOAN_DATE_INVALID');
    expect(
      await codeOf(
        h.service.repay(officer, loan.id, { kind: 'regular', amount: 100, receivedOn: '2026-02-28' }),
      ),
    ).toBe('FK_ERR_LOAN_DATE_INVALID');
    expect(
      await codeOf(
        h.service.repay(officer, loan.id, { kind: 'regular', amount: 2_000_000, receivedOn: '2026-03-01' }),
      ),
    ).toBe('FK_ERR_LOAN_REPAYMENT_REFUSED');

    // Interest accrued 02-15 → 03-01 on 11,053.81: 51.58; the quote is 11,105.39.
    const quote = await h.service.payoffQuote(loan.id);
    expect(quote).toMatchObject({ principal: 1105381, accruedInterest: 5158, total: 1110539 });
    await h.service.repay(officer, loan.id, {
      kind: 'payoff',
      amount: quote.total,
      receivedOn: '2026-03-01',
    });
    const closed = await h.service.loan(loan.id);
    expect(closed).toMatchObject({
      status: 'closed',
      closed_on: '2026-03-01',
      position: { outstanding_principal: '0.00' },
    });
    expect(closed.repayments.map((r) => r.kind)).toEqual(['regular', 'payoff']);
    expect(
      await codeOf(
        h.service.repay(officer, loan.id, { kind: 'regular', amount: 1, receivedOn: '2026-03-01' }),
      ),
    ).toBe('FK_ERR_LOAN_NOT_ACTIVE');
    expect((await h.service.loans({ status: 'closed', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('refuses a direct booking above the booker’s authority and bad terms', async () => {
    expect(await codeOf(book('50000.01'))).toBe('FK_ERR_LOAN_AUTHORITY_EXCEEDED');
    expect(await codeOf(h.service.book(SYSTEM_ACTOR, { ...applicationTerms('1.00') }))).toBe(
      'FK_ERR_LOAN_AUTHORITY_EXCEEDED',
    );
    expect(
      await codeOf(h.service.book(officer, { ...applicationTerms('1000.00'), disbursed_on: '2026-03-02' })),
    ).toBe('FK_ERR_LOAN_DATE_INVALID');
    expect(
      await codeOf(h.service.book(officer, { ...applicationTerms('1000.00'), annual_rate: '1.5' })),
    ).toBe('FK_ERR_LOAN_INVALID');
  });

  it('writes off what is left, records recoveries apart, and freezes the ledger', async () => {
    const loan = await book();
    h.clock.set('2026-07-01T02:00:00.000Z');
    const off = await h.service.writeOff(officer, loan.id, { on: '2026-06-20', reason: 'uncollectable' });
    expect(off).toMatchObject({ principal: '12000.00', interest: '504.43', dpd: 125 });
    expect(
      await codeOf(h.service.recover(officer, loan.id, { amount: 100, receivedOn: '2026-06-19', note: '' })),
    ).toBe('FK_ERR_LOAN_DATE_INVALID');
    await h.service.recover(officer, loan.id, {
      amount: 50000,
      receivedOn: '2026-06-30',
      note: 'collection agency',
    });
    const detail = await h.service.loan(loan.id);
    expect(detail).toMatchObject({
      status: 'written_off',
      written_off_on: '2026-06-20',
      recovered: '500.00',
      position: { outstanding_principal: '0.00', dpd: 125, bucket: 'M3+' },
    });
    expect(
      await codeOf(
        h.service.repay(officer, loan.id, { kind: 'regular', amount: 1, receivedOn: '2026-06-30' }),
      ),
    ).toBe('FK_ERR_LOAN_NOT_ACTIVE');
    const other = await book('100.00');
    expect(
      await codeOf(h.service.recover(officer, other.id, { amount: 1, receivedOn: '2026-06-30', note: '' })),
    ).toBe('FK_ERR_LOAN_NOT_WRITTEN_OFF');
    const audited = (await h.audit.list({ limit: 100 })).map((e) => e.action);
    expect(audited).toEqual(expect.arrayContaining(['loan.book', 'loan.write_off', 'loan.recovery']));
  });

  it('reconstructs month ends from the stored book for the portfolio analytics', async () => {
    const loan = await book();
    h.clock.set('2026-07-01T02:00:00.000Z');
    await h.service.repay(officer, loan.id, { kind: 'regular', amount: 106619, receivedOn: '2026-02-15' });
    await h.service.repay(officer, loan.id, {
      kind: 'regular',
      amount: 106619 + 1720,
      receivedOn: '2026-04-20',
    });
    await h.service.writeOff(officer, loan.id, { on: '2026-05-20', reason: 'fraud confirmed' });
    const rows = await h.service.months();
    expect(rows.map((r) => [r.month, r.outstanding, r.overdue, r.dpd, r.writtenOff])).toEqual([
      ['2026-01', 1_200_000, 0, 0, false],
      ['2026-02', 1_105_381, 0, 0, false],
      ['2026-03', 1_105_381, 106619, 16, false],
      ['2026-04', 1_009_816, 106619, 15, false],
      ['2026-05', 0, 0, 35, true],
    ]);
    expect(rows[0]).toMatchObject({
      loanId: loan.id,
      borrowerId: 'b-1',
      product: 'cash',
      originationMonth: '2026-01',
      principal: 1_200_000,
      closed: false,
    });
    expect((await h.service.months({ from: '2026-03', to: '2026-03' })).map((r) => r.month)).toEqual([
      '2026-03',
    ]);
  });

  it('imports loans and repayments row by row and refuses duplicates on a second run', async () => {
    const csv = [
      'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,first_due_date,monthly_fee,amount,received_on,repayment_kind,reference',
      'loan,L1,b-1,cash,12000.00,0.12,12,annuity,2026-01-15,2026-02-15,,,,,',
      'repayment,L1,,,,,,,,,,1066.19,2026-02-15,,p1',
      'loan,L2,b-2,cash,6000,0.18,6,equal_principal,2025-12-10,,10.00,,,,',
      'loan,L3,b-3,cash,100.001,0.12,12,annuity,2026-01-01,,,,,,',
      'repayment,L3,,,,,,,,,,10.00,2026-02-01,,',
      'repayment,L9,,,,,,,,,,10.00,2026-02-01,,',
      'repayment,L1,,,,,,,,,,99999.00,2026-02-20,,',
      'loan,L1,b-1,cash,1.00,0.12,1,annuity,2026-01-15,,,,,,',
      'thing,L4,,,,,,,,,,,,,',
    ].join('\n');
    const report = await h.service.import(csv, officer);
    expect(report).toMatchObject({ rows: 9, booked: 2, recorded: 1, refused: 6 });
    expect(report.results.map((r) => r.status)).toEqual([
      'booked',
      'recorded',
      'booked',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
      'refused',
    ]);
    expect(report.results[3]!.message).toMatch(/principal/);
    expect(report.results[4]!.message).toMatch(/refused in row 4/);
    const l1 = await h.service.loan(report.results[0]!.loan_id!);
    expect(l1).toMatchObject({
      external_ref: 'L1',
      source: 'import',
      position: { dpd: 0, outstanding_principal: '11053.81' },
    });
    expect(l1.repayments).toHaveLength(1);
    const again = await h.service.import(
      [
        'record,loan_ref,amount,received_on,reference',
        'repayment,L1,1066.19,2026-02-15,p1',
        'repayment,L1,1066.19,2026-03-01,p2',
      ].join('\n'),
      officer,
    );
    expect(again.results.map((r) => r.status)).toEqual(['refused', 'recorded']);
    expect(await codeOf(h.service.import('record,loan_reference\n', officer))).toBe(
      'FK_ERR_LOAN_IMPORT_INVALID',
    );
    expect((await h.audit.list({ action: 'loan.import', limit: 10 })).length).toBe(2);
  });
});
