import { useTranslation } from 'react-i18next';
import type { ChangeView } from '../../api/types.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';

/**
 * Pending four-eyes changes that concern the signed-in person: for an approver, those submitted by
 * others (nobody approves their own); for everyone else, their own submissions still waiting.
 */
export function PendingApprovals() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { state, can } = useSession();
  const me = state.status === 'signed_in' ? state.session.user.id : '';
  const approver = can('change:approve') || can('policy:approve');
  const changes = useApiData(
    'changes-pending',
    (api, signal) =>
      api.get<{ items: ChangeView[] }>('/changes', { status: 'pending', limit: 50 }, { signal }),
    15_000,
  );
  const mine = (data: { items: ChangeView[] }) =>
    data.items.filter((c) => (approver ? c.maker.id !== me : c.maker.id === me));
  return (
    <Panel title={t(approver ? 'overview.approvals.titleApprover' : 'overview.approvals.titleMaker')}>
      <LoadedView
        state={changes}
        isEmpty={(d) => mine(d).length === 0}
        empty={
          <EmptyState
            title={t('overview.approvals.empty.title')}
            hint={t(
              approver ? 'overview.approvals.empty.hintApprover' : 'overview.approvals.empty.hintMaker',
            )}
          />
        }
      >
        {(data) => (
          <ul className="compact-list">
            {mine(data).map((change) => (
              <li key={change.id}>
                <span className="badge">{change.kind}</span>
                <span className="grow">{change.summary[language]}</span>
                <span className="muted">
                  {t('overview.approvals.expires', { at: formatDateTime(change.expires_at, language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </LoadedView>
    </Panel>
  );
}
