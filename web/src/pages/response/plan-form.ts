/**
 * The emergency-plan form without React: its state (every field as typed text, so a half-typed
 * number is kept as it is), the state of a blank plan and of an existing version, the editing of
 * the ordered steps, the checks the server would make (`src/modules/cases/plan-schemas.ts` and
 * `plan-content.ts`: required texts, whole numbers in range, lengths, at least one step) so a
 * person sees every problem at once before sending, and the request body of `POST /plans` and
 * `POST /plans/{id}/versions`.
 */
import type { Bilingual, PlanDetail } from './types.js';

/** The limits of `CreatePlanBody` / `NewVersionBody`. */
export const PLAN_LIMITS = {
  title: 200,
  description: 4000,
  minutes: { min: 0, max: 43_200 },
  drillDays: { min: 1, max: 1095 },
  steps: 50,
  stepTitle: 300,
  ownerId: 128,
  stepMinutes: { min: 1, max: 10_080 },
  contacts: 30,
  contactText: 100,
  phone: 40,
  email: 200,
  changeNote: 1000,
} as const;

export type OwnerType = 'role' | 'user';

/** One step as typed. `key` keeps a row's identity in the list while steps move. */
export interface StepState {
  readonly key: string;
  readonly titleEn: string;
  readonly titleZh: string;
  readonly ownerType: OwnerType;
  readonly ownerId: string;
  readonly expectedMinutes: string;
}

/** One contact as typed. */
export interface ContactState {
  readonly key: string;
  readonly name: string;
  readonly role: string;
  readonly phone: string;
  readonly email: string;
}

/** The whole form as typed. `scenario` is used when creating; `changeNote` for a new version. */
export interface PlanFormState {
  readonly scenario: string;
  readonly titleEn: string;
  readonly titleZh: string;
  readonly descriptionEn: string;
  readonly descriptionZh: string;
  readonly rtoMinutes: string;
  readonly rpoMinutes: string;
  readonly drillFrequencyDays: string;
  readonly steps: readonly StepState[];
  readonly contacts: readonly ContactState[];
  readonly changeNote: string;
}

/** What a version holds, as the server takes it. */
export interface PlanContentBody {
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly rto_minutes: number;
  readonly rpo_minutes: number;
  readonly drill_frequency_days: number;
  readonly steps: readonly {
    readonly title: Bilingual;
    readonly owner: { readonly type: OwnerType; readonly id: string };
    readonly expected_minutes: number;
  }[];
  readonly contacts: readonly { name: string; role: string; phone?: string; email?: string }[];
}

/** `POST /plans`. */
export interface CreatePlanBody extends PlanContentBody {
  readonly scenario: string;
}

/** `POST /plans/{id}/versions`. */
export interface NewVersionBody extends PlanContentBody {
  readonly change_note: string;
  /** The version the editor started from: the server refuses (409) if the plan moved on. */
  readonly expected_version?: number;
}

let counter = 0;
/** A key for a new row, unique in this page. */
function rowKey(): string {
  counter += 1;
  return `row-${counter}`;
}

/** A blank step (owned by a role, as most plan steps are). */
export function blankStep(): StepState {
  return { key: rowKey(), titleEn: '', titleZh: '', ownerType: 'role', ownerId: '', expectedMinutes: '' };
}

/** A blank contact. */
export function blankContact(): ContactState {
  return { key: rowKey(), name: '', role: '', phone: '', email: '' };
}

/** The form of a new plan: one empty step to start from, and a yearly drill, a common minimum. */
export function blankPlanForm(): PlanFormState {
  return {
    scenario: '',
    titleEn: '',
    titleZh: '',
    descriptionEn: '',
    descriptionZh: '',
    rtoMinutes: '',
    rpoMinutes: '',
    drillFrequencyDays: '365',
    steps: [blankStep()],
    contacts: [],
    changeNote: '',
  };
}

/** The form of the next version of `plan`: its content as it stands, and no change note yet. */
export function formFromPlan(plan: PlanDetail): PlanFormState {
  return {
    scenario: plan.scenario,
    titleEn: plan.title.en,
    titleZh: plan.title.zh,
    descriptionEn: plan.description.en,
    descriptionZh: plan.description.zh,
    rtoMinutes: String(plan.rto_minutes),
    rpoMinutes: String(plan.rpo_minutes),
    drillFrequencyDays: String(plan.drill_frequency_days),
    steps: [...plan.steps]
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        key: rowKey(),
        titleEn: s.title.en,
        titleZh: s.title.zh,
        ownerType: s.owner.type,
        ownerId: s.owner.id,
        expectedMinutes: String(s.expected_minutes),
      })),
    contacts: plan.contacts.map((c) => ({
      key: rowKey(),
      name: c.name,
      role: c.role,
      phone: c.phone ?? '',
      email: c.email ?? '',
    })),
    changeNote: '',
  };
}

