import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/states.js';
import { useSession } from '../../session/session.js';
import { textIn } from './forms.js';
import { BilingualFields } from './grading-fields.js';
import { RISK_TYPES, type Risk } from './types.js';

/** The fields of `PATCH /risks/{id}` that differ from the risk as shown. */
export function riskChanges(risk: Risk, form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['title', 'cause', 'consequence'] as const) {
    const given = textIn(form, name);
    if ((given.en ?? '') !== risk[name].en || (given.zh ?? '') !== risk[name].zh) out[name] = given;
  }
  const category = String(form.get('category') ?? risk.category);
  if (category !== risk.category) out['category'] = category;
  const owner = String(form.get('owner') ?? '').trim() || null;
  if (owner !== risk.owner) out['owner'] = owner;
  const status = String(form.get('status') ?? risk.status);
  if (status !== risk.status) out['status'] = status;
  return out;
}

/**
 * Edits what needs no second person (`PATCH /risks/{id}`): title, cause, consequence, type, owner,
 * status. Only changed fields are sent; the server's refusal is shown as it gives it.
 */
export function RiskEditForm({ risk, onDone }: { risk: Risk; onDone: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const { api, state } = useSession();
  const me = state.status === 'signed_in' ? state.session.user.id : '';
  const [owner, setOwner] = useState(risk.owner ?? '');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const custom = !(RISK_TYPES as readonly string[]).includes(risk.category);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = riskChanges(risk, new FormData(event.currentTarget));
    if (Object.keys(changes).length === 0) return onDone(false);
    setError(undefined);
    setBusy(true);
    api
      .patch<Risk>(`/risks/${encodeURIComponent(risk.id)}`, changes)
      .then(() => onDone(true))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="risk-form" onSubmit={submit} aria-label={t('risks.edit.title')}>
      <p className="muted small">{t('risks.edit.hint')}</p>
      <div className="form-grid">
        <BilingualFields name="title" label={t('risks.fields.title')} initial={risk.title} />
        <label>
          {t('risks.fields.type')}
          <select name="category" defaultValue={risk.category}>
            {custom && <option value={risk.category}>{risk.category}</option>}
            {RISK_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`risks.types.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('risks.fields.ownerId')}
          <span className="inline-form">
            <input name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={100} />
            <button type="button" onClick={() => setOwner(me)}>
              {t('risks.edit.assignMe')}
            </button>
          </span>
        </label>
        <label>
          {t('risks.fields.status')}
          <select name="status" defaultValue={risk.status}>
            <option value="active">{t('risks.status.active')}</option>
            <option value="retired">{t('risks.status.retired')}</option>
          </select>
        </label>
        <BilingualFields name="cause" label={t('risks.fields.cause')} initial={risk.cause} multiline />
        <BilingualFields
          name="consequence"
          label={t('risks.fields.consequence')}
          initial={risk.consequence}
          multiline
        />
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('risks.edit.save')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
