import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../api/types.js';
import { EmptyState, ErrorNotice, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';

const STATUSES = ['open', 'acknowledged', 'resolved'] as const;
type Status = (typeof STATUSES)[number];
type Action = 'acknowledge' | 'resolve';

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
  const alerts = useApiData(`alerts:${status}`, (a, signal) =>
    a.get<{ items: AlertView[] }>('/alerts', { status, limit: 100 }, { signal }),
  );
  const [working, setWorking] = useState<{ id: string; action: Action } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const act = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!working) return;
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setError(undefined);
    api
      .post(`/alerts/${encodeURIComponent(working.id)}/${working.action}`, note ? { note } : {})
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
          <button
            key={s}
            type="button"
            aria-pressed={s === status}
            onClick={() => navigate(`/alerts?status=${s}`)}
          >
            {t(`alerts.statuses.${s}`)}
          </button>
        ))}
      </fieldset>
      {error !== undefined && <ErrorNotice error={error} />}
      <LoadedView
        state={alerts}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('alerts.empty.title')} hint={t(`alerts.empty.${status}`)} />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('alerts.severity')}</th>
                <th>{t('alerts.alert')}</th>
                <th>{t('alerts.subject')}</th>
                <th className="num">{t('alerts.occurrences')}</th>
                <th>{t('alerts.lastSeen')}</th>
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
                  {can('alert:work') && status !== 'resolved' && (
                    <td>
                      {working?.id === alert.id ? (
                        <form className="inline-form" onSubmit={act}>
                          <input
                            name="note"
                            aria-label={t('alerts.note')}
                            placeholder={t('alerts.note')}
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
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </>
  );
}