/** `steps` with the step at `index` moved by `delta` places (unchanged when it would leave the list). */
export function moveStep(steps: readonly StepState[], index: number, delta: -1 | 1): StepState[] {
  const to = index + delta;
  const out = [...steps];
  const moving = out[index];
  const other = out[to];
  if (moving === undefined || other === undefined) return out;
  out[index] = other;
  out[to] = moving;
  return out;
}

/** `rows` without the one at `index`. */
export function removeAt<T>(rows: readonly T[], index: number): T[] {
  return rows.filter((_, i) => i !== index);
}

/** `rows` with the one at `index` changed by `change`. */
export function updateAt<T>(rows: readonly T[], index: number, change: Partial<T>): T[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change } : row));
}

/**
 * A whole number typed in a field, or undefined. Full-width digits (as a Chinese input method
 * types them) count as digits; anything else — a sign, a decimal point, a unit — does not.
 */
export function wholeNumber(text: string): number | undefined {
  const ascii = text.trim().replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (!/^\d{1,9}$/.test(ascii)) return undefined;
  return Number.parseInt(ascii, 10);
}

/**
 * Minutes from activation until each step is due, as the server counts them (the running sum of
 * the expected minutes); undefined from the first step whose minutes are not yet a number.
 */
export function stepOffsets(steps: readonly StepState[]): (number | undefined)[] {
  let total: number | undefined = 0;
  return steps.map((s) => {
    const minutes = wholeNumber(s.expectedMinutes);
    total = total === undefined || minutes === undefined ? undefined : total + minutes;
    return total;
  });
}

/** Which field a problem is about: its label under `response.planForm.fields`, and its row. */
export type FieldName =
  | 'scenario'
  | 'title'
  | 'titleEn'
  | 'titleZh'
  | 'descriptionEn'
  | 'descriptionZh'
  | 'rto'
  | 'rpo'
  | 'drillFrequency'
  | 'steps'
  | 'stepTitle'
  | 'stepTitleEn'
  | 'stepTitleZh'
  | 'ownerId'
  | 'expectedMinutes'
  | 'contacts'
  | 'contactName'
  | 'contactRole'
  | 'contactPhone'
  | 'contactEmail'
  | 'changeNote';

/** One thing the form cannot send as it is; its text is `response.planForm.problems.<code>`. */
export interface FormProblem {
  /** The id of the input concerned (see {@link inputId}), to mark it and move to it. */
  readonly input: string;
  readonly field: FieldName;
  /** The 1-based step or contact the field belongs to. */
  readonly row?: number;
  readonly code: 'required' | 'oneLanguage' | 'tooLong' | 'wholeNumber' | 'noSteps' | 'tooMany';
  readonly min?: number;
  readonly max?: number;
}

/** The DOM id of a field's input: `plan-<field>` or `plan-<field>-<row>`. */
export function inputId(field: FieldName, row?: number): string {
  return row === undefined ? `plan-${field}` : `plan-${field}-${row}`;
}

/**
 * Every problem of `form` for `mode`, in the order the fields appear; empty when the form can be
 * sent. A contact row left entirely blank is not a problem: it is not sent.
 */
