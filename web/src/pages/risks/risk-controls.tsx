import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, Panel } from '../../components/states.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { textIn } from './forms.js';
import { BilingualFields } from './grading-fields.js';
import { CONTROL_FREQUENCIES, CONTROL_RESULTS, type Control, type Risk } from './types.js';

/**
 * A risk's controls with how often they run and their last test (overdue ones flagged). People with
 * kri:write add, edit (`PUT /risks/{id}/controls/{control}`) and remove them.
 */
export function RiskControls({ risk, onChange }: { risk: Risk; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const [editing, setEditing] = useState<Control | 'new' | undefined>(undefined);
  const [removing, setRemoving] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const base = `/risks/${encodeURIComponent(risk.id)}/controls`;
  const write = can('kri:write');

  const remove = (id: string) => {
    setError(undefined);
    api
      .delete(`${base}/${encodeURIComponent(id)}`)
      .then(() => {
        setRemoving(undefined);
        onChange();
      })
      .catch(setError);
  };

  return (
    <Panel
      title={t('risks.controls.title')}
      className="panel-wide"
      actions={
        write &&
        editing === undefined && (
          <button type="button" onClick={() => setEditing('new')}>
            {t('risks.controls.add')}
          </button>
        )
      }
    >
      {error !== undefined && <ErrorNotice error={error} />}
      {editing !== undefined && (
        <ControlForm
          control={editing === 'new' ? undefined : editing}
          base={base}
          onDone={(changed) => {
            setEditing(undefined);
            if (changed) onChange();
          }}
        />
      )}
      {risk.controls.length === 0 ? (
        <EmptyState title={t('risks.controls.empty.title')} hint={t('risks.controls.empty.hint')} />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('risks.controls.id')}</th>
              <th>{t('risks.controls.control')}</th>
              <th>{t('risks.controls.frequency')}</th>
              <th>{t('risks.controls.lastTested')}</th>
              <th>{t('risks.controls.result')}</th>
              {write && <th>{t('risks.controls.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {risk.controls.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.id}</td>
                <td>{c.title[language]}</td>
                <td>{t(`risks.frequencies.${c.frequency}`)}</td>
                <td>
                  {c.last_tested_on ?? t('risks.controls.never')}
                  {c.test_overdue && (
                    <span className="badge severity-high">{t('risks.controls.overdue')}</span>
                  )}
                </td>
                <td>
                  <span className={`badge result-${c.last_result}`}>
                    {t(`risks.results.${c.last_result}`)}
                  </span>
                </td>
                {write && (
                  <td>
                    {removing === c.id ? (
                      <span className="inline-form">
                        <span>{t('risks.controls.confirmRemove')}</span>
                        <button type="button" className="primary" onClick={() => remove(c.id)}>
                          {t('risks.controls.remove')}
                        </button>
                        <button type="button" onClick={() => setRemoving(undefined)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <span className="inline-form">
                        <button
                          type="button"
                          aria-label={t('risks.controls.editOne', { id: c.id })}
                          onClick={() => setEditing(c)}
                        >
                          {t('risks.controls.edit')}
                        </button>
                        <button
                          type="button"
                          aria-label={t('risks.controls.removeOne', { id: c.id })}
                          onClick={() => setRemoving(c.id)}
                        >
                          {t('risks.controls.remove')}
                        </button>
                      </span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** Adds a control (with its id) or edits one; its last test is recorded with it. */
function ControlForm({
  control,
  base,
  onDone,
}: {
  control: Control | undefined;
  base: string;
  onDone: (changed: boolean) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const id = control?.id ?? String(form.get('id') ?? '').trim();
    const tested = String(form.get('last_tested_on') ?? '');
    setError(undefined);
    setBusy(true);
    api
      .put(`${base}/${encodeURIComponent(id)}`, {
        title: textIn(form, 'control_title'),
        owner: control?.owner ?? null,
        frequency: String(form.get('frequency')),
        last_tested_on: tested || null,
        last_result: String(form.get('last_result')),
      })
      .then(() => onDone(true))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="risk-form"
      onSubmit={submit}
      aria-label={control ? t('risks.controls.editOne', { id: control.id }) : t('risks.controls.add')}
    >
      <div className="form-grid">
        {!control && (
          <label>
            {t('risks.controls.id')}
            <input name="id" required maxLength={32} />
          </label>
        )}
        <BilingualFields name="control_title" label={t('risks.controls.control')} initial={control?.title} />
        <label>
          {t('risks.controls.frequency')}
          <select name="frequency" defaultValue={control?.frequency ?? 'monthly'}>
            {CONTROL_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`risks.frequencies.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('risks.controls.lastTested')}
          <input name="last_tested_on" type="date" defaultValue={control?.last_tested_on ?? ''} />
        </label>
        <label>
          {t('risks.controls.result')}
          <select name="last_result" defaultValue={control?.last_result ?? 'not_tested'}>
            {CONTROL_RESULTS.map((r) => (
              <option key={r} value={r}>
                {t(`risks.results.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('risks.controls.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
