import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../api/types.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyState, ErrorNotice, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';

const STATUSES = ['open', 'acknowledged', 'resolved'] as const;
type Status = (typeof STATUSES)[number];
type Action = 'acknowledge' | 'resolve' | 'escalate';
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const PAGE = 50;

/**
 * The alerts inbox by status; people allowed to work alerts acknowledge or resolve them with a note,
 * which the server records in the alert's history and the audit log.
 */
export default function AlertsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const { search } = useLocation();
  const status: Status = STATUSES.find((s) => s === search.get('status')) ?? 'open';
  const severity = SEVERITIES.find((s) => s === search.get('severity'));
  const before = search.get('before') || undefined;
  const alerts = useApiData(`alerts?${search.toString()}`, (a, signal) =>
    a.get<{ items: AlertView[]; next_cursor: string | null }>(
      '/alerts',
      { status, severity, before, limit: PAGE },
      { signal },
    ),
  );
  const show = (next: { status?: Status; severity?: string | undefined }) => {
    const params = new URLSearchParams({ status: next.status ?? status });
    const level = 'severity' in next ? next.severity : severity;
    if (level) params.set('severity', level);
    navigate(`/alerts?${params}`);
  };
  const [working, setWorking] = useState<{ id: string; action: Action } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const act = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!working) return;
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    // Escalation takes a reason; acknowledging and resolving take a note.
    const field = working.action === 'escalate' ? 'reason' : 'note';
    setError(undefined);
    api
      .post(`/alerts/${encodeURIComponent(working.id)}/${working.action}`, note ? { [field]: note } : {})
      .then(() => {
        setWorking(undefined);
        alerts.reload();
      })
      .catch(setError);
  };

  return (
    <>
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('alerts.status')}</legend>
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={s === status} onClick={() => show({ status: s })}>
            {t(`alerts.statuses.${s}`)}
          </button>
        ))}
      </fieldset>
      <form className="filters" aria-label={t('alerts.filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('alerts.severity')}
          <select value={severity ?? ''} onChange={(e) => show({ severity: e.target.value || undefined })}>
            <option value="">{t('alerts.allSeverities')}</option>
            {SEVERITIES.map((level) => (
              <option key={level} value={level}>
                {t(`severity.${level}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      <LoadedView
        state={alerts}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('alerts.empty.title')} hint={t(`alerts.empty.${status}`)} />}
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('alerts.severity')}</th>
                  <th>{t('alerts.alert')}</th>
                  <th>{t('alerts.subject')}</th>
                  <th className="num">{t('alerts.occurrences')}</th>
                  <th>{t('alerts.lastSeen')}</th>
                  <th>{t('alerts.escalation')}</th>
                  {can('alert:work') && status !== 'resolved' && <th>{t('alerts.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.map((alert) => (
                  <tr key={alert.id}>
                    <td>
                      <span className={`badge severity-${alert.severity}`}>
                        {t(`severity.${alert.severity}`)}
                      </span>
                    </td>
                    <td>{alert.title[language]}</td>
                    <td className="mono">{alert.subject}</td>
                    <td className="num">{formatNumber(alert.occurrences, language)}</td>
                    <td>{formatDateTime(alert.last_seen_at, language)}</td>
                    <td>
                      {alert.escalation_level > 0 ? (
                        <span className="badge severity-high">
                          {t('alerts.level', { level: alert.escalation_level })}
                        </span>
                      ) : (
                        t('alerts.withOwner')
                      )}
                    </td>
                    {can('alert:work') && status !== 'resolved' && (
                      <td>
                        {working?.id === alert.id ? (
                          <form className="inline-form" onSubmit={act}>
                            <input
                              name="note"
                              aria-label={t(working.action === 'escalate' ? 'alerts.reason' : 'alerts.note')}
                              placeholder={t(working.action === 'escalate' ? 'alerts.reason' : 'alerts.note')}
                              maxLength={2000}
                            />
                            <button type="submit" className="primary">
                              {t(`alerts.${working.action}`)}
                            </button>
                            <button type="button" onClick={() => setWorking(undefined)}>
                              {t('common.cancel')}
                            </button>
                          </form>
                        ) : (
                          <>
                            {alert.status === 'open' && (
                              <button
                                type="button"
                                onClick={() => setWorking({ id: alert.id, action: 'acknowledge' })}
                              >
                                {t('alerts.acknowledge')}
                              </button>
                            )}
                            <button
                              type="button"
                              onClick={() => setWorking({ id: alert.id, action: 'resolve' })}
                            >
                              {t('alerts.resolve')}
                            </button>
                            <button
                              type="button"
                              onClick={() => setWorking({ id: alert.id, action: 'escalate' })}
                            >
                              {t('alerts.escalate')}
                            </button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <CursorPager param="before" next={data.next_cursor} />
          </>
        )}
      </LoadedView>
    </>
  );
}
