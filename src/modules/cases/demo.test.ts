import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { type CasesHarness, casesHarness } from './fixtures.js';
import { loadCasesDemo } from './index.js';

describeEachDialect('the cases demo workspace', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  let lines: string[];
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    h = casesHarness(t.store);
    lines = await loadCasesDemo(h.deps);
  });
  afterAll(() => t?.drop());

  it('has the four plans in both languages, one of them overdue for a drill', async () => {
    const plans = await h.module.plans.list();
    expect(plans.map((p) => p.scenario).sort()).toEqual([
      'data_leak',
      'fraud_wave',
      'mass_withdrawal',
      'system_outage',
    ]);
    expect(plans.every((p) => p.title.zh !== p.title.en && p.steps >= 6)).toBe(true);
    expect(plans.filter((p) => p.drill_overdue).map((p) => p.scenario)).toEqual(['mass_withdrawal']);
    expect(await h.module.figures.overdueDrills(new Date(h.clock.now()).toISOString())).toBe(1);
    const drills = await h.module.drills.list({ status: 'finished', limit: 10, offset: 0 });
    expect(drills.total).toBe(2);
    expect(
      drills.items.every((d) => d.gaps.length > 0 && d.steps.every((s) => s.took_minutes !== null)),
    ).toBe(true);
    expect(lines.join('\n')).toContain('1 plan overdue');
  });

  it('has two open cases, one past due, and a reviewed incident with its completed checklist', async () => {
    const open = await h.module.cases.list({ status: ['open'], limit: 10, offset: 0 });
    expect(open.total).toBe(2);
    expect(open.items.filter((c) => c.overdue)).toHaveLength(1);
    const [incident] = (await h.module.incidents.list({ status: 'reviewed', limit: 10, offset: 0 })).items;
    const detail = await h.module.incidents.get(incident?.id ?? '');
    expect(detail.review?.actions).toHaveLength(2);
    const activation = await h.module.activations.get(detail.plan_activations[0]?.id ?? '');
    expect(activation.status).toBe('completed');
    expect(detail.timeline.filter((e) => e.kind === 'plan')).toHaveLength(activation.items.length + 1);
  });
});
