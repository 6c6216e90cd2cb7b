import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import './policies.css';
import type { ListView } from './types.js';

/** The block, allow and watch lists that rules read with `in_list` / `ip_in`. */
export default function ListsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const lists = useApiData('lists', (api, signal) =>
    api.get<{ items: ListView[] }>('/lists', {}, { signal }),
  );
  return (
    <Panel title={t('policies.lists.title')}>
      <LoadedView
        state={lists}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('policies.lists.emptyTitle')} hint={t('policies.lists.emptyHint')} />}
      >
        {(d) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('policies.lists.name')}</th>
                <th>{t('policies.lists.description')}</th>
                <th>{t('policies.lists.kind')}</th>
                <th>{t('policies.lists.purpose')}</th>
                <th>{t('policies.lists.protected')}</th>
                <th className="num">{t('policies.lists.entries')}</th>
                <th>{t('policies.lists.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((l) => (
                <tr key={l.name}>
                  <td className="mono">
                    <Link to={`/lists/${encodeURIComponent(l.name)}`}>{l.name}</Link>
                  </td>
                  <td>{l.description[language]}</td>
                  <td>{t(`policies.listKinds.${l.kind}`)}</td>
                  <td>{t(`policies.purposes.${l.purpose}`)}</td>
                  <td>{l.protected ? t('policies.lists.yes') : t('policies.lists.no')}</td>
                  <td className="num">{formatNumber(l.entries, language)}</td>
                  <td>{formatDateTime(l.updated_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </Panel>
  );
}
