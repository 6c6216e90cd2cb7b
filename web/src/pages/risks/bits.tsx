/**
 * Small pieces the register and KRI pages share: level and band badges (colour always with a word),
 * risk-type names, owners and the pager of client-side paged tables.
 */
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../api/types.js';
import { PersonName } from '../../components/people.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { type Band, type Grade, RISK_TYPES } from './types.js';

/** A grade as its level badge with the grade number (likelihood × impact). */
export function GradeBadge({ grade }: { grade: Grade }) {
  const { t } = useTranslation();
  return (
    <span
      className={`badge severity-${grade.level}`}
      title={t('risks.gradeOf', { likelihood: grade.likelihood, impact: grade.impact })}
    >
      {t(`severity.${grade.level}`)} · {grade.grade}
    </span>
  );
}

/** A KRI band in its colour and word; "not evaluated" without one. */
export function BandBadge({ band }: { band: Band | null | undefined }) {
  const { t } = useTranslation();
  return <span className={`band band-${band ?? 'none'}`}>{band ? t(`band.${band}`) : t('band.none')}</span>;
}

/** The name of a risk type: the six in the console's words, a custom one as the server labels it. */
export function useTypeName(): (type: string, label?: Bilingual) => string {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  return (type, label) =>
    (RISK_TYPES as readonly string[]).includes(type) ? t(`risks.types.${type}`) : (label?.[language] ?? type);
}

/** An owner: "you" for the person signed in, "nobody" when unassigned, else the person's name. */
export function OwnerName({ owner }: { owner: string | null }) {
  const { t } = useTranslation();
  const { state } = useSession();
  const me = state.status === 'signed_in' ? state.session.user.id : undefined;
  if (owner === null) return <span className="muted">{t('risks.owner.none')}</span>;
  if (owner === me) return <span title={owner}>{t('risks.owner.me')}</span>;
  return <PersonName id={owner} />;
}

/** Previous / next with "page n of m", for tables paged in the browser. */
export function Pager({ page, pages, go }: { page: number; pages: number; go: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('risks.pager')}>
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('common.previous')}
      </button>
      <span className="muted">{t('risks.pageOf', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
