import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem.js';

/**
 * What a panel shows when there is nothing to show yet: a sentence that says what to do, never a
 * blank area.
 */
export function EmptyState({ title, hint, children }: { title: string; hint: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      <p className="empty-hint">{hint}</p>
      {children}
    </div>
  );
}

/** An API error with the server's message (or a network notice) and a retry button. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message =
    error instanceof ApiProblem
      ? error.unreachable
        ? t('errors.unreachable')
        : `${error.title}: ${error.message}`
      : error instanceof Error
        ? error.message
        : t('errors.unknown');
  return (
    <div className="error-notice" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** A quiet loading line for the first load of a panel. */
export function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('common.loading')}</p>;
}

/** A titled card of the overview and other pages. */
export function Panel({
  title,
  actions,
  children,
  className,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`panel ${className ?? ''}`} aria-label={title}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

/**
 * The usual body of a panel: the error (with the last good data still shown under it when polling),
 * the first load, the empty state, or the content.
 */
export function LoadedView<T>({
  state,
  isEmpty,
  empty,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload(): void };
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      {state.error !== undefined && <ErrorNotice error={state.error} onRetry={state.reload} />}
      {state.data === undefined
        ? state.loading && <Loading />
        : isEmpty(state.data)
          ? empty
          : children(state.data)}
    </>
  );
}
