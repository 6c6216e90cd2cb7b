import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { ANALYST, auditCount, type CasesHarness, casesHarness, codeOf, SMALL_PLAN } from './fixtures.js';

const MINUTE = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

describeEachDialect('emergency plans and their activation', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t?.drop());
  beforeEach(() => {
    h = casesHarness(t.store);
    h.alerts.set('a-7', { id: 'a-7', title: 'Decision API error rate red', severity: 'SEV1', subject: {} });
  });

  it('turns the plan into a checklist due at the activation time plus the step durations so far', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    expect(plan.steps.map((s) => s.offset_minutes)).toEqual([10, 30, 60]);
    h.clock.advance(7 * MINUTE);
    const activatedAt = h.clock.now();
    const activation = await h.module.activations.activate(ANALYST.actor, plan.id, {
      type: 'alert',
      id: 'a-7',
    });
    expect(activation).toMatchObject({
      plan_id: plan.id,
      plan_version: 1,
      plan_title: { en: 'Outage', zh: '故障' },
      source: { type: 'alert', id: 'a-7' },
      status: 'active',
      overdue_items: 0,
    });
    expect(activation.items.map((i) => [i.seq, i.due_at, i.status])).toEqual([
      [1, at(activatedAt + 10 * MINUTE), 'pending'],
      [2, at(activatedAt + 30 * MINUTE), 'pending'],
      [3, at(activatedAt + 60 * MINUTE), 'pending'],
    ]);
    expect(activation.items[2]?.owner).toEqual({ type: 'user', id: 'u-comms' });

    h.clock.advance(12 * MINUTE);
    const late = await h.module.activations.get(activation.id);
    expect(late.items.map((i) => i.overdue)).toEqual([true, false, false]);
    expect(late.overdue_items).toBe(1);

    await h.module.activations.tick(ANALYST.actor, activation.id, 1, 'done');
    expect(await codeOf(h.module.activations.tick(ANALYST.actor, activation.id, 1, 'done'))).toBe(
      'FK_ERR_PLAN_ITEM_CLOSED',
    );
    expect(await codeOf(h.module.activations.tick(ANALYST.actor, activation.id, 2, 'skipped'))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    await h.module.activations.tick(ANALYST.actor, activation.id, 2, 'skipped', 'standby already primary');
    const done = await h.module.activations.tick(ANALYST.actor, activation.id, 3, 'done');
    expect(done).toMatchObject({ status: 'completed', completed_at: at(h.clock.now()), overdue_items: 0 });
    expect(done.items.map((i) => [i.status, i.done_by?.id, i.note])).toEqual([
      ['done', 'u-analyst', null],
      ['skipped', 'u-analyst', 'standby already primary'],
      ['done', 'u-analyst', null],
    ]);
    expect(await codeOf(h.module.activations.tick(ANALYST.actor, activation.id, 3, 'done'))).toBe(
      'FK_ERR_PLAN_ITEM_CLOSED',
    );
    expect(await auditCount(h.audit, 'plan.checklist', activation.id)).toBe(3);
  });

  it('refuses a second active activation for the same source, and a source that does not exist', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    await h.module.activations.activate(ANALYST.actor, plan.id, { type: 'alert', id: 'a-7' });
    expect(
      await codeOf(h.module.activations.activate(ANALYST.actor, plan.id, { type: 'alert', id: 'a-7' })),
    ).toBe('FK_ERR_PLAN_ALREADY_ACTIVE');
    expect(
      await codeOf(h.module.activations.activate(ANALYST.actor, plan.id, { type: 'alert', id: 'a-0' })),
    ).toBe('FK_ERR_PLAN_SOURCE_NOT_FOUND');
    expect(
      await codeOf(h.module.activations.activate(ANALYST.actor, plan.id, { type: 'incident', id: 'i-0' })),
    ).toBe('FK_ERR_INCIDENT_NOT_FOUND');
    expect(
      await codeOf(h.module.activations.activate(ANALYST.actor, 'p-0', { type: 'alert', id: 'a-7' })),
    ).toBe('FK_ERR_PLAN_NOT_FOUND');
  });

  it('activates the current version; an edit makes a new version and the earlier activation keeps its own', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    const incident = await h.module.incidents.create(ANALYST.actor, {
      title: 'Decision API down',
      type: 'system_outage',
      severity: 'SEV1',
    });
    const first = await h.module.activations.activate(ANALYST.actor, plan.id, {
      type: 'incident',
      id: incident.id,
    });
    const edited = await h.module.plans.newVersion(ANALYST.actor, plan.id, {
      ...SMALL_PLAN,
      steps: [
        ...SMALL_PLAN.steps,
        { title: { en: 'Report' }, owner: { type: 'role', id: 'compliance' }, expected_minutes: 120 },
      ],
      change_note: 'add regulator report',
    });
    expect(edited).toMatchObject({ version: 2, current_version: 2, change_note: 'add regulator report' });
    expect(edited.steps[3]).toMatchObject({ title: { en: 'Report', zh: 'Report' }, offset_minutes: 180 });
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await h.module.plans.get(plan.id, 1)).steps).toHaveLength(3);
    expect(
      await codeOf(h.module.plans.newVersion(ANALYST.actor, plan.id, { ...SMALL_PLAN, change_note: 'x' }, 1)),
    ).toBe('FK_ERR_PLAN_CONFLICT');

    const alertActivation = await h.module.activations.activate(ANALYST.actor, plan.id, {
      type: 'alert',
      id: 'a-7',
    });
    expect(alertActivation.items).toHaveLength(4);
    expect((await h.module.activations.get(first.id)).items).toHaveLength(3);

    const timeline = (await h.module.incidents.get(incident.id)).timeline;
    expect(timeline.map((e) => e.kind)).toEqual(['status', 'plan']);
    expect((await h.module.incidents.get(incident.id)).plan_activations.map((a) => a.id)).toEqual([first.id]);
  });

  it('refuses plans without steps or with a blank title, naming the field', async () => {
    const plans = h.module.plans;
    const before = (await plans.list()).length;
    expect(await codeOf(plans.create(ANALYST.actor, { ...SMALL_PLAN, title: { en: '  ' } }))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    expect(await codeOf(plans.create(ANALYST.actor, { ...SMALL_PLAN, steps: [] }))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    expect((await plans.list()).length).toBe(before);
    expect(await plans.list('data_leak')).toEqual([]);
  });

  it('keeps contact phone numbers out of the audit trail', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    expect(plan.contacts[0]?.phone).toBe('+86 10 5555 0200');
    const [entry] = await h.audit.list({ action: 'plan.create', targetId: plan.id, limit: 1 });
    expect(JSON.stringify(entry?.payload)).toContain('+** ** **** 0200');
    expect(JSON.stringify(entry?.payload)).not.toContain('5555 0200');
  });
});
