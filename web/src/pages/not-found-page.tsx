import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/states.js';
import { Link } from '../router.js';

/** An address the console does not know: says so and offers the way back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t('notFound.title')} hint={t('notFound.hint')}>
      <Link to="/">{t('notFound.back')}</Link>
    </EmptyState>
  );
}

/** A page the person's roles do not allow (the server would refuse its data anyway). */
export function NoAccessPage({ permission }: { permission: string }) {
  const { t } = useTranslation();
  return <EmptyState title={t('noAccess.title')} hint={t('noAccess.hint', { permission })} />;
}
