import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { permissionsOf } from '../identity/index.js';
import {
  ANALYST,
  APPROVER,
  auditCount,
  type CasesHarness,
  casesHarness,
  codeOf,
  person,
} from './fixtures.js';
import { createCases } from './index.js';

const HOUR = 3600_000;

describeEachDialect('cases', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  // One database for the file (migrating one per test is slow on PostgreSQL); each test has its
  // own harness and clock, and looks only at the records it made.
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await casesHarness(t.store).lists.create(
      { name: 'device_block', kind: 'device_id', purpose: 'block' },
      ANALYST.actor,
    );
  });
  afterAll(() => t?.drop());
  beforeEach(() => {
    h = casesHarness(t.store);
    h.decisions.set('d-1', {
      id: 'd-1',
      event_type: 'withdrawal',
      outcome: 'review',
      subject: { user_id: 'u-42', device_id: 'dev-9' },
    });
    h.alerts.set('a-1', {
      id: 'a-1',
      title: 'Withdrawals from new devices above the red line',
      severity: 'red',
      subject: { user_id: 'u-42' },
    });
  });

  it('takes an alert to a confirmed-fraud case that labels its decision and proposes a block only an approver lands', async () => {
    const cases = h.module.cases;
    const opened = await cases.create(ANALYST.actor, { alert_ids: ['a-1'], decision_ids: ['d-1'] });
    expect(opened).toMatchObject({
      title: 'Withdrawals from new devices above the red line',
      type: 'fraud',
      priority: 'P1',
      status: 'open',
      due_at: new Date(h.clock.now() + 4 * HOUR).toISOString(),
      decision_ids: ['d-1'],
      alert_ids: ['a-1'],
      subjects: [
        { key: 'device_id', value: 'dev-9' },
        { key: 'user_id', value: 'u-42' },
      ],
    });

    await cases.assign(ANALYST.actor, opened.id, 'u-analyst');
    await cases.setStatus(ANALYST.actor, opened.id, 'in_progress');
    await cases.note(ANALYST.actor, opened.id, 'Device seen on three rejected accounts');
    h.clock.advance(HOUR);
    const resolved = await cases.resolve(ANALYST.actor, opened.id, 'confirmed_fraud', 'ring confirmed');
    expect(resolved).toMatchObject({
      status: 'resolved',
      disposition: 'confirmed_fraud',
      resolved_by: ANALYST.actor,
      labels: [{ decision_id: 'd-1', label: 'fraud', outcome: 'labelled', detail: null }],
    });
    expect(h.labelled).toEqual([
      {
        decisionId: 'd-1',
        label: 'fraud',
        actor: ANALYST.actor,
        comment: expect.stringContaining(opened.id),
      },
    ]);
    expect(resolved.activity.map((a) => a.kind)).toEqual([
      'status',
      'assignment',
      'status',
      'note',
      'resolution',
    ]);

    const proposal = await cases.propose(ANALYST, opened.id, {
      list: 'device_block',
      reason: 'device of a confirmed fraud ring',
      values: [{ value: 'dev-9' }],
    });
    expect(proposal).toMatchObject({
      status: 'pending',
      list: 'device_block',
      op: 'add',
      entries: ['dev-9'],
    });
    expect((await h.lists.entries('device_block', { limit: 10 })).items).toHaveLength(0);
    expect((await cases.get(opened.id)).proposals.map((p) => p.change_id)).toEqual([proposal.change_id]);

    await h.changes.approve(APPROVER, proposal.change_id);
    const listed = await h.lists.entries('device_block', { limit: 10 });
    expect(listed.items.map((e) => [e.display, e.source])).toEqual([['dev-9', `case:${opened.id}`]]);

    for (const action of [
      'case.create',
      'case.assign',
      'case.status',
      'case.note',
      'case.resolve',
      'case.label',
      'case.propose',
    ]) {
      expect(await auditCount(h.audit, action, opened.id), action).toBe(1);
    }
  });

  it('labels false positives legitimate and records a label the review queue refused without undoing the resolution', async () => {
    h.decisions.set('d-2', { id: 'd-2', event_type: 'login', outcome: 'review', subject: {} });
    h.refuseLabel.add('d-2');
    const opened = await h.module.cases.create(ANALYST.actor, { decision_ids: ['d-1', 'd-2'] });
    expect(opened).toMatchObject({ type: 'fraud', priority: 'P2', title: 'withdrawal review: d-1 (+1)' });
    const resolved = await h.module.cases.resolve(ANALYST.actor, opened.id, 'false_positive');
    expect(resolved.status).toBe('resolved');
    expect(resolved.labels.map((l) => [l.decision_id, l.label, l.outcome])).toEqual([
      ['d-1', 'legitimate', 'labelled'],
      ['d-2', 'legitimate', 'failed'],
    ]);
    expect(h.labelled.map((c) => c.decisionId)).toEqual(['d-1']);
  });

  it('does not label decisions for dispositions that are not verdicts', async () => {
    const opened = await h.module.cases.create(ANALYST.actor, { decision_ids: ['d-1'], type: 'credit' });
    const resolved = await h.module.cases.resolve(ANALYST.actor, opened.id, 'customer_contacted');
    expect(resolved.labels).toEqual([]);
    expect(h.labelled).toEqual([]);
  });

  it('follows the lifecycle: close and reopen need a reason, a closed case cannot be resolved, reopening clears the disposition', async () => {
    const cases = h.module.cases;
    const opened = await cases.create(ANALYST.actor, { title: 'Manual check', priority: 'P4' });
    expect(opened.due_at).toBe(new Date(h.clock.now() + 120 * HOUR).toISOString());
    expect(await codeOf(cases.setStatus(ANALYST.actor, opened.id, 'closed'))).toBe('FK_ERR_CASE_INVALID');
    await cases.setStatus(ANALYST.actor, opened.id, 'closed', 'duplicate of another case');
    expect(await codeOf(cases.resolve(ANALYST.actor, opened.id, 'no_action'))).toBe('FK_ERR_CASE_TRANSITION');
    expect(await codeOf(cases.assign(ANALYST.actor, opened.id, 'u-x'))).toBe('FK_ERR_CASE_TRANSITION');
    await cases.setStatus(ANALYST.actor, opened.id, 'open', 'not a duplicate after all');
    const resolved = await cases.resolve(ANALYST.actor, opened.id, 'other', 'customer moved abroad');
    expect(resolved.disposition_note).toBe('customer moved abroad');
    h.clock.advance(HOUR);
    const reopened = await cases.setStatus(ANALYST.actor, opened.id, 'open', 'new evidence');
    expect(reopened).toMatchObject({ status: 'open', disposition: null, resolved_at: null });
    expect(reopened.due_at).toBe(new Date(h.clock.now() + 120 * HOUR).toISOString());
    expect(await codeOf(cases.resolve(ANALYST.actor, opened.id, 'other'))).toBe('FK_ERR_CASE_INVALID');
    expect(await codeOf(cases.get('nope'))).toBe('FK_ERR_CASE_NOT_FOUND');
  });

  it('refuses links that do not exist, naming each, and a case with nothing to call it', async () => {
    const cases = h.module.cases;
    expect(
      await codeOf(cases.create(ANALYST.actor, { decision_ids: ['d-1', 'd-404'], alert_ids: ['a-404'] })),
    ).toBe('FK_ERR_CASE_LINK_NOT_FOUND');
    await cases.create(ANALYST.actor, { decision_ids: ['d-404'] }).catch((e: { fields: unknown }) => {
      expect(e.fields).toEqual([{ path: 'body.decision_ids.0', message: 'decision d-404 does not exist' }]);
    });
    const before = await auditCount(h.audit, 'case.create');
    expect(await codeOf(cases.create(ANALYST.actor, {}))).toBe('FK_ERR_CASE_INVALID');
    expect(await auditCount(h.audit, 'case.create')).toBe(before);
  });

  it('stores a phone typed as a subject only as its keyed hash', async () => {
    const opened = await h.module.cases.create(ANALYST.actor, {
      title: 'Phone reported stolen',
      subjects: [{ key: 'phone', value: '13800138000' }],
    });
    const stored = opened.subjects[0]?.value ?? '';
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    const rows = await h.db.selectFrom('audit_log').select('payload').execute();
    expect(rows.some((r) => String(r.payload).includes('13800138000'))).toBe(false);
  });

  it('refuses a list proposal from someone who may not change lists, and lands nothing', async () => {
    const opened = await h.module.cases.create(ANALYST.actor, { decision_ids: ['d-1'] });
    const worker = person('u-worker', ['case:read', 'case:work']);
    expect(
      await codeOf(
        h.module.cases.propose(worker, opened.id, {
          list: 'device_block',
          reason: 'r',
          values: [{ value: 'dev-9' }],
        }),
      ),
    ).toBe('FK_ERR_CHANGE_FORBIDDEN');
    expect((await h.module.cases.get(opened.id)).proposals).toEqual([]);
  });

  it('lets the analyst role propose list entries, which only an approver lands', async () => {
    const opened = await h.module.cases.create(ANALYST.actor, { decision_ids: ['d-1'] });
    const analyst = {
      actor: { type: 'user', id: 'u-role-analyst' } as const,
      permissions: permissionsOf(['analyst']),
    };
    const proposal = await h.module.cases.propose(analyst, opened.id, {
      list: 'device_block',
      reason: 'device of a confirmed fraud ring',
      values: [{ value: 'dev-7' }],
    });
    const listed = async () =>
      (await h.lists.entries('device_block', { limit: 100 })).items.some((e) => e.display === 'dev-7');
    expect(await listed()).toBe(false);
    await h.changes.approve(APPROVER, proposal.change_id);
    expect(await listed()).toBe(true);
  });

  it('lists cases by status, subject, link and overdue, earliest due first', async () => {
    const cases = h.module.cases;
    const mine = { assignee_id: 'u-lister' };
    const urgent = await cases.create(ANALYST.actor, { ...mine, alert_ids: ['a-1'] });
    const calm = await cases.create(ANALYST.actor, {
      ...mine,
      title: 'Routine',
      priority: 'P4',
      subjects: [{ key: 'user_id', value: 'u-7' }],
    });
    h.clock.advance(5 * HOUR);
    const ids = async (q: Parameters<typeof cases.list>[0]) => (await cases.list(q)).items.map((c) => c.id);
    const page = { assignee_id: 'u-lister', limit: 10, offset: 0 };
    expect(await ids(page)).toEqual([urgent.id, calm.id]);
    expect(await ids({ ...page, overdue: true })).toEqual([urgent.id]);
    expect(await ids({ ...page, subject_key: 'user_id', subject_value: 'u-7' })).toEqual([calm.id]);
    expect(await ids({ ...page, alert_id: 'a-1' })).toEqual([urgent.id]);
    expect(await ids({ ...page, status: ['resolved'] })).toEqual([]);
    const listed = await cases.list({ ...page, limit: 1 });
    expect(listed).toMatchObject({ total: 2, items: [{ id: urgent.id, overdue: true }] });
  });

  it('links more decisions to an active case and takes in their subjects, but not to a closed one', async () => {
    const cases = h.module.cases;
    const opened = await cases.create(ANALYST.actor, { title: 'Device farm' });
    const linked = await cases.link(ANALYST.actor, opened.id, ['d-1']);
    expect(linked.decision_ids).toEqual(['d-1']);
    expect(linked.subjects.map((x) => x.key)).toEqual(['device_id', 'user_id']);
    expect(linked.activity.at(-1)).toMatchObject({ kind: 'link', text: 'decision d-1' });
    await cases.setStatus(ANALYST.actor, opened.id, 'closed', 'merged elsewhere');
    expect(await codeOf(cases.link(ANALYST.actor, opened.id, [], ['a-1']))).toBe('FK_ERR_CASE_TRANSITION');
    expect(() => createCases({ ...h.deps, dueHours: { P1: 0 } })).toThrow(RangeError);
  });

  it('gives the fraud-confirmed rate of the cases resolved in a period, null when none was', async () => {
    const figures = h.module.figures;
    h.clock.advance(30 * 24 * HOUR); // past what the other tests resolved
    const start = new Date(h.clock.now()).toISOString();
    expect(await figures.fraudConfirmedRate(start, '2026-05-01T00:00:00Z')).toBeNull();
    for (const disposition of [
      'confirmed_fraud',
      'false_positive',
      'confirmed_fraud',
      'no_action',
    ] as const) {
      const c = await h.module.cases.create(ANALYST.actor, { title: disposition });
      await h.module.cases.resolve(ANALYST.actor, c.id, disposition);
      h.clock.advance(HOUR);
    }
    expect(await figures.fraudConfirmedRate(start, '2026-05-01T00:00:00Z')).toBe(0.5);
    const afterTwo = new Date(Date.parse(start) + 2 * HOUR).toISOString();
    expect(await figures.fraudConfirmedRate(start, afterTwo)).toBe(0.5);
    expect(await figures.fraudConfirmedRate(afterTwo, '2026-05-01T00:00:00Z')).toBe(0.5);
    await expect(figures.fraudConfirmedRate('yesterday', afterTwo)).rejects.toThrow(RangeError);
  });
});
