import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../../components/people.js';
import { ErrorNotice } from '../../components/states.js';
import { formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import {
  blankContact,
  blankStep,
  type ContactState,
  type FormProblem,
  inputId,
  moveStep,
  type OwnerType,
  PLAN_LIMITS,
  type PlanFormState,
  planFormProblems,
  removeAt,
  type StepState,
  stepOffsets,
  updateAt,
} from './plan-form.js';
import { minutesText, useVocabulary, useWords } from './shared.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The form that writes an emergency plan: a new one (with its scenario) or the next version of one
 * (with the note of what changed). Every problem the server would refuse is listed before sending,
 * each linked to its field; what the server still refuses is shown with its message.
 */
export function PlanEditor({
  mode,
  initial,
  scenario,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'version';
  initial: PlanFormState;
  /** The scenario of the plan a new version is written for (it cannot change). */
  scenario?: string;
  /** Sends the form; a rejection is shown as the server's problem. */
  onSubmit: (form: PlanFormState) => Promise<void>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const vocabulary = useVocabulary();
  const word = useWords();
  const [form, setForm] = useState<PlanFormState>(initial);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const scenarios = (vocabulary?.incident_types ?? []).map((w) => w.value);
  const problems = planFormProblems(form, mode, scenarios);
  const shown = checked ? problems : [];
  const wrong = new Set(shown.map((p) => p.input));
  const set = (change: Partial<PlanFormState>) => setForm((f) => ({ ...f, ...change }));
  const n = (value: number) => formatNumber(value, language);

  /** Props marking an input wrong and tying it to the problem list. */
  const mark = (id: string) => ({
    id,
    'aria-invalid': wrong.has(id) || undefined,
    'aria-describedby': wrong.has(id) ? 'plan-problems' : undefined,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    setError(undefined);
    const first = problems[0];
    if (first) {
      document.getElementById(first.input)?.focus();
      return;
    }
    setBusy(true);
    onSubmit(form)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  const offsets = stepOffsets(form.steps);
  const total = offsets.at(-1);
  const rto = Number.parseInt(form.rtoMinutes, 10);

  return (
    <form className="plan-editor" onSubmit={submit} noValidate>
      {shown.length > 0 && (
        <div className="plan-problems" id="plan-problems" role="alert">
          <p>{t('response.planForm.problemsTitle', { count: shown.length })}</p>
          <ul>
            {shown.map((p) => (
              <li key={`${p.input}:${p.code}`}>
                <a
                  href={`#${p.input}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(p.input)?.focus();
                  }}
                >
                  {problemText(p, t, n)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <fieldset>
        <legend>{t('response.planForm.about')}</legend>
        <div className="response-form">
          {mode === 'create' ? (
            <label>
              {t('response.planForm.fields.scenario')}
              <select
                {...mark(inputId('scenario'))}
                value={form.scenario}
                onChange={(e) => set({ scenario: e.target.value })}
              >
                <option value="">{t('response.planForm.chooseScenario')}</option>
                {(vocabulary?.incident_types ?? []).map((w) => (
                  <option key={w.value} value={w.value}>
                    {w.label[language]}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="plan-fixed">
              <span className="muted">{t('response.planForm.fields.scenario')}</span>
              <span>{scenario ? word('incident_types', scenario) : '—'}</span>
            </p>
          )}
          <label className="span2">
            {t('response.planForm.fields.titleEn')}
            <input
              {...mark(inputId('titleEn'))}
              lang="en"
              value={form.titleEn}
              maxLength={PLAN_LIMITS.title}
              onChange={(e) => set({ titleEn: e.target.value })}
            />
          </label>
          <label className="span2">
            {t('response.planForm.fields.titleZh')}
            <input
              {...mark(inputId('titleZh'))}
              lang="zh-CN"
              value={form.titleZh}
              maxLength={PLAN_LIMITS.title}
              onChange={(e) => set({ titleZh: e.target.value })}
            />
          </label>
          <label className="wide">
            {t('response.planForm.fields.descriptionEn')}
            <textarea
              {...mark(inputId('descriptionEn'))}
              lang="en"
              rows={2}
              value={form.descriptionEn}
              onChange={(e) => set({ descriptionEn: e.target.value })}
            />
          </label>
          <label className="wide">
            {t('response.planForm.fields.descriptionZh')}
            <textarea
              {...mark(inputId('descriptionZh'))}
              lang="zh-CN"
              rows={2}
              value={form.descriptionZh}
              onChange={(e) => set({ descriptionZh: e.target.value })}
            />
          </label>
          <label>
            {t('response.planForm.fields.rto')}
            <input
              {...mark(inputId('rto'))}
              inputMode="numeric"
              value={form.rtoMinutes}
              onChange={(e) => set({ rtoMinutes: e.target.value })}
            />
          </label>
          <label>
            {t('response.planForm.fields.rpo')}
            <input
              {...mark(inputId('rpo'))}
              inputMode="numeric"
              value={form.rpoMinutes}
              onChange={(e) => set({ rpoMinutes: e.target.value })}
            />
          </label>
          <label>
            {t('response.planForm.fields.drillFrequency')}
            <input
              {...mark(inputId('drillFrequency'))}
              inputMode="numeric"
              value={form.drillFrequencyDays}
              onChange={(e) => set({ drillFrequencyDays: e.target.value })}
            />
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('response.planForm.stepsTitle')}</legend>
        <p className="muted small">{t('response.planForm.stepsHint')}</p>
        <StepsTable
          steps={form.steps}
          offsets={offsets}
          mark={mark}
          onChange={(steps) => set({ steps })}
          t={t}
        />
        <div className="form-buttons">
          <button
            type="button"
            id={inputId('steps')}
            disabled={form.steps.length >= PLAN_LIMITS.steps}
            onClick={() => set({ steps: [...form.steps, blankStep()] })}
          >
            {t('response.planForm.addStep')}
          </button>
          {total !== undefined && (
            <span className="muted small" data-testid="plan-total">
              {Number.isFinite(rto) && total > rto
                ? t('response.planForm.totalOverRto', {
                    total: minutesText(total, t),
                    rto: minutesText(rto, t),
                  })
                : t('response.planForm.total', { total: minutesText(total, t) })}
            </span>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('response.planForm.contactsTitle')}</legend>
        {form.contacts.length === 0 ? (
          <p className="muted small">{t('response.planForm.noContacts')}</p>
        ) : (
          <ContactsTable
            contacts={form.contacts}
            mark={mark}
            onChange={(contacts) => set({ contacts })}
            t={t}
          />
        )}
        <div className="form-buttons">
          <button
            type="button"
            id={inputId('contacts')}
            disabled={form.contacts.length >= PLAN_LIMITS.contacts}
            onClick={() => set({ contacts: [...form.contacts, blankContact()] })}
          >
            {t('response.planForm.addContact')}
          </button>
        </div>
      </fieldset>

      {mode === 'version' && (
        <div className="response-form">
          <label className="wide">
            {t('response.planForm.fields.changeNote')}
            <textarea
              {...mark(inputId('changeNote'))}
              rows={2}
              maxLength={PLAN_LIMITS.changeNote}
              value={form.changeNote}
              onChange={(e) => set({ changeNote: e.target.value })}
            />
          </label>
        </div>
      )}

      {error !== undefined && <ErrorNotice error={error} />}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'create' ? t('response.planForm.create') : t('response.planForm.saveVersion')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type Mark = (id: string) => {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

/** The ordered steps, one row each, with the buttons that add, move and remove them. */
function StepsTable({
  steps,
  offsets,
  mark,
  onChange,
  t,
}: {
  steps: readonly StepState[];
  offsets: readonly (number | undefined)[];
  mark: Mark;
  onChange: (steps: StepState[]) => void;
  t: T;
}) {
  const people = usePeople();
  const field = (row: number, name: string) =>
    t('response.planForm.stepField', { n: row, field: t(`response.planForm.fields.${name}`) });
  const change = (index: number, value: Partial<StepState>) => onChange(updateAt(steps, index, value));
  return (
    <table className="table plan-steps">
      <thead>
        <tr>
          <th className="num">#</th>
          <th className="plan-title-col">{t('response.planForm.fields.stepTitleEn')}</th>
          <th className="plan-title-col">{t('response.planForm.fields.stepTitleZh')}</th>
          <th>{t('response.planForm.fields.owner')}</th>
          <th>{t('response.planForm.fields.expectedMinutes')}</th>
          <th>{t('response.plans.dueAfter')}</th>
          <th>
            <span className="visually-hidden">{t('response.planForm.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s, i) => {
          const row = i + 1;
          const offset = offsets[i];
          const known = [...people.entries()];
          const choosePerson = s.ownerType === 'user' && known.length > 0;
          return (
            <tr key={s.key}>
              <td className="num">{row}</td>
              <td>
                <input
                  {...mark(inputId('stepTitleEn', row))}
                  lang="en"
                  aria-label={field(row, 'stepTitleEn')}
                  maxLength={PLAN_LIMITS.stepTitle}
                  value={s.titleEn}
                  onChange={(e) => change(i, { titleEn: e.target.value })}
                />
              </td>
              <td>
                <input
                  {...mark(inputId('stepTitleZh', row))}
                  lang="zh-CN"
                  aria-label={field(row, 'stepTitleZh')}
                  maxLength={PLAN_LIMITS.stepTitle}
                  value={s.titleZh}
                  onChange={(e) => change(i, { titleZh: e.target.value })}
                />
              </td>
              <td>
                <div className="plan-owner">
                  <select
                    aria-label={field(row, 'ownerType')}
                    value={s.ownerType}
                    onChange={(e) => change(i, { ownerType: e.target.value as OwnerType, ownerId: '' })}
                  >
                    <option value="role">{t('response.plans.ownerType.role')}</option>
                    <option value="user">{t('response.plans.ownerType.user')}</option>
                  </select>
                  {choosePerson ? (
                    <select
                      {...mark(inputId('ownerId', row))}
                      aria-label={field(row, 'ownerId')}
                      value={s.ownerId}
                      onChange={(e) => change(i, { ownerId: e.target.value })}
                    >
                      <option value="">{t('response.planForm.choosePerson')}</option>
                      {s.ownerId !== '' && !people.has(s.ownerId) && (
                        <option value={s.ownerId}>{s.ownerId}</option>
                      )}
                      {known.map(([id, name]) => (
                        <option key={id} value={id}>
                          {name}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...mark(inputId('ownerId', row))}
                      className="mono"
                      aria-label={field(row, 'ownerId')}
                      maxLength={PLAN_LIMITS.ownerId}
                      value={s.ownerId}
                      onChange={(e) => change(i, { ownerId: e.target.value })}
                    />
                  )}
                </div>
              </td>
              <td>
                <input
                  {...mark(inputId('expectedMinutes', row))}
                  className="plan-minutes"
                  inputMode="numeric"
                  aria-label={field(row, 'expectedMinutes')}
                  value={s.expectedMinutes}
                  onChange={(e) => change(i, { expectedMinutes: e.target.value })}
                />
              </td>
              <td className="small">{offset === undefined ? '—' : minutesText(offset, t)}</td>
              <td>
                <div className="plan-row-buttons">
                  <button
                    type="button"
                    aria-label={t('response.planForm.moveUp', { n: row })}
                    title={t('response.planForm.moveUp', { n: row })}
                    disabled={i === 0}
                    onClick={() => onChange(moveStep(steps, i, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={t('response.planForm.moveDown', { n: row })}
                    title={t('response.planForm.moveDown', { n: row })}
                    disabled={i === steps.length - 1}
                    onClick={() => onChange(moveStep(steps, i, 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={t('response.planForm.removeStep', { n: row })}
                    title={t('response.planForm.removeStep', { n: row })}
                    disabled={steps.length === 1}
                    onClick={() => onChange(removeAt(steps, i))}
                  >
                    ✕
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The contacts, one row each, with a button to remove each. */
function ContactsTable({
  contacts,
  mark,
  onChange,
  t,
}: {
  contacts: readonly ContactState[];
  mark: Mark;
  onChange: (contacts: ContactState[]) => void;
  t: T;
}) {
  const field = (row: number, name: string) =>
    t('response.planForm.contactField', { n: row, field: t(`response.planForm.fields.${name}`) });
  const columns = [
    ['contactName', 'name', PLAN_LIMITS.contactText],
    ['contactRole', 'role', PLAN_LIMITS.contactText],
    ['contactPhone', 'phone', PLAN_LIMITS.phone],
    ['contactEmail', 'email', PLAN_LIMITS.email],
  ] as const;
  return (
    <table className="table plan-contacts">
      <thead>
        <tr>
          <th className="num">#</th>
          {columns.map(([name]) => (
            <th key={name}>{t(`response.planForm.fields.${name}`)}</th>
          ))}
          <th>
            <span className="visually-hidden">{t('response.planForm.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {contacts.map((c, i) => {
          const row = i + 1;
          return (
            <tr key={c.key}>
              <td className="num">{row}</td>
              {columns.map(([name, key, max]) => (
                <td key={name}>
                  <input
                    {...mark(inputId(name, row))}
                    aria-label={field(row, name)}
                    type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
                    maxLength={max}
                    value={c[key]}
                    onChange={(e) => onChange(updateAt(contacts, i, { [key]: e.target.value }))}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={t('response.planForm.removeContact', { n: row })}
                  title={t('response.planForm.removeContact', { n: row })}
                  onClick={() => onChange(removeAt(contacts, i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The sentence of one problem, naming its field (and its step or contact). */
function problemText(p: FormProblem, t: T, n: (value: number) => string): string {
  const label = t(`response.planForm.fields.${p.field}`);
  const contact = p.field.startsWith('contact') && p.field !== 'contacts';
  const field =
    p.row === undefined
      ? label
      : t(contact ? 'response.planForm.contactField' : 'response.planForm.stepField', {
          n: p.row,
          field: label,
        });
  return t(`response.planForm.problems.${p.code}`, {
    field,
    min: p.min === undefined ? undefined : n(p.min),
    max: p.max === undefined ? undefined : n(p.max),
  });
}
