import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import './policies.css';
import type { PolicyView } from './types.js';

/** Every policy with the event type it decides, how it is deployed and its newest version. */
export default function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const policies = useApiData('policies', (api, signal) =>
    api.get<{ items: PolicyView[] }>('/policies', {}, { signal }),
  );
  return (
    <Panel
      title={t('policies.list.title')}
      actions={
        <span className="panel-actions">
          {can('list:read') && <Link to="/lists">{t('policies.lists.nav')}</Link>}
          {can('policy:write') && (
            <Link to="/policies/new" className="button-link">
              {t('policies.list.new')}
            </Link>
          )}
        </span>
      }
    >
      <LoadedView
        state={policies}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('policies.list.emptyTitle')} hint={t('policies.list.emptyHint')} />}
      >
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('policies.fields.id')}</th>
                <th>{t('policies.fields.eventType')}</th>
                <th>{t('policies.fields.mode')}</th>
                <th className="num">{t('policies.fields.deployed')}</th>
                <th className="num">{t('policies.fields.latest')}</th>
                <th>{t('policies.fields.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((p) => (
                <tr key={p.id}>
                  <td className="mono">
                    <Link to={`/policies/${encodeURIComponent(p.id)}`}>{p.id}</Link>
                  </td>
                  <td className="mono">{p.event_type}</td>
                  <td>
                    <span className={`badge mode-${p.mode}`}>{t(`policies.modes.${p.mode}`)}</span>
                  </td>
                  <td className="num">{p.deployed_version ?? '—'}</td>
                  <td className="num">{p.latest_version}</td>
                  <td>{formatDateTime(p.updated_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </Panel>
  );
}
