import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../api/admin-types.js';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';

/** The people who may sign in, read-only: their roles, status, MFA and last sign-in. */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const users = useApiData('users', (api, signal) =>
    api.get<{ items: UserRow[] }>('/users', { limit: 500 }, { signal }),
  );
  return (
    <LoadedView
      state={users}
      isEmpty={(d) => d.items.length === 0}
      empty={<EmptyState title={t('users.empty.title')} hint={t('users.empty.hint')} />}
    >
      {(data) => (
        <table className="table">
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.name')}</th>
              <th>{t('users.roles')}</th>
              <th>{t('users.status')}</th>
              <th>{t('users.mfa')}</th>
              <th>{t('users.lastLogin')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((u) => (
              <tr key={u.id}>
                <td className="mono">{u.username}</td>
                <td>{u.display_name}</td>
                <td>
                  {u.roles.map((r) => (
                    <span key={r} className="badge">
                      {t(`roles.${r}`)}
                    </span>
                  ))}
                </td>
                <td>
                  {t(`users.statuses.${u.status}`)}
                  {u.locked_until && ` · ${t('users.locked')}`}
                </td>
                <td>{u.mfa_enrolled ? t('users.mfaOn') : t('users.mfaOff')}</td>
                <td>{u.last_login_at ? formatDateTime(u.last_login_at, language) : t('users.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </LoadedView>
  );
}
