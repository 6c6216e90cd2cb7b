import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import type { CommittedDecision } from '../../engine/index.js';
import { ApplicationLink } from '../application-link.js';
import type { ScorecardRegistry } from '../scorecards/service.js';
import { applicationTerms, codeOf, type LoanHarness, loanHarness } from './fixtures.js';

describeEachDialect('loan applications recorded in batches', (dialect) => {
  let t: TestDatabase;
  let h: LoanHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = loanHarness(t.store, { engineAuthority: '10000.00' });
  });
  afterEach(async () => {
    await t?.drop();
  });

  const all = async () => (await h.service.applications({ limit: 100, offset: 0 })).items;
  const actions = async () => (await h.audit.list({ limit: 100 })).map((e) => e.action).sort();

  it('records a batch as one call would each, leaves recorded events alone, and records none of an invalid batch', async () => {
    await h.service.recordApplications([
      { ...applicationTerms('5000.00'), event_id: 'e1', engine_outcome: 'approve' },
      { ...applicationTerms('50000.00'), event_id: 'e2', engine_outcome: 'approve' },
      { ...applicationTerms('3000.00'), event_id: 'e3', engine_outcome: 'reject' },
    ]);
    // e1 is within the engine's authority and booked; e2 is above it; e3 is closed.
    expect((await all()).map((a) => [a.event_id, a.status]).sort()).toEqual([
      ['e1', 'booked'],
      ['e2', 'approved'],
      ['e3', 'rejected'],
    ]);
    // Again, with e2 among them: it keeps its application.
    await h.service.recordApplications([
      { ...applicationTerms('50000.00'), event_id: 'e2', engine_outcome: 'reject' },
      { ...applicationTerms('2000.00'), event_id: 'e4', engine_outcome: 'review' },
    ]);
    const byEvent = new Map((await all()).map((a) => [a.event_id, a.status]));
    expect([byEvent.get('e2'), byEvent.get('e4'), byEvent.size]).toEqual(['approved', 'pending_review', 4]);
    expect((await actions()).filter((a) => a === 'loan.application.record')).toHaveLength(4);

    const invalid = h.service.recordApplications([
      { ...applicationTerms('1000.00'), event_id: 'e5' },
      { ...applicationTerms('1000.00'), event_id: 'e6', term_months: 0 },
    ]);
    expect(await codeOf(invalid)).toBe('FK_ERR_LOAN_INVALID');
    expect((await all()).map((a) => a.event_id)).not.toContain('e5');
  });

  it('opens every application of a burst of decisions, one bad event costing only its own', async () => {
    const link = new ApplicationLink({
      db: t.store.db,
      log: pino({ level: 'silent' }),
      loans: h.service,
      scorecards: {} as ScorecardRegistry,
    });
    const decision = (n: number, data: Record<string, unknown>): CommittedDecision => ({
      decision_id: `d${n}`,
      event: {
        type: 'loan_application',
        id: `ev${n}`,
        occurred_at: '2026-03-01T01:00:00.000Z',
        occurredMs: Date.parse('2026-03-01T01:00:00.000Z'),
        subject: { user_id: `u${n}` },
        data,
      },
      outcome: 'review',
      fallback: null,
      models: {},
      model_details: {},
      policy: null,
      alerts: [],
    });
    for (let n = 0; n < 40; n++) {
      // Event 7 asks for a term of no months: its application cannot be opened.
      link.onCommitted(decision(n, { amount: 1000 + n, term_months: n === 7 ? 0 : 12 }));
    }
    await link.settled();
    const opened = (await all()).map((a) => a.event_id).sort();
    expect(opened).toHaveLength(39);
    expect(opened).not.toContain('ev7');
  });
});
