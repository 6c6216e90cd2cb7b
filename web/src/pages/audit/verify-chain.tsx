import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../api/admin-types.js';
import { ErrorNotice, Panel } from '../../components/states.js';
import { formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';

/**
 * The "verify chain" action: asks the server to recompute the audit log's hash chain and check its
 * checkpoints, then says whether it is intact or names the first broken entry and why (the server's
 * message, in the request's language).
 */
export function VerifyChain() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const [report, setReport] = useState<VerifyReport | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const verify = () => {
    setBusy(true);
    setError(undefined);
    api
      .get<VerifyReport>('/audit/verify')
      .then(setReport)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel
      title={t('auditLog.verify.title')}
      actions={
        <button type="button" className="primary" onClick={verify} disabled={busy}>
          {busy ? t('auditLog.verify.running') : t('auditLog.verify.action')}
        </button>
      }
    >
      {error !== undefined && <ErrorNotice error={error} onRetry={verify} />}
      {report === undefined ? (
        <p className="muted">{t('auditLog.verify.hint')}</p>
      ) : report.intact ? (
        <p className="verify-result verify-intact" role="status">
          {t('auditLog.verify.intact', {
            entries: formatNumber(report.entries, language),
            checkpoints: formatNumber(report.checkpoints_checked, language),
          })}
        </p>
      ) : (
        <div className="verify-result verify-broken" role="status">
          <p>{t('auditLog.verify.broken', { seq: report.first_break?.seq ?? '—' })}</p>
          {report.first_break && (
            <p>
              {report.first_break.message} <span className="mono muted">({report.first_break.reason})</span>
            </p>
          )}
        </div>
      )}
    </Panel>
  );
}
