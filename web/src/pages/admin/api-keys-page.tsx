import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyRow, CreatedApiKey } from '../../api/admin-types.js';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { NewKeyNotice } from './new-key-notice.js';

/** The roles an API key may hold; `integration` is the usual one for a system sending events. */
const KEY_ROLES = ['integration', 'analyst', 'auditor', 'risk_officer', 'approver', 'admin'] as const;

/**
 * API keys: the list (never the keys themselves), a form to create one, whose key is shown once, and
 * revocation after a confirmation, because a revoked key stops working at once.
 */
export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const keys = useApiData('api-keys', (a, signal) =>
    a.get<{ items: ApiKeyRow[] }>('/api-keys', {}, { signal }),
  );
  const [created, setCreated] = useState<CreatedApiKey | undefined>(undefined);
  const [revoking, setRevoking] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const role = String(form.get('role') ?? 'integration');
    setError(undefined);
    api
      .post<CreatedApiKey>('/api-keys', { name, roles: [role] })
      .then((answer) => {
        setCreated(answer);
        keys.reload();
      })
      .catch(setError);
  };
  const revoke = (id: string) => {
    setError(undefined);
    api
      .delete(`/api-keys/${encodeURIComponent(id)}`)
      .then(() => {
        setRevoking(undefined);
        keys.reload();
      })
      .catch(setError);
  };

  return (
    <>
      {created && <NewKeyNotice created={created} onDone={() => setCreated(undefined)} />}
      <Panel title={t('apiKeys.create')}>
        <form className="filters" onSubmit={create} aria-label={t('apiKeys.create')}>
          <label>
            {t('apiKeys.name')}
            <input name="name" required maxLength={100} />
          </label>
          <label>
            {t('apiKeys.role')}
            <select name="role" defaultValue="integration">
              {KEY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('apiKeys.createAction')}
          </button>
        </form>
      </Panel>
      {error !== undefined && <ErrorNotice error={error} />}
      <LoadedView
        state={keys}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('apiKeys.empty.title')} hint={t('apiKeys.empty.hint')} />}
      >
        {(data) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('apiKeys.name')}</th>
                <th>{t('apiKeys.hint')}</th>
                <th>{t('apiKeys.roles')}</th>
                <th>{t('apiKeys.status')}</th>
                <th>{t('apiKeys.createdAt')}</th>
                <th>{t('apiKeys.lastUsed')}</th>
                <th>{t('apiKeys.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td className="mono">{k.hint}…</td>
                  <td>
                    {k.roles.map((r) => (
                      <span key={r} className="badge">
                        {t(`roles.${r}`)}
                      </span>
                    ))}
                  </td>
                  <td>{t(`apiKeys.statuses.${k.status}`)}</td>
                  <td>{formatDateTime(k.created_at, language)}</td>
                  <td>{k.last_used_at ? formatDateTime(k.last_used_at, language) : t('apiKeys.never')}</td>
                  <td>
                    {k.status === 'active' &&
                      (revoking === k.id ? (
                        <span className="inline-form">
                          <span>{t('apiKeys.confirmRevoke')}</span>
                          <button type="button" className="danger" onClick={() => revoke(k.id)}>
                            {t('apiKeys.revokeConfirm')}
                          </button>
                          <button type="button" onClick={() => setRevoking(undefined)}>
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <button type="button" onClick={() => setRevoking(k.id)}>
                          {t('apiKeys.revoke')}
                        </button>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
    </>
  );
}
