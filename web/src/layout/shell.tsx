import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../components/error-boundary.js';
import { ErrorNotice, Loading } from '../components/states.js';
import { allows, findRoute, navigationGroups } from '../navigation.js';
import { NoAccessPage, NotFoundPage } from '../pages/not-found-page.js';
import { Link, useLocation } from '../router.js';
import { ROUTES } from '../routes.js';
import { useSession } from '../session/session.js';
import { LanguageSwitch } from './language-switch.js';

/**
 * The frame around every page once signed in: the product name, the navigation built from the route
 * registry and the person's permissions, the language switch, the person and sign-out.
 */
export function Shell() {
  const { t } = useTranslation();
  const { state, signOut } = useSession();
  const { path } = useLocation();
  const permissions = state.status === 'signed_in' ? state.session.permissions : [];
  const match = findRoute(ROUTES, path);
  const title = match ? t(match.route.titleKey) : t('notFound.title');

  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  let page = <NotFoundPage />;
  if (match && !allows(match.route, permissions))
    page = <NoAccessPage permission={match.route.permission ?? ''} />;
  else if (match) {
    const Page = match.route.component;
    page = <Page params={match.params} />;
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <div className="topbar-right">
          <LanguageSwitch />
          {state.status === 'signed_in' && <span className="user">{state.session.user.display_name}</span>}
          <button type="button" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label={t('shell.navigation')}>
        {navigationGroups(ROUTES, permissions).map((group) => (
          <div className="nav-group" key={group.section ?? 'top'}>
            {group.section && <h2 className="nav-heading">{t(`nav.sections.${group.section}`)}</h2>}
            <ul>
              {group.routes.map((route) => (
                <li key={route.path}>
                  <Link to={route.path} aria-current={match?.route === route ? 'page' : undefined}>
                    {t(route.titleKey)}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="content">
        {state.status === 'signed_in' && state.session.password_change_required && (
          <p className="notice" role="status">
            {t('shell.passwordChange')}
          </p>
        )}
        <h1>{title}</h1>
        <ErrorBoundary resetKey={path} fallback={(error) => <ErrorNotice error={error} />}>
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
