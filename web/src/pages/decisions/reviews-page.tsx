import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewView } from '../../api/types.js';
import { CursorPager } from '../../components/cursor-pager.js';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';
import { ResolvedVerdict, ReviewForm } from './review-form.js';

const STATUSES = ['open', 'resolved'] as const;
const PAGE = 50;

/**
 * The manual review queue, oldest first: every decision whose outcome was `review` waits here until
 * an analyst approves it (legitimate) or rejects it (fraud). Resolved items show the verdict, who
 * gave it and the note.
 */
export default function ReviewsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const { search } = useLocation();
  const status = STATUSES.find((s) => s === search.get('status')) ?? 'open';
  const eventType = search.get('event_type') || undefined;
  const after = search.get('after') || undefined;
  const reviews = useApiData(`reviews?${search.toString()}`, (api, signal) =>
    api.get<{ items: ReviewView[] }>(
      '/reviews',
      { status, event_type: eventType, after, limit: PAGE },
      { signal },
    ),
  );
  const [done, setDone] = useState<Record<string, ReviewView>>({});
  const working = status === 'open' && can('review:work');

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const type = String(new FormData(event.currentTarget).get('event_type') ?? '').trim();
    const params = new URLSearchParams({ status });
    if (type) params.set('event_type', type);
    navigate(`/reviews?${params}`);
  };

  return (
    <>
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('reviews.status')}</legend>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={s === status}
            onClick={() => navigate(`/reviews?status=${s}`)}
          >
            {t(`reviews.statuses.${s}`)}
          </button>
        ))}
      </fieldset>
      <form className="filters" onSubmit={filter} aria-label={t('reviews.filter')}>
        <label>
          {t('decisions.eventType')}
          <input name="event_type" defaultValue={eventType} />
        </label>
        <button type="submit">{t('decisions.search')}</button>
      </form>
      <LoadedView
        state={reviews}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('reviews.empty.title')} hint={t(`reviews.empty.${status}`)} />}
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('reviews.waitingSince')}</th>
                  <th>{t('reviews.decision')}</th>
                  <th>{t('decisions.eventType')}</th>
                  <th className="num">{t('decisions.score')}</th>
                  <th>{status === 'open' ? t('reviews.verdict') : t('reviews.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => {
                  const resolved = done[item.decision_id] ?? (item.status === 'resolved' ? item : undefined);
                  return (
                    <tr key={item.decision_id}>
                      <td>{formatDateTime(item.created_at, language)}</td>
                      <td>
                        <Link to={`/decisions/${item.decision_id}`} className="mono">
                          {item.event_id}
                        </Link>
                      </td>
                      <td className="mono">{item.event_type}</td>
                      <td className="num">
                        {item.score === null
                          ? '—'
                          : formatNumber(item.score, language, { maximumFractionDigits: 2 })}
                      </td>
                      <td>
                        {resolved ? (
                          <ResolvedVerdict review={resolved} />
                        ) : working ? (
                          <ReviewForm
                            decisionId={item.decision_id}
                            onResolved={(r) => setDone((d) => ({ ...d, [r.decision_id]: r }))}
                          />
                        ) : (
                          t('reviews.statuses.open')
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <CursorPager
              param="after"
              next={data.items.length === PAGE ? (data.items.at(-1)?.decision_id ?? null) : null}
            />
          </>
        )}
      </LoadedView>
    </>
  );
}
