/**
 * Pieces every response page uses: the vocabulary (loaded once per page), a word's badge, the name
 * of an actor, a duration in minutes and a paged-list footer. Strings are in the `response` section.
 */
import { useTranslation } from 'react-i18next';
import { PersonName } from '../../components/people.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { splitMinutes } from './drill-timing.js';
import type { Actor, Vocabulary } from './types.js';
import { activityParts, actorKind, sideOf, type WordList, wordLabel } from './words.js';
import './response.css';

/** The words of cases, incidents and plans with their labels; undefined until loaded. */
export function useVocabulary(): Vocabulary | undefined {
  return useApiData('cases:vocabulary', (api, signal) =>
    api.get<Vocabulary>('/cases/vocabulary', {}, { signal }),
  ).data;
}

/** The signed-in person's user id ('' while signed out). */
export function useMe(): string {
  const { state } = useSession();
  return state.status === 'signed_in' ? state.session.user.id : '';
}

/** A hook returning the label of a word in the current language. */
export function useWords(): (list: WordList, value: string) => string {
  const vocabulary = useVocabulary();
  const { i18n } = useTranslation();
  const language = languageOf(i18n);
  return (list, value) => wordLabel(vocabulary, list, value, language);
}

/** A word as a badge, coloured by its value (`.badge.w-<value>` in response.css). */
export function WordBadge({ label, value }: { label: string; value: string }) {
  return <span className={`badge w-${value}`}>{label}</span>;
}

/** Who did something: "me", "the system", or the id. */
export function ActorName({ actor }: { actor: Actor | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const kind = actorKind(actor, me);
  if (kind === 'me') return <span>{t('response.actor.me')}</span>;
  if (kind === 'system') return <span>{t('response.actor.system')}</span>;
  if (kind === 'none') return <span>—</span>;
  return actor?.type === 'user' ? <PersonName id={actor.id} /> : <span className="mono">{actor?.id}</span>;
}

/** A number of minutes as "1 d 2 h 5 min" in the reader's language. */
export function Minutes({ value }: { value: number }) {
  const { t } = useTranslation();
  return <>{minutesText(value, t)}</>;
}

/** The text of {@link Minutes}. */
export function minutesText(
  value: number,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const { days, hours, minutes } = splitMinutes(value);
  const parts: string[] = [];
  if (days > 0) parts.push(t('response.duration.days', { count: days }));
  if (hours > 0) parts.push(t('response.duration.hours', { count: hours }));
  if (minutes > 0 || parts.length === 0) parts.push(t('response.duration.minutes', { count: minutes }));
  return parts.join(' ');
}

/** "Previous / page x of y / next" under a paged list. */
export function Pager({
  page,
  pages,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  return (
    <nav className="pager" aria-label={t('response.pager.label')}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span className="muted">
        {t('response.pager.position', {
          page: formatNumber(page, language),
          pages: formatNumber(pages, language),
          total: formatNumber(total, language),
        })}
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

/**
 * The readable body of a case activity or an incident timeline line: status words and dispositions
 * labelled in the reader's language, the assignee named, the free text as written.
 */
export function ActivityText({
  kind,
  text,
  statuses,
}: {
  kind: string;
  text: string;
  statuses: 'case_statuses' | 'incident_statuses';
}) {
  const { t } = useTranslation();
  const word = useWords();
  const me = useMe();
  const local = useLocalText();
  const parts = activityParts(kind, text);
  const words: string[] = [];
  if (parts.from !== undefined && parts.to !== undefined)
    words.push(`${word(statuses, parts.from)} → ${word(statuses, parts.to)}`);
  else if (parts.to !== undefined) words.push(word(statuses, parts.to));
  if (parts.disposition !== undefined) words.push(word('dispositions', parts.disposition));
  if (parts.assignee !== undefined)
    words.push(
      parts.assignee === null
        ? t('response.cases.unassigned')
        : parts.assignee === me
          ? t('response.actor.me')
          : parts.assignee,
    );
  return (
    <>
      {words.length > 0 && <strong>{words.join(' ')}</strong>}
      {words.length > 0 && parts.text && ' — '}
      {parts.text && <span className="prewrap">{local(parts.text)}</span>}
    </>
  );
}

/** The label of an activity or timeline kind, or the kind itself when it has none. */
export function kindLabel(
  kind: string,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  return t(`response.kinds.${kind}`, { defaultValue: kind });
}

/** A function giving the reader's side of a "中文 / English" free text (see `sideOf`). */
export function useLocalText(): (text: string) => string {
  const { i18n } = useTranslation();
  const language = languageOf(i18n);
  return (text) => sideOf(text, language);
}
