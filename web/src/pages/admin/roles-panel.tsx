import { useTranslation } from 'react-i18next';
import { LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { languageOf } from '../../i18n/language.js';
import type { RoleCatalogue } from './user-admin.js';

/** What each role permits, in the reader's language, and the roles no one may hold together. */
export function RolesPanel() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const roles = useApiData('roles', (api, signal) => api.get<RoleCatalogue>('/roles', {}, { signal }));
  return (
    <Panel title={t('users.rolesTitle')} className="panel-wide">
      <LoadedView state={roles} isEmpty={(d) => d.items.length === 0} empty={null}>
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('users.role')}</th>
                  <th>{t('users.holders')}</th>
                  <th>{t('users.permissions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((role) => (
                  <tr key={role.name}>
                    <td>{role[language]}</td>
                    <td>{t(`users.holderKinds.${role.holders}`)}</td>
                    <td>
                      <ul className="permission-list">
                        {role.permissions.map((p) => (
                          <li key={p.name}>
                            <span className="mono small">{p.name}</span> {p[language]}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.incompatible.map(([a, b]) => (
              <p key={`${a}-${b}`} className="muted">
                {t('users.incompatible', { a: t(`roles.${a}`), b: t(`roles.${b}`) })}
              </p>
            ))}
          </>
        )}
      </LoadedView>
    </Panel>
  );
}
