import { useTranslation } from 'react-i18next';
import { Shell } from './layout/shell.js';
import { LoginPage } from './pages/login-page.js';
import { useSession } from './session/session.js';

/** Login until there is a session, then the console. */
export function App() {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status === 'loading') return <p className="loading centre">{t('common.loading')}</p>;
  if (state.status === 'anonymous') return <LoginPage notice={state.notice} />;
  return <Shell />;
}
