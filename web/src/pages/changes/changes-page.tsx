import { useTranslation } from 'react-i18next';
import type { ChangeDetail } from '../../api/admin-types.js';
import { PersonName } from '../../components/people.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';

/** Decided changes shown under the pending ones. */
const RECENT = 20;

/** A table of changes, each linking to its detail page. */
function ChangeTable({ items, decided }: { items: readonly ChangeDetail[]; decided: boolean }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('changes.summary')}</th>
          <th>{t('changes.kind')}</th>
          <th>{t('changes.maker')}</th>
          <th>{t('changes.submittedAt')}</th>
          <th>{decided ? t('changes.status') : t('changes.expiresAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/changes/${c.id}`}>{c.summary[language]}</Link>
            </td>
            <td className="mono">{c.kind}</td>
            <td>
              <PersonName id={c.maker.id} />
            </td>
            <td>{formatDateTime(c.submitted_at, language)}</td>
            <td>
              {decided ? (
                <span className={`badge change-${c.status}`}>{t(`changes.statuses.${c.status}`)}</span>
              ) : (
                formatDateTime(c.expires_at, language)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Four-eyes changes: those waiting for a decision, then the most recently decided ones. Approving and
 * rejecting happen on a change's own page, where its full description is shown first.
 */
export default function ChangesPage() {
  const { t } = useTranslation();
  const pending = useApiData('changes:pending', (api, signal) =>
    api.get<{ items: ChangeDetail[] }>('/changes', { status: 'pending', limit: 100 }, { signal }),
  );
  const recent = useApiData('changes:recent', (api, signal) =>
    api.get<{ items: ChangeDetail[] }>('/changes', { limit: 100 }, { signal }),
  );
  return (
    <>
      <Panel title={t('changes.pending')}>
        <LoadedView
          state={pending}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={t('changes.empty.pendingTitle')} hint={t('changes.empty.pendingHint')} />}
        >
          {(data) => <ChangeTable items={data.items} decided={false} />}
        </LoadedView>
      </Panel>
      <Panel title={t('changes.recent')}>
        <LoadedView
          state={recent}
          isEmpty={(d) => d.items.every((c) => c.status === 'pending')}
          empty={<EmptyState title={t('changes.empty.recentTitle')} hint={t('changes.empty.recentHint')} />}
        >
          {(data) => (
            <ChangeTable
              items={data.items.filter((c) => c.status !== 'pending').slice(0, RECENT)}
              decided={true}
            />
          )}
        </LoadedView>
      </Panel>
    </>
  );
}
