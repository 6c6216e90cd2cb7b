import { useTranslation } from 'react-i18next';
import type { AlertView, Severity } from '../../api/types.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const PAGE = 200;

/** Open alerts counted by severity, with the most severe recent ones listed. */
export function AlertsBySeverity() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const alerts = useApiData(
    'alerts-open',
    (api, signal) =>
      api.get<{ items: AlertView[]; next_cursor: string | null }>(
        '/alerts',
        { status: 'open', limit: PAGE },
        { signal },
      ),
    10_000,
  );
  return (
    <Panel
      title={t('overview.alerts.title')}
      actions={
        <Link to="/alerts" className="panel-link">
          {t('overview.alerts.all')}
        </Link>
      }
    >
      <LoadedView
        state={alerts}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('overview.alerts.empty.title')} hint={t('overview.alerts.empty.hint')} />}
      >
        {(data) => {
          const more = data.next_cursor !== null;
          const top = [...data.items]
            .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
            .slice(0, 5);
          return (
            <>
              <ul className="severity-counts">
                {SEVERITIES.map((severity) => {
                  const count = data.items.filter((a) => a.severity === severity).length;
                  return (
                    <li key={severity} className={`severity severity-${severity}`}>
                      <span className="severity-count">
                        {formatNumber(count, language)}
                        {more ? '+' : ''}
                      </span>
                      <span>{t(`severity.${severity}`)}</span>
                    </li>
                  );
                })}
              </ul>
              <ul className="compact-list">
                {top.map((alert) => (
                  <li key={alert.id}>
                    <span className={`badge severity-${alert.severity}`}>
                      {t(`severity.${alert.severity}`)}
                    </span>
                    <span className="grow">{alert.title[language]}</span>
                    <time className="muted">{formatDateTime(alert.last_seen_at, language)}</time>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </LoadedView>
    </Panel>
  );
}
