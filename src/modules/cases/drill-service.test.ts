import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { ANALYST, type CasesHarness, casesHarness, codeOf, SMALL_PLAN, T0 } from './fixtures.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

describeEachDialect('drills', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = casesHarness(t.store);
  });
  afterEach(() => t?.drop());

  it('records the time each step took, in the order the steps were done, and the gaps found', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    const start = h.clock.now();
    const drills = h.module.drills;
    const drill = await drills.start(ANALYST.actor, plan.id);
    h.clock.advance(60 * MINUTE);
    await drills.completeStep(ANALYST.actor, drill.id, 1, at(start + 12 * MINUTE));
    await drills.completeStep(ANALYST.actor, drill.id, 3, at(start + 25 * MINUTE), 'notified early');
    await drills.completeStep(ANALYST.actor, drill.id, 2, at(start + 40 * MINUTE));
    expect(await codeOf(drills.completeStep(ANALYST.actor, drill.id, 2))).toBe('FK_ERR_PLAN_DRILL_CLOSED');
    expect(await codeOf(drills.completeStep(ANALYST.actor, drill.id, 9))).toBe('FK_ERR_PLAN_DRILL_NOT_FOUND');
    expect(await codeOf(drills.finish(ANALYST.actor, drill.id, 'passed_with_gaps', []))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    expect(await codeOf(drills.finish(ANALYST.actor, drill.id, 'passed', [], at(start + 30 * MINUTE)))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    const finished = await drills.finish(
      ANALYST.actor,
      drill.id,
      'passed_with_gaps',
      ['standby replication lag'],
      at(start + 41 * MINUTE),
    );
    expect(finished).toMatchObject({
      status: 'finished',
      outcome: 'passed_with_gaps',
      gaps: ['standby replication lag'],
      total_minutes: 41,
      rto_minutes: 60,
      within_rto: true,
    });
    expect(finished.steps.map((s) => [s.seq, s.took_minutes, s.over_expected])).toEqual([
      [1, 12, true],
      [2, 15, false],
      [3, 13, false],
    ]);
    expect(await codeOf(drills.completeStep(ANALYST.actor, drill.id, 1))).toBe('FK_ERR_PLAN_DRILL_CLOSED');
    expect((await drills.list({ plan_id: plan.id, limit: 10, offset: 0 })).total).toBe(1);
  });

  it('refuses drill times in the future or before the drill began', async () => {
    const plan = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    const drill = await h.module.drills.start(ANALYST.actor, plan.id, at(h.clock.now() - DAY));
    expect(await codeOf(h.module.drills.start(ANALYST.actor, plan.id, at(h.clock.now() + MINUTE)))).toBe(
      'FK_ERR_PLAN_INVALID',
    );
    expect(
      await codeOf(h.module.drills.completeStep(ANALYST.actor, drill.id, 1, at(h.clock.now() - 2 * DAY))),
    ).toBe('FK_ERR_PLAN_INVALID');
    expect(
      await codeOf(h.module.drills.completeStep(ANALYST.actor, drill.id, 1, at(h.clock.now() + MINUTE))),
    ).toBe('FK_ERR_PLAN_INVALID');
  });

  it('counts a plan whose last finished drill is older than its frequency as an overdue drill', async () => {
    const figures = h.module.figures;
    const t0 = Date.parse(T0);
    const drilled = await h.module.plans.create(ANALYST.actor, SMALL_PLAN);
    const never = await h.module.plans.create(ANALYST.actor, { ...SMALL_PLAN, scenario: 'data_leak' });
    h.clock.set(t0 + DAY);
    const first = await h.module.drills.start(ANALYST.actor, drilled.id);
    await h.module.drills.finish(ANALYST.actor, first.id, 'passed', []);

    expect(await figures.overdueDrills(at(t0 + 80 * DAY))).toBe(0);
    // The never-drilled plan is due 90 days after its creation, the drilled one 90 days after its drill.
    expect(await figures.overdueDrills(at(t0 + 90.5 * DAY))).toBe(1);
    expect(await figures.overdueDrills(at(t0 + 92 * DAY))).toBe(2);
    expect(await figures.overdueDrills(at(t0 - DAY))).toBe(0);

    h.clock.set(t0 + 92 * DAY);
    const again = await h.module.drills.start(ANALYST.actor, drilled.id);
    await h.module.drills.start(ANALYST.actor, never.id);
    expect(await figures.overdueDrills(at(t0 + 92 * DAY))).toBe(2);
    await h.module.drills.finish(ANALYST.actor, again.id, 'passed', []);
    expect(await figures.overdueDrills(at(t0 + 92 * DAY))).toBe(1);
    expect(await figures.overdueDrills(at(t0 + 90.5 * DAY))).toBe(1);

    const listed = await h.module.plans.list();
    expect(listed.map((p) => [p.id, p.drill_overdue, p.last_drill_at])).toEqual([
      [never.id, true, null],
      [drilled.id, false, at(t0 + 92 * DAY)],
    ]);
    expect(listed[1]?.next_drill_due).toBe(at(t0 + 182 * DAY));
  });
});
