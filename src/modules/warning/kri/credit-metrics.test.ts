import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { ManualClock } from '../../../kernel/clock.js';
import { NotFound } from '../../../kernel/errors.js';
import { AuditLog, SYSTEM_ACTOR } from '../../audit/index.js';
import { createLoans } from '../../credit/loans/index.js';
import { ChangeRegistry, ChangeService } from '../../identity/changes/index.js';
import { builtinMetrics } from './builtin-metrics.js';
import { monthEndOf } from './credit-metrics.js';

const APRIL = { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' };
const MAY = { start: '2026-05-01T00:00:00.000Z', end: '2026-06-01T00:00:00.000Z' };

describe('month end of a period', () => {
  it('is the last month that ended by the end of the period', () => {
    expect(monthEndOf(MAY)).toBe('2026-05');
    expect(monthEndOf({ start: '2026-05-14T00:00:00.000Z', end: '2026-05-15T00:00:00.000Z' })).toBe(
      '2026-04',
    );
    expect(monthEndOf({ start: '2025-12-01T00:00:00.000Z', end: '2026-01-01T00:00:00.000Z' })).toBe(
      '2025-12',
    );
  });
});

describeEachDialect('credit metrics', (dialect) => {
  let t: TestDatabase;
  const psi = { index: 0.31 };
  const metrics = builtinMetrics({
    scorecards: {
      monitoring: async (name) => {
        if (name === 'thin') return { windows: [{ psi: { index: 0.9 }, small_sample: true }] };
        if (name !== 'retail') throw NotFound(`scorecard ${name} does not exist`);
        return { windows: [{ psi, small_sample: false }] };
      },
    },
    reserve: { coverage: async (asOf) => (asOf === '2026-05' ? 0.8 : null) },
  });
  const value = (id: string, period = MAY, params: Record<string, string> = {}) =>
    metrics.get(id)!.compute(t.store.db, period, params);
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await t?.drop();
  });

  it('has no value without loans', async () => {
    expect(await value('credit.npl_ratio')).toBeNull();
    expect(await value('credit.overdue_rate')).toBeNull();
    expect(await value('credit.top10_concentration')).toBeNull();
  });

  it('reads overdue, NPL and concentration from the loan book at month end', async () => {
    const clock = new ManualClock('2026-06-02T02:00:00.000Z');
    const audit = new AuditLog({ db: t.store.db, dialect: t.store.dialect, clock });
    const changes = new ChangeService({ db: t.store.db, clock, audit, kinds: new ChangeRegistry() });
    const loans = createLoans({
      db: t.store.db,
      clock,
      audit,
      changes,
      users: { get: async () => ({ roles: JSON.stringify(['approver']) }) },
    });
    await loans.service.setAuthority(SYSTEM_ACTOR, {
      subject_type: 'role',
      subject_id: 'approver',
      product: '*',
      max_amount: 10_000_000,
    });
    const officer = { type: 'user', id: 'u-officer' } as const;
    for (const [borrower, principal] of [
      ['b-1', '12000.00'],
      ['b-2', '6000.00'],
    ] as const) {
      await loans.service.book(officer, {
        borrower_id: borrower,
        product: 'cash',
        principal,
        annual_rate: '0.12',
        term_months: 12,
        schedule_kind: 'annuity',
        disbursed_on: '2026-01-15',
        first_due_date: '2026-02-15',
      });
    }
    // Nothing was repaid: at the end of April the oldest instalment is 74 days late, at the end of May 105.
    expect(await value('credit.npl_ratio', APRIL)).toBe(0);
    expect(await value('credit.npl_ratio', MAY)).toBe(1);
    const overdue = await value('credit.overdue_rate', MAY);
    expect(overdue).toBeGreaterThan(0.2);
    expect(overdue).toBeLessThan(0.5);
    expect(await value('credit.top10_concentration', MAY)).toBe(1);
  });

  it('takes PSI and reserve coverage from their sources, with no value when the card is unknown', async () => {
    expect(await value('credit.scorecard_psi', MAY, { scorecard: 'retail' })).toBe(0.31);
    expect(await value('credit.scorecard_psi', MAY, { scorecard: 'other' })).toBeNull();
    // Fewer than 100 scores in the period: no value, so a thin month cannot breach the threshold.
    expect(await value('credit.scorecard_psi', MAY, { scorecard: 'thin' })).toBeNull();
    expect(await value('credit.reserve_coverage', MAY)).toBe(0.8);
    expect(metrics.get('credit.reserve_coverage')?.direction).toBe('lower_is_worse');
    expect(builtinMetrics().get('credit.scorecard_psi')).toBeUndefined();
  });
});
