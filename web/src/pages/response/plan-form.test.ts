import { describe, expect, it } from 'vitest';
import {
  blankContact,
  blankPlanForm,
  blankStep,
  createBody,
  formFromPlan,
  inputId,
  moveStep,
  PLAN_LIMITS,
  type PlanFormState,
  planFormProblems,
  removeAt,
  stepOffsets,
  updateAt,
  versionBody,
  wholeNumber,
} from './plan-form.js';
import type { PlanDetail } from './types.js';

const actor = { type: 'user' as const, id: 'u-1' };

/** A plan as `GET /plans/{id}` gives it, with an optional phone and e-mail left out on one contact. */
const PLAN: PlanDetail = {
  id: 'p-1',
  scenario: 'system_outage',
  version: 2,
  current_version: 2,
  title: { en: 'Core system outage plan', zh: '核心业务系统故障应急预案' },
  description: { en: 'When lending is down.', zh: '放款服务不可用时启动。' },
  rto_minutes: 60,
  rpo_minutes: 5,
  drill_frequency_days: 90,
  steps: [
    {
      seq: 1,
      title: { en: 'Declare the incident', zh: '宣布事件' },
      owner: { type: 'role', id: 'it_oncall' },
      expected_minutes: 10,
      offset_minutes: 10,
    },
    {
      seq: 2,
      title: { en: 'Fail over', zh: '切换至备用机房' },
      owner: { type: 'user', id: 'u-7' },
      expected_minutes: 30,
      offset_minutes: 40,
    },
  ],
  contacts: [
    { name: '王敏 Wang Min', role: '首席风险官 CRO', phone: '+86 10 5555 0101', email: 'cro@example.com' },
    { name: '李强 Li Qiang', role: '资金部负责人 Head of treasury' },
  ],
  change_note: 'tighter RTO',
  created_by: actor,
  created_at: '2026-01-01T00:00:00.000Z',
  versions: [],
  last_drill_at: null,
  next_drill_due: '2026-04-01T00:00:00.000Z',
  drill_overdue: false,
};

/** A complete new plan of two steps. */
function filled(): PlanFormState {
  const form = blankPlanForm();
  return {
    ...form,
    scenario: 'data_leak',
    titleEn: ' Data leak plan ',
    titleZh: '数据泄露应急预案',
    rtoMinutes: '120',
    rpoMinutes: '0',
    drillFrequencyDays: '180',
    steps: [
      { ...blankStep(), titleEn: 'Contain', titleZh: '控制泄露', ownerId: 'ciso', expectedMinutes: '30' },
      { ...blankStep(), titleZh: '通知监管', ownerType: 'user', ownerId: 'u-2', expectedMinutes: '60' },
    ],
  };
}

