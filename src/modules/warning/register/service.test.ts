import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { APPROVER, codeOf, OFFICER, person, type WarningHarness, warningHarness } from '../kri/fixtures.js';
import type { NewRisk } from './service.js';

const actor = OFFICER.actor;

const CREDIT: NewRisk = {
  title: { en: 'Borrower default above appetite', zh: '借款人违约超出风险偏好' },
  category: 'credit',
  owner: 'u-cro',
  cause: { en: 'Weak underwriting in new channels' },
  consequence: { en: 'Losses beyond the risk reserve', zh: '损失超过风险准备金' },
  inherent: { likelihood: 4, impact: 5 },
  residual: { likelihood: 3, impact: 4 },
  controls: {
    C1: {
      title: { en: 'Scorecard cut-off review' },
      owner: 'u-officer',
      frequency: 'monthly',
      last_tested_on: '2026-02-20',
      last_result: 'effective',
    },
    C2: { title: { en: 'Post-loan monitoring', zh: '贷后监控' }, frequency: 'weekly' },
  },
};

describeEachDialect('risk register', (dialect) => {
  let t: TestDatabase;
  let h: WarningHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = warningHarness(t.store);
  });
  afterEach(async () => {
    await t?.drop();
  });

  it('records risks with numbered ids, grades, controls and KRI links, and refuses what is inconsistent', async () => {
    await h.kris.create(
      { id: 'credit.npl', frequency: 'monthly', source: { kind: 'builtin', metric: 'credit.npl_ratio' } },
      actor,
    );
    const risk = await h.register.create({ ...CREDIT, kri_ids: ['credit.npl'] }, actor);
    expect(risk).toMatchObject({
      id: 'R-CR-001',
      category_label: { en: 'Credit risk', zh: '信用风险' },
      cause: { en: 'Weak underwriting in new channels', zh: 'Weak underwriting in new channels' },
      inherent: { grade: 20, level: 'critical' },
      residual: { grade: 12, level: 'high' },
      kri_ids: ['credit.npl'],
      status: 'active',
      version: 1,
    });
    expect(risk.controls.map((c) => [c.id, c.last_result, c.test_overdue])).toEqual([
      ['C1', 'effective', false],
      ['C2', 'not_tested', true],
    ]);
    expect((await h.register.create(CREDIT, actor)).id).toBe('R-CR-002');
    expect((await h.register.create({ ...CREDIT, category: 'fx_conduct' }, actor)).id).toBe('R-CU-001');
    expect(await codeOf(h.register.create({ ...CREDIT, id: 'R-CR-001' }, actor))).toBe('FK_ERR_RISK_EXISTS');
    expect(
      await codeOf(h.register.create({ ...CREDIT, residual: { likelihood: 5, impact: 5 } }, actor)),
    ).toBe('FK_ERR_RISK_INVALID');
    expect(
      await codeOf(h.register.create({ ...CREDIT, inherent: { likelihood: 6, impact: 1 } }, actor)),
    ).toBe('FK_ERR_RISK_INVALID');
    expect(await codeOf(h.register.create({ ...CREDIT, kri_ids: ['no.such'] }, actor))).toBe(
      'FK_ERR_RISK_KRI_UNKNOWN',
    );
    expect(await codeOf(h.register.create({ ...CREDIT, title: {} }, actor))).toBe('FK_ERR_RISK_INVALID');
    expect(
      await codeOf(
        h.register.create(
          {
            ...CREDIT,
            controls: { C1: { title: { en: 'x' }, frequency: 'daily', last_result: 'effective' } },
          },
          actor,
        ),
      ),
    ).toBe('FK_ERR_RISK_INVALID');
    expect((await h.register.list({ category: 'credit' })).map((r) => r.id)).toEqual([
      'R-CR-001',
      'R-CR-002',
    ]);
    expect((await h.audit.list({ action: 'risk.create', limit: 10 })).length).toBe(3);
  });

  it('changes other fields directly, audited, but refuses a grading outside four eyes', async () => {
    const risk = await h.register.create(CREDIT, actor);
    const updated = await h.register.update(risk.id, { owner: 'u-new', title: { zh: '新标题' } }, actor);
    expect(updated).toMatchObject({ owner: 'u-new', title: { en: '新标题', zh: '新标题' }, version: 2 });
    expect(await codeOf(h.register.update(risk.id, { residual: { likelihood: 1, impact: 1 } }, actor))).toBe(
      'FK_ERR_RISK_GRADE_NEEDS_APPROVAL',
    );
    expect(await codeOf(h.register.update(risk.id, {}, actor))).toBe('FK_ERR_RISK_INVALID');
    expect(await codeOf(h.register.update('R-XX-404', { owner: 'x' }, actor))).toBe('FK_ERR_RISK_NOT_FOUND');
    const [entry] = await h.audit.list({ action: 'risk.update', limit: 10 });
    expect(entry?.payload).toMatchObject({
      before: { owner: 'u-cro' },
      after: { owner: 'u-new' },
      version: 2,
    });

    const tested = await h.register.putControl(
      risk.id,
      'C2',
      {
        title: { en: 'Post-loan monitoring' },
        frequency: 'weekly',
        last_tested_on: '2026-02-27',
        last_result: 'partially_effective',
      },
      actor,
    );
    expect(tested.controls.find((c) => c.id === 'C2')).toMatchObject({
      last_result: 'partially_effective',
      test_overdue: false,
    });
    expect(
      await codeOf(
        h.register.putControl(
          risk.id,
          'C3',
          { title: { en: 'x' }, frequency: 'daily', last_tested_on: '2026-03-02', last_result: 'effective' },
          actor,
        ),
      ),
    ).toBe('FK_ERR_RISK_INVALID');
    const removed = await h.register.removeControl(risk.id, 'C1', actor);
    expect(removed.controls.map((c) => c.id)).toEqual(['C2']);
    expect(await codeOf(h.register.removeControl(risk.id, 'C1', actor))).toBe(
      'FK_ERR_RISK_CONTROL_NOT_FOUND',
    );
  });

  it('applies a grading change only when a second person approves it, and never a stale one', async () => {
    const risk = await h.register.create(CREDIT, actor);
    const change = await h.register.submitGrade(OFFICER, risk.id, {
      residual: { likelihood: 2, impact: 4 },
      reason: 'new controls tested effective',
    });
    expect(change).toMatchObject({
      kind: 'risk.grade',
      status: 'pending',
      summary: { en: expect.stringContaining('residual 2×4=8') },
    });
    expect((await h.register.get(risk.id)).residual.grade).toBe(12);
    expect(await codeOf(h.changes.approve(OFFICER, change.id))).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
    expect(await codeOf(h.changes.approve(person('u-other', ['kri:write']), change.id))).toBe(
      'FK_ERR_CHANGE_FORBIDDEN',
    );
    const applied = await h.changes.approve(APPROVER, change.id, 'checked the test evidence');
    expect(applied.status).toBe('applied');
    expect((await h.register.get(risk.id)).residual).toMatchObject({
      likelihood: 2,
      impact: 4,
      grade: 8,
      level: 'medium',
    });

    expect(
      await codeOf(
        h.register.submitGrade(OFFICER, risk.id, { residual: { likelihood: 2, impact: 4 }, reason: 'same' }),
      ),
    ).toBe('FK_ERR_RISK_INVALID');
    expect(
      await codeOf(
        h.register.submitGrade(OFFICER, risk.id, { inherent: { likelihood: 1, impact: 1 }, reason: 'x' }),
      ),
    ).toBe('FK_ERR_RISK_INVALID');
    expect(
      await codeOf(
        h.register.submitGrade(person('u-reader', ['kri:read']), risk.id, {
          inherent: { likelihood: 5, impact: 5 },
          reason: 'x',
        }),
      ),
    ).toBe('FK_ERR_CHANGE_FORBIDDEN');

    const later = await h.register.submitGrade(OFFICER, risk.id, {
      inherent: { likelihood: 5, impact: 5 },
      reason: 'market turned',
    });
    await h.register.putControl(
      risk.id,
      'C2',
      {
        title: { en: 'Post-loan monitoring' },
        frequency: 'weekly',
        last_tested_on: '2026-02-28',
        last_result: 'ineffective',
      },
      actor,
    );
    expect(await codeOf(h.changes.approve(APPROVER, later.id))).toBe('FK_ERR_CHANGE_STALE');
    expect((await h.register.get(risk.id)).inherent.grade).toBe(20);
  });

  it('draws the heat map of active risks by residual or inherent grading', async () => {
    const a = await h.register.create(CREDIT, actor);
    await h.register.create(
      {
        ...CREDIT,
        category: 'market',
        inherent: { likelihood: 3, impact: 4 },
        residual: { likelihood: 3, impact: 4 },
      },
      actor,
    );
    const retired = await h.register.create({ ...CREDIT, category: 'legal' }, actor);
    await h.register.update(retired.id, { status: 'retired' }, actor);
    const map = await h.register.heatmap();
    expect(map.total).toBe(2);
    expect(map.cells.find((c) => c.likelihood === 3 && c.impact === 4)).toMatchObject({
      count: 2,
      risk_ids: [a.id, 'R-MK-001'],
      level: 'high',
    });
    expect(
      (await h.register.heatmap('inherent')).cells.find((c) => c.likelihood === 4 && c.impact === 5)
        ?.risk_ids,
    ).toEqual([a.id]);
  });
});
