import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';
import type { ChangeView } from './types.js';

/**
 * Small pieces the credit pages share: the notice shown when the server answers an action with a
 * four-eyes change (the change's id, linked to its page), and the table cell for "no figure".
 */
export function ChangeNotice({ change, messageKey }: { change: ChangeView; messageKey: string }) {
  const { t } = useTranslation();
  return (
    <p className="notice" role="status">
      {t(messageKey)}{' '}
      <Link to={`/changes/${encodeURIComponent(change.id)}`}>{t('credit.common.openChange')}</Link>
    </p>
  );
}

/** The dash of a figure that does not exist (no bad rate without booked loans, no PSI without scores). */
export const NONE = '—';

/**
 * A horizontally scrolling box for a wide table. Keyboard users must be able to scroll it too, so
 * it takes focus and is a named region.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="credit-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
