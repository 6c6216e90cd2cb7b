import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Panel } from '../../components/states.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import { gradingIn } from './forms.js';
import { GradingFields } from './grading-fields.js';
import type { Risk, SubmittedChange } from './types.js';

/**
 * Proposes a new grading (`POST /risks/{id}/grade`). Grading changes need a second person: the
 * answer is a pending change, shown with a link to it, and the risk keeps its grading until an
 * approver approves it.
 */
export function RegradeForm({ risk }: { risk: Risk }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [change, setChange] = useState<SubmittedChange | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const inherent = gradingIn(form, 'inherent');
    const residual = gradingIn(form, 'residual');
    const same = (a: typeof inherent, b: typeof inherent) =>
      a.likelihood === b.likelihood && a.impact === b.impact;
    setError(undefined);
    setChange(undefined);
    setBusy(true);
    api
      .post<SubmittedChange>(`/risks/${encodeURIComponent(risk.id)}/grade`, {
        ...(same(inherent, risk.inherent) ? {} : { inherent }),
        ...(same(residual, risk.residual) ? {} : { residual }),
        reason: String(form.get('reason') ?? '').trim(),
      })
      .then(setChange)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel title={t('risks.regrade.title')}>
      <p className="muted small">{t('risks.regrade.hint')}</p>
      <form className="risk-form" onSubmit={submit} aria-label={t('risks.regrade.title')}>
        <div className="form-grid">
          <GradingFields name="inherent" legend={t('risks.fields.inherent')} initial={risk.inherent} />
          <GradingFields name="residual" legend={t('risks.fields.residual')} initial={risk.residual} />
          <label className="wide">
            {t('risks.regrade.reason')}
            <textarea name="reason" rows={2} maxLength={2000} required />
          </label>
        </div>
        {error !== undefined && <ErrorNotice error={error} />}
        {change && (
          <p className="notice" role="status">
            {t('risks.regrade.submitted', { expires: formatDateTime(change.expires_at, language) })}{' '}
            <Link to={`/changes/${encodeURIComponent(change.id)}`}>{t('risks.regrade.openChange')}</Link>
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('risks.regrade.submit')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