export function planFormProblems(
  form: PlanFormState,
  mode: 'create' | 'version',
  scenarios: readonly string[] = [],
): FormProblem[] {
  const out: FormProblem[] = [];
  const problem = (field: FieldName, code: FormProblem['code'], extra: Partial<FormProblem> = {}) =>
    out.push({ input: inputId(field, extra.row), field, code, ...extra });
  const text = (field: FieldName, value: string, max: number, required: boolean, row?: number) => {
    const trimmed = value.trim();
    if (required && trimmed === '') problem(field, 'required', { row });
    else if ([...trimmed].length > max) problem(field, 'tooLong', { row, max });
  };
  const number = (field: FieldName, value: string, range: { min: number; max: number }, row?: number) => {
    const n = wholeNumber(value);
    if (value.trim() === '') problem(field, 'required', { row });
    else if (n === undefined || n < range.min || n > range.max)
      problem(field, 'wholeNumber', { row, min: range.min, max: range.max });
  };
  const bilingual = (
    en: FieldName,
    zh: FieldName,
    both: FieldName,
    a: string,
    b: string,
    max: number,
    row?: number,
  ) => {
    if (a.trim() === '' && b.trim() === '')
      out.push({ input: inputId(en, row), field: both, code: 'oneLanguage', ...(row ? { row } : {}) });
    text(en, a, max, false, row);
    text(zh, b, max, false, row);
  };

  if (mode === 'create') {
    if (form.scenario === '' || (scenarios.length > 0 && !scenarios.includes(form.scenario)))
      problem('scenario', 'required');
  }
  bilingual('titleEn', 'titleZh', 'title', form.titleEn, form.titleZh, PLAN_LIMITS.title);
  text('descriptionEn', form.descriptionEn, PLAN_LIMITS.description, false);
  text('descriptionZh', form.descriptionZh, PLAN_LIMITS.description, false);
  number('rto', form.rtoMinutes, PLAN_LIMITS.minutes);
  number('rpo', form.rpoMinutes, PLAN_LIMITS.minutes);
  number('drillFrequency', form.drillFrequencyDays, PLAN_LIMITS.drillDays);

  if (form.steps.length === 0) problem('steps', 'noSteps');
  if (form.steps.length > PLAN_LIMITS.steps) problem('steps', 'tooMany', { max: PLAN_LIMITS.steps });
  form.steps.forEach((s, i) => {
    const row = i + 1;
    bilingual('stepTitleEn', 'stepTitleZh', 'stepTitle', s.titleEn, s.titleZh, PLAN_LIMITS.stepTitle, row);
    text('ownerId', s.ownerId, PLAN_LIMITS.ownerId, true, row);
    number('expectedMinutes', s.expectedMinutes, PLAN_LIMITS.stepMinutes, row);
  });

  const contacts = form.contacts.filter((c) => !blankRow(c));
  if (contacts.length > PLAN_LIMITS.contacts) problem('contacts', 'tooMany', { max: PLAN_LIMITS.contacts });
  form.contacts.forEach((c, i) => {
    if (blankRow(c)) return;
    const row = i + 1;
    text('contactName', c.name, PLAN_LIMITS.contactText, true, row);
    text('contactRole', c.role, PLAN_LIMITS.contactText, true, row);
    text('contactPhone', c.phone, PLAN_LIMITS.phone, false, row);
    text('contactEmail', c.email, PLAN_LIMITS.email, false, row);
  });

  if (mode === 'version') text('changeNote', form.changeNote, PLAN_LIMITS.changeNote, true);
  return out;
}

function blankRow(c: ContactState): boolean {
  return [c.name, c.role, c.phone, c.email].every((v) => v.trim() === '');
}

/** The content of `form` as the server takes it (texts trimmed, blank contacts left out). */
export function contentBody(form: PlanFormState): PlanContentBody {
  const num = (text: string) => wholeNumber(text) ?? Number.NaN;
  return {
    title: { en: form.titleEn.trim(), zh: form.titleZh.trim() },
    description: { en: form.descriptionEn.trim(), zh: form.descriptionZh.trim() },
    rto_minutes: num(form.rtoMinutes),
    rpo_minutes: num(form.rpoMinutes),
    drill_frequency_days: num(form.drillFrequencyDays),
    steps: form.steps.map((s) => ({
      title: { en: s.titleEn.trim(), zh: s.titleZh.trim() },
      owner: { type: s.ownerType, id: s.ownerId.trim() },
      expected_minutes: num(s.expectedMinutes),
    })),
    contacts: form.contacts
      .filter((c) => !blankRow(c))
      .map((c) => {
        const phone = c.phone.trim();
        const email = c.email.trim();
        return {
          name: c.name.trim(),
          role: c.role.trim(),
          ...(phone ? { phone } : {}),
          ...(email ? { email } : {}),
        };
      }),
  };
}

/** The body of `POST /plans`. */
export function createBody(form: PlanFormState): CreatePlanBody {
  return { scenario: form.scenario, ...contentBody(form) };
}

/** The body of `POST /plans/{id}/versions`, written from `from` (the version the form was filled with). */
export function versionBody(form: PlanFormState, from?: number): NewVersionBody {
  return {
    ...contentBody(form),
    change_note: form.changeNote.trim(),
    ...(from === undefined ? {} : { expected_version: from }),
  };
}