describe('plan form', () => {
  it('gives back the content of the plan it was filled from (plan → form → body)', () => {
    const form = formFromPlan(PLAN);
    expect(form.changeNote).toBe('');
    expect(planFormProblems(form, 'version')).toEqual([
      { input: 'plan-changeNote', field: 'changeNote', code: 'required' },
    ]);
    expect(versionBody({ ...form, changeNote: 'x' }, 3).expected_version).toBe(3);
    const body = versionBody({ ...form, changeNote: '  reviewed  ' });
    expect(body).toEqual({
      title: PLAN.title,
      description: PLAN.description,
      rto_minutes: PLAN.rto_minutes,
      rpo_minutes: PLAN.rpo_minutes,
      drill_frequency_days: PLAN.drill_frequency_days,
      steps: PLAN.steps.map((s) => ({
        title: s.title,
        owner: s.owner,
        expected_minutes: s.expected_minutes,
      })),
      contacts: PLAN.contacts,
      change_note: 'reviewed',
    });
  });

  it('takes the steps in their order even when the view lists them otherwise', () => {
    const shuffled = { ...PLAN, steps: [...PLAN.steps].reverse() };
    expect(formFromPlan(shuffled).steps.map((s) => s.ownerId)).toEqual(['it_oncall', 'u-7']);
  });

  it('writes the body of a new plan with trimmed texts and numbers', () => {
    const form = filled();
    expect(planFormProblems(form, 'create', ['data_leak', 'system_outage'])).toEqual([]);
    const body = createBody(form);
    expect(body).toEqual({
      scenario: 'data_leak',
      title: { en: 'Data leak plan', zh: '数据泄露应急预案' },
      description: { en: '', zh: '' },
      rto_minutes: 120,
      rpo_minutes: 0,
      drill_frequency_days: 180,
      steps: [
        {
          title: { en: 'Contain', zh: '控制泄露' },
          owner: { type: 'role', id: 'ciso' },
          expected_minutes: 30,
        },
        { title: { en: '', zh: '通知监管' }, owner: { type: 'user', id: 'u-2' }, expected_minutes: 60 },
      ],
      contacts: [],
    });
    expect('change_note' in body).toBe(false);
  });

  it('starts a new plan blank, with one step to fill and every required field named', () => {
    const form = blankPlanForm();
    expect(form.steps).toHaveLength(1);
    const problems = planFormProblems({ ...form, drillFrequencyDays: '' }, 'create');
    expect(problems.map((p) => `${p.field}${p.row ?? ''}:${p.code}`)).toEqual([
      'scenario:required',
      'title:oneLanguage',
      'rto:required',
      'rpo:required',
      'drillFrequency:required',
      'stepTitle1:oneLanguage',
      'ownerId1:required',
      'expectedMinutes1:required',
    ]);
    // The bilingual problem points at the English input of the row.
    expect(problems[5]?.input).toBe('plan-stepTitleEn-1');
  });

  it('refuses a scenario outside the vocabulary, and does not ask for one on a new version', () => {
    const form = { ...filled(), scenario: 'alien_invasion' };
    expect(planFormProblems(form, 'create', ['data_leak']).map((p) => p.field)).toEqual(['scenario']);
    expect(planFormProblems({ ...form, changeNote: 'x' }, 'version')).toEqual([]);
  });

  it('checks numbers against the schema ranges', () => {
    const base = filled();
    const codes = (change: Partial<PlanFormState>) =>
      planFormProblems({ ...base, ...change }, 'create').map((p) => `${p.field}:${p.code}:${p.min}-${p.max}`);
    expect(codes({ rtoMinutes: '43201' })).toEqual(['rto:wholeNumber:0-43200']);
    expect(codes({ rpoMinutes: '-1' })).toEqual(['rpo:wholeNumber:0-43200']);
    expect(codes({ rtoMinutes: '1.5' })).toEqual(['rto:wholeNumber:0-43200']);
    expect(codes({ drillFrequencyDays: '0' })).toEqual(['drillFrequency:wholeNumber:1-1095']);
    expect(codes({ drillFrequencyDays: '1096' })).toEqual(['drillFrequency:wholeNumber:1-1095']);
    expect(codes({ rtoMinutes: '43200', drillFrequencyDays: '1095' })).toEqual([]);
    const steps = updateAt(base.steps, 1, { expectedMinutes: '0' });
    expect(codes({ steps })).toEqual(['expectedMinutes:wholeNumber:1-10080']);
    expect(codes({ steps: updateAt(base.steps, 0, { expectedMinutes: '10081' }) })).toEqual([
      'expectedMinutes:wholeNumber:1-10080',
    ]);
  });

  it('reads full-width digits and nothing that is not a whole number', () => {
    expect(wholeNumber(' １２０ ')).toBe(120);
    expect(wholeNumber('60')).toBe(60);
    expect(wholeNumber('60 min')).toBeUndefined();
    expect(wholeNumber('+5')).toBeUndefined();
    expect(wholeNumber('1e3')).toBeUndefined();
    expect(wholeNumber('')).toBeUndefined();
  });

  it('checks the lengths the server allows', () => {
    const base = filled();
    const long = (n: number) => 'x'.repeat(n);
    const problems = planFormProblems(
      {
        ...base,
        titleEn: long(PLAN_LIMITS.title + 1),
        descriptionZh: long(PLAN_LIMITS.description + 1),
        steps: updateAt(base.steps, 0, { titleZh: long(301), ownerId: long(129) }),
      },
      'create',
    );
    expect(problems.map((p) => `${p.input}:${p.code}:${p.max}`)).toEqual([
      'plan-titleEn:tooLong:200',
      'plan-descriptionZh:tooLong:4000',
      'plan-stepTitleZh-1:tooLong:300',
      'plan-ownerId-1:tooLong:128',
    ]);
    // Characters, not UTF-16 units: 200 Chinese characters are allowed.
    expect(planFormProblems({ ...base, titleZh: '预'.repeat(200) }, 'create')).toEqual([]);
    expect(
      planFormProblems({ ...base, changeNote: long(1001) }, 'version').map((p) => `${p.field}:${p.code}`),
    ).toEqual(['changeNote:tooLong']);
  });

  it('needs at least one step and at most fifty', () => {
    const base = filled();
    expect(planFormProblems({ ...base, steps: [] }, 'create').map((p) => p.code)).toEqual(['noSteps']);
    const many = Array.from({ length: 51 }, () => ({ ...base.steps[0], key: 'k' }) as (typeof base.steps)[0]);
    expect(planFormProblems({ ...base, steps: many }, 'create')).toEqual([
      { input: 'plan-steps', field: 'steps', code: 'tooMany', max: 50 },
    ]);
  });

  it('leaves blank contact rows out and asks a name and a role of the others', () => {
    const base = filled();
    const contacts = [
      blankContact(),
      { ...blankContact(), phone: '+86 10 5555 0101' },
      { ...blankContact(), name: ' 陈静 Chen Jing ', role: '合规负责人', email: ' c@example.com ' },
    ];
    expect(planFormProblems({ ...base, contacts }, 'create').map((p) => p.input)).toEqual([
      inputId('contactName', 2),
      inputId('contactRole', 2),
    ]);
    const body = createBody({ ...base, contacts: removeAt(contacts, 1) });
    expect(body.contacts).toEqual([{ name: '陈静 Chen Jing', role: '合规负责人', email: 'c@example.com' }]);
  });

  it('moves steps up and down, keeping them in bounds, and the body follows the new order', () => {
    const base = filled();
    const [a, b] = base.steps;
    const third = { ...blankStep(), titleEn: 'Report', ownerId: 'compliance', expectedMinutes: '15' };
    const steps = [...base.steps, third];
    expect(moveStep(steps, 2, -1)).toEqual([a, third, b]);
    expect(moveStep(steps, 0, 1)).toEqual([b, a, third]);
    expect(moveStep(steps, 0, -1)).toEqual(steps);
    expect(moveStep(steps, 2, 1)).toEqual(steps);
    const moved = createBody({ ...base, steps: moveStep(steps, 2, -1) });
    expect(moved.steps.map((s) => s.owner.id)).toEqual(['ciso', 'compliance', 'u-2']);
    expect(removeAt(steps, 1)).toEqual([a, third]);
  });

  it('counts each step due after activation as the running sum, as the server does', () => {
    const steps = filled().steps;
    expect(stepOffsets(steps)).toEqual([30, 90]);
    expect(stepOffsets(updateAt(steps, 0, { expectedMinutes: '' }))).toEqual([undefined, undefined]);
    expect(stepOffsets(updateAt(steps, 1, { expectedMinutes: 'x' }))).toEqual([30, undefined]);
    // The offsets of the plan view come back from its form.
    expect(stepOffsets(formFromPlan(PLAN).steps)).toEqual(PLAN.steps.map((s) => s.offset_minutes));
  });

  it('gives every new row its own key', () => {
    const keys = [
      blankStep().key,
      blankStep().key,
      blankContact().key,
      ...formFromPlan(PLAN).steps.map((s) => s.key),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
