import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import { applicationTerms, codeOf, type LoanHarness, loanHarness, person } from './fixtures.js';

describeEachDialect('loan approval by authority and four eyes', (dialect) => {
  let t: TestDatabase;
  let h: LoanHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = loanHarness(t.store);
    h.addUser('u-admin', ['admin']);
    h.addUser('u-senior');
    const admin = { type: 'user', id: 'u-admin' } as const;
    await h.service.setAuthority(admin, {
      subject_type: 'role',
      subject_id: 'approver',
      product: '*',
      max_amount: 5_000_000,
    });
    await h.service.setAuthority(admin, {
      subject_type: 'user',
      subject_id: 'u-senior',
      product: 'cash',
      max_amount: 50_000_000,
    });
  });
  afterEach(async () => {
    await t?.drop();
  });

  const booked = async () => (await h.service.loans({ limit: 10, offset: 0 })).total;
  const actions = async () => (await h.audit.list({ limit: 100 })).map((e) => e.action);

  it('books a loan above the officer’s authority only once a second approver with enough authority signs', async () => {
    const officer = h.addUser('u-officer');
    const colleague = h.addUser('u-colleague');
    const senior = person('u-senior');
    const app = await h.service.recordApplication({
      ...applicationTerms('100000.00'),
      engine_outcome: 'review',
    });
    expect(app.status).toBe('pending_review');

    const first = await h.service.approve(officer, app.id, 'good payment history');
    expect(first).toMatchObject({
      status: 'awaiting_second_approval',
      first_approver: { type: 'user', id: 'u-officer' },
    });
    expect(await booked()).toBe(0);

    // The same officer cannot sign twice, through the application or through the change.
    expect(await codeOf(h.service.approve(officer, app.id))).toBe('FK_ERR_LOAN_SAME_APPROVER');
    expect(await codeOf(h.changes.approve(officer, first.change_id!))).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
    // A colleague whose authority (50,000.00 through the approver role) is below the amount cannot either.
    expect(await codeOf(h.service.approve(colleague, app.id))).toBe('FK_ERR_LOAN_AUTHORITY_EXCEEDED');
    expect(await codeOf(h.changes.approve(colleague, first.change_id!))).toBe(
      'FK_ERR_LOAN_AUTHORITY_EXCEEDED',
    );
    expect(await booked()).toBe(0);
    expect((await h.changes.get(first.change_id!)).status).toBe('pending');

    const second = await h.service.approve(senior, app.id, 'within my authority');
    expect(second).toMatchObject({ status: 'booked', decided_by: { type: 'user', id: 'u-senior' } });
    const loan = await h.service.loan(second.loan_id!);
    expect(loan).toMatchObject({
      application_id: app.id,
      principal: '100000.00',
      status: 'active',
      disbursed_on: '2026-03-01',
    });
    expect((await h.changes.get(first.change_id!)).status).toBe('applied');
    expect(await actions()).toEqual(
      expect.arrayContaining([
        'loan.application.record',
        'loan.application.escalate',
        'change.submit',
        'change.approve',
        'change.apply',
        'loan.book',
        'loan.application.approve',
      ]),
    );
    const denied = await h.audit.list({ action: 'loan.application.approve', limit: 10 });
    expect(denied.filter((e) => e.outcome === 'denied')).toHaveLength(2);
  });

  it('books at once within authority and counts a personal entry before the roles', async () => {
    const officer = h.addUser('u-officer');
    const app = await h.service.recordApplication(applicationTerms('50000.00'));
    expect((await h.service.approve(officer, app.id)).status).toBe('booked');
    expect(await booked()).toBe(1);
    // A personal entry of 1,000.00 for the product lowers what the role would give.
    await h.service.setAuthority(SYSTEM_ACTOR, {
      subject_type: 'user',
      subject_id: 'u-officer',
      product: 'cash',
      max_amount: 100_000,
    });
    expect(await h.service.limitOf(officer.actor, 'cash')).toBe(100_000);
    expect(await h.service.limitOf(officer.actor, 'card')).toBe(5_000_000);
  });

  it('rejects with a reason, closes the pending change, and refuses later decisions', async () => {
    const officer = h.addUser('u-officer');
    const colleague = h.addUser('u-colleague');
    const app = await h.service.recordApplication(applicationTerms('100000.00'));
    const first = await h.service.approve(officer, app.id);
    expect(await codeOf(h.service.reject(colleague, app.id, '  '))).toBe('FK_ERR_LOAN_INVALID');
    const rejected = await h.service.reject(colleague, app.id, 'income not verified');
    expect(rejected).toMatchObject({ status: 'rejected', decision_reason: 'income not verified' });
    expect((await h.changes.get(first.change_id!)).status).toBe('rejected');
    expect(await codeOf(h.service.approve(colleague, app.id))).toBe('FK_ERR_LOAN_APPLICATION_CLOSED');
    expect(await codeOf(h.service.reject(colleague, app.id, 'again'))).toBe('FK_ERR_LOAN_APPLICATION_CLOSED');
  });

  it('closes engine rejections, keeps one application per event, and lets only people approve', async () => {
    const app = await h.service.recordApplication({
      ...applicationTerms('1000.00'),
      event_id: 'evt-1',
      engine_outcome: 'reject',
      score: 512,
    });
    expect(app).toMatchObject({ status: 'rejected', decided_by: SYSTEM_ACTOR, score: 512 });
    const again = await h.service.recordApplication({
      ...applicationTerms('1000.00'),
      event_id: 'evt-1',
      engine_outcome: 'reject',
    });
    expect(again.id).toBe(app.id);
    const approved = await h.service.recordApplication({
      ...applicationTerms('1000.00'),
      engine_outcome: 'approve',
    });
    expect(approved.status).toBe('approved');
    const key = { actor: { type: 'api_key' as const, id: 'k1' }, permissions: new Set(['loan:approve']) };
    expect(await codeOf(h.service.approve(key, approved.id))).toBe('FK_ERR_LOAN_APPROVER_NOT_PERSON');
    expect(await codeOf(h.service.recordApplication({ ...applicationTerms('1000.001') }))).toBe(
      'FK_ERR_LOAN_INVALID',
    );
    expect((await h.service.applications({ status: 'approved', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('books engine approvals within the engine authority without a person', async () => {
    const engine = loanHarness(t.store, { engineAuthority: '3000.00' });
    const small = await engine.service.recordApplication({
      ...applicationTerms('3000.00'),
      engine_outcome: 'approve',
    });
    expect(small).toMatchObject({ status: 'booked', decided_by: SYSTEM_ACTOR });
    const large = await engine.service.recordApplication({
      ...applicationTerms('3000.01'),
      engine_outcome: 'approve',
    });
    expect(large.status).toBe('approved');
  });

  it('refuses authority for unknown users and roles', async () => {
    expect(
      await codeOf(
        h.service.setAuthority(SYSTEM_ACTOR, {
          subject_type: 'role',
          subject_id: 'boss',
          product: '*',
          max_amount: 1,
        }),
      ),
    ).toBe('FK_ERR_LOAN_AUTHORITY_INVALID');
    expect(
      await codeOf(
        h.service.setAuthority(SYSTEM_ACTOR, {
          subject_type: 'user',
          subject_id: 'nobody',
          product: '*',
          max_amount: 1,
        }),
      ),
    ).toBe('FK_ERR_LOAN_AUTHORITY_INVALID');
    await h.service.setAuthority(SYSTEM_ACTOR, {
      subject_type: 'role',
      subject_id: 'approver',
      product: '*',
      max_amount: null,
    });
    expect((await h.service.authority()).map((a) => a.subject_id)).toEqual(['u-senior']);
  });
});
