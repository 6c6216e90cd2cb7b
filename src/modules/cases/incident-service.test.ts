import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { ANALYST, auditCount, type CasesHarness, casesHarness, codeOf } from './fixtures.js';

const MINUTE = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

describeEachDialect('incidents', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t?.drop());
  beforeEach(() => {
    h = casesHarness(t.store);
    h.alerts.set('a-1', { id: 'a-1', title: 'Withdrawals 3σ above normal', severity: 'red', subject: {} });
  });

  const open = () =>
    h.module.incidents.create(ANALYST.actor, {
      title: 'Withdrawal run',
      type: 'mass_withdrawal',
      severity: 'SEV1',
      impacted_services: ['withdrawals', 'withdrawals', 'funding'],
      alert_ids: ['a-1'],
      started_at: at(h.clock.now() - 30 * MINUTE),
    });

  it('moves forward to resolved, takes a review, and keeps an append-only timeline in time order', async () => {
    const incidents = h.module.incidents;
    const incident = await open();
    expect(incident).toMatchObject({
      status: 'open',
      impacted_services: ['withdrawals', 'funding'],
      alert_ids: ['a-1'],
      started_at: at(h.clock.now() - 30 * MINUTE),
    });
    await incidents.addTimeline(
      ANALYST.actor,
      incident.id,
      'Liquidity committee convened',
      at(h.clock.now() - 10 * MINUTE),
    );
    h.clock.advance(20 * MINUTE);
    expect(
      await codeOf(
        incidents.review(ANALYST.actor, incident.id, { summary: 's', root_cause: 'r', actions: [] }),
      ),
    ).toBe('FK_ERR_INCIDENT_TRANSITION');
    await incidents.setStatus(ANALYST.actor, incident.id, 'mitigated', 'limits applied');
    expect(await codeOf(incidents.setStatus(ANALYST.actor, incident.id, 'mitigated'))).toBe(
      'FK_ERR_INCIDENT_TRANSITION',
    );
    h.clock.advance(60 * MINUTE);
    await incidents.setStatus(ANALYST.actor, incident.id, 'resolved');
    const reviewed = await incidents.review(ANALYST.actor, incident.id, {
      summary: 'Rumour on social media drove withdrawals',
      root_cause: 'No standby funding line ready',
      actions: [{ title: 'Sign a standby facility', owner: 'treasury', due_date: '2026-04-30' }],
    });
    expect(reviewed).toMatchObject({
      status: 'reviewed',
      mitigated_at: at(h.clock.now() - 60 * MINUTE),
      resolved_at: at(h.clock.now()),
      review: { root_cause: 'No standby funding line ready', written_by: ANALYST.actor },
    });
    expect(reviewed.timeline.map((e) => e.kind)).toEqual(['status', 'note', 'status', 'status', 'review']);
    expect(await codeOf(incidents.setStatus(ANALYST.actor, incident.id, 'resolved'))).toBe(
      'FK_ERR_INCIDENT_TRANSITION',
    );
    expect(await auditCount(h.audit, 'incident.status', incident.id)).toBe(2);
    expect(await auditCount(h.audit, 'incident.review', incident.id)).toBe(1);
  });

  it('refuses future times, unknown alerts and a review of an unknown incident', async () => {
    const incidents = h.module.incidents;
    const incident = await open();
    expect(
      await codeOf(incidents.addTimeline(ANALYST.actor, incident.id, 'later', at(h.clock.now() + MINUTE))),
    ).toBe('FK_ERR_INCIDENT_INVALID');
    expect(await codeOf(incidents.linkAlerts(ANALYST.actor, incident.id, ['a-404']))).toBe(
      'FK_ERR_INCIDENT_ALERT_NOT_FOUND',
    );
    expect(await codeOf(incidents.get('i-404'))).toBe('FK_ERR_INCIDENT_NOT_FOUND');
    expect(
      await codeOf(
        incidents.create(ANALYST.actor, {
          title: 'x',
          type: 'other',
          severity: 'SEV4',
          started_at: at(h.clock.now() + MINUTE),
        }),
      ),
    ).toBe('FK_ERR_INCIDENT_INVALID');
  });

  it('finds incidents by status and linked alert', async () => {
    h.alerts.set('a-only', { id: 'a-only', title: 'x', severity: 'low', subject: {} });
    const incident = await h.module.incidents.create(ANALYST.actor, {
      title: 'Leak',
      type: 'data_leak',
      severity: 'SEV2',
      alert_ids: ['a-only'],
    });
    const page = await h.module.incidents.list({ alert_id: 'a-only', limit: 10, offset: 0 });
    expect(page).toMatchObject({ total: 1, items: [{ id: incident.id, type: 'data_leak' }] });
    expect(
      (await h.module.incidents.list({ type: 'data_leak', status: 'reviewed', limit: 10, offset: 0 })).total,
    ).toBe(0);
  });
});
