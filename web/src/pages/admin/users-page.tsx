import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../api/admin-types.js';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { type ApiData, useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { OneTimeSecret } from './one-time-secret.js';
import { RolesPanel } from './roles-panel.js';
import {
  type CreatedUser,
  conflictIn,
  type PasswordReset,
  personRoles,
  type RoleCatalogue,
} from './user-admin.js';

/** A password to show once, with whom it belongs to. */
interface Shown {
  readonly title: string;
  readonly secret: string;
}

/**
 * The people who may sign in: roles, status, MFA and last sign-in. Administrators create people
 * (the first password is shown once), change their roles, disable and enable them, and reset their
 * MFA or password; the roles panel says what each role permits.
 */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const admin = can('user:admin');
  const users = useApiData('users', (api, signal) =>
    api.get<{ items: UserRow[] }>('/users', { limit: 500 }, { signal }),
  );
  const roles = useApiData('roles', (api, signal) => api.get<RoleCatalogue>('/roles', {}, { signal }));
  const [managing, setManaging] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState<Shown | undefined>(undefined);

  return (
    <>
      {shown && (
        <OneTimeSecret title={shown.title} secret={shown.secret} onDone={() => setShown(undefined)} />
      )}
      {admin && roles.data && (
        <NewUserForm
          catalogue={roles.data}
          onCreated={(c) => {
            setShown({
              title: t('users.createdTitle', { username: c.user.username }),
              secret: c.initial_password,
            });
            users.reload();
          }}
        />
      )}
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
                {admin && <th>{t('users.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((u) => (
                <UserRowView
                  key={u.id}
                  user={u}
                  language={language}
                  admin={admin}
                  managing={managing === u.id}
                  onManage={() => setManaging(managing === u.id ? undefined : u.id)}
                  catalogue={roles.data}
                  users={users}
                  onPassword={(reset) =>
                    setShown({
                      title: t('users.resetTitle', { username: reset.user.username }),
                      secret: reset.password,
                    })
                  }
                />
              ))}
            </tbody>
          </table>
        )}
      </LoadedView>
      <RolesPanel />
    </>
  );
}

function RoleBadges({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((r) => (
        <span key={r} className="badge">
          {t(`roles.${r}`)}
        </span>
      ))}
    </>
  );
}

/** Checkboxes for the roles a person may hold, with a warning for a forbidden pair. */
function RolePicker({
  catalogue,
  chosen,
  onChange,
  legend,
}: {
  catalogue: RoleCatalogue;
  chosen: readonly string[];
  onChange: (roles: string[]) => void;
  legend: string;
}) {
  const { t } = useTranslation();
  const conflict = conflictIn(chosen, catalogue.incompatible);
  return (
    <fieldset className="role-picker">
      <legend>{legend}</legend>
      {personRoles(catalogue).map((name) => (
        <label key={name} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(name)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, name] : chosen.filter((r) => r !== name))
            }
          />
          {t(`roles.${name}`)}
        </label>
      ))}
      {conflict && (
        <p className="error-notice" role="alert">
          {t('users.incompatible', { a: t(`roles.${conflict[0]}`), b: t(`roles.${conflict[1]}`) })}
        </p>
      )}
    </fieldset>
  );
}

function NewUserForm({
  catalogue,
  onCreated,
}: {
  catalogue: RoleCatalogue;
  onCreated: (created: CreatedUser) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [roles, setRoles] = useState<string[]>(['analyst']);
  const [error, setError] = useState<unknown>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const displayName = String(data.get('display_name') ?? '').trim();
    setError(undefined);
    api
      .post<CreatedUser>('/users', {
        username: String(data.get('username') ?? '').trim(),
        ...(displayName ? { display_name: displayName } : {}),
        roles,
      })
      .then((created) => {
        form.reset();
        setRoles(['analyst']);
        onCreated(created);
      })
      .catch(setError);
  };
  return (
    <Panel title={t('users.newTitle')}>
      <form className="filters" onSubmit={submit} aria-label={t('users.newTitle')}>
        <label>
          {t('users.username')}
          <input name="username" required maxLength={64} autoComplete="off" />
        </label>
        <label>
          {t('users.name')}
          <input name="display_name" maxLength={100} autoComplete="off" />
        </label>
        <RolePicker catalogue={catalogue} chosen={roles} onChange={setRoles} legend={t('users.roles')} />
        <button type="submit" className="primary">
          {t('users.create')}
        </button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
    </Panel>
  );
}

function UserRowView({
  user,
  language,
  admin,
  managing,
  onManage,
  catalogue,
  users,
  onPassword,
}: {
  user: UserRow;
  language: 'en' | 'zh';
  admin: boolean;
  managing: boolean;
  onManage: () => void;
  catalogue: RoleCatalogue | undefined;
  users: ApiData<unknown>;
  onPassword: (reset: PasswordReset) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [error, setError] = useState<unknown>(undefined);
  const act = (request: () => Promise<unknown>) => {
    setError(undefined);
    request()
      .then(() => users.reload())
      .catch(setError);
  };
  const path = `/users/${encodeURIComponent(user.id)}`;
  return (
    <>
      <tr>
        <td className="mono">{user.username}</td>
        <td>{user.display_name}</td>
        <td>
          <RoleBadges roles={user.roles} />
        </td>
        <td>
          {t(`users.statuses.${user.status}`)}
          {user.locked_until && ` · ${t('users.locked')}`}
        </td>
        <td>{user.mfa_enrolled ? t('users.mfaOn') : t('users.mfaOff')}</td>
        <td>{user.last_login_at ? formatDateTime(user.last_login_at, language) : t('users.never')}</td>
        {admin && (
          <td>
            <button type="button" aria-expanded={managing} onClick={onManage}>
              {t('users.manage')}
            </button>
          </td>
        )}
      </tr>
      {admin && managing && catalogue && (
        <tr className="manage-row">
          <td colSpan={7}>
            <div className="manage-user">
              <RolePicker
                catalogue={catalogue}
                chosen={roles}
                onChange={setRoles}
                legend={t('users.rolesOf', { username: user.username })}
              />
              <button
                type="button"
                className="primary"
                onClick={() => act(() => api.put(`${path}/roles`, { roles }))}
              >
                {t('users.saveRoles')}
              </button>
              {user.status === 'active' ? (
                <button
                  type="button"
                  className="danger"
                  onClick={() => act(() => api.post(`${path}/disable`, {}))}
                >
                  {t('users.disable')}
                </button>
              ) : (
                <button type="button" onClick={() => act(() => api.post(`${path}/enable`, {}))}>
                  {t('users.enable')}
                </button>
              )}
              {user.mfa_enrolled && (
                <button type="button" onClick={() => act(() => api.post(`${path}/mfa-reset`, {}))}>
                  {t('users.resetMfa')}
                </button>
              )}
              <button
                type="button"
                onClick={() =>
                  act(() => api.post<PasswordReset>(`${path}/password-reset`, {}).then(onPassword))
                }
              >
                {t('users.resetPassword')}
              </button>
            </div>
            {error !== undefined && <ErrorNotice error={error} />}
          </td>
        </tr>
      )}
    </>
  );
}
