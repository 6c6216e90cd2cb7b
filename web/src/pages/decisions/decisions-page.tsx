import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionSummary } from '../../api/types.js';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';

/** The search fields, named as the API's query parameters of `GET /decisions`. */
const FIELDS = ['subject_key', 'subject_value', 'outcome', 'rule', 'event_type', 'from', 'to'] as const;

/**
 * Decision search: by subject, outcome, rule, event type and time, newest first, a page at a time.
 * The search lives in the address, so a search can be bookmarked and shared.
 */
export default function DecisionsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { search } = useLocation();
  const query: Record<string, string | undefined> = {};
  for (const name of [...FIELDS, 'before']) query[name] = search.get(name) || undefined;
  const [before, setBefore] = useState<string[]>([]);
  const decisions = useApiData(`decisions?${search.toString()}`, (api, signal) =>
    api.get<{ items: DecisionSummary[]; next: string | null }>(
      '/decisions',
      { ...query, limit: 50 },
      { signal },
    ),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const name of FIELDS) {
      const value = String(form.get(name) ?? '').trim();
      if (!value) continue;
      params.set(name, name === 'from' || name === 'to' ? new Date(value).toISOString() : value);
    }
    setBefore([]);
    navigate(`/decisions${params.size ? `?${params}` : ''}`);
  };
  const page = (cursor: string | undefined) => {
    const params = new URLSearchParams(search);
    if (cursor) params.set('before', cursor);
    else params.delete('before');
    navigate(`/decisions?${params}`);
  };

  return (
    <>
      <form className="filters" onSubmit={submit} aria-label={t('decisions.search')}>
        <label>
          {t('decisions.subjectKey')}
          <input name="subject_key" defaultValue={query['subject_key']} placeholder="user_id" />
        </label>
        <label>
          {t('decisions.subjectValue')}
          <input name="subject_value" defaultValue={query['subject_value']} />
        </label>
        <label>
          {t('decisions.outcome')}
          <select name="outcome" defaultValue={query['outcome'] ?? ''}>
            <option value="">{t('common.any')}</option>
            {(['approve', 'review', 'reject'] as const).map((o) => (
              <option key={o} value={o}>
                {t(`outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('decisions.rule')}
          <input name="rule" defaultValue={query['rule']} />
        </label>
        <label>
          {t('decisions.eventType')}
          <input name="event_type" defaultValue={query['event_type']} />
        </label>
        <label>
          {t('decisions.from')}
          <input name="from" type="datetime-local" />
        </label>
        <label>
          {t('decisions.to')}
          <input name="to" type="datetime-local" />
        </label>
        <button type="submit" className="primary">
          {t('decisions.search')}
        </button>
      </form>
      <LoadedView
        state={decisions}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('decisions.empty.title')} hint={t('decisions.empty.hint')} />}
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('decisions.decidedAt')}</th>
                  <th>{t('decisions.eventType')}</th>
                  <th>{t('decisions.outcome')}</th>
                  <th className="num">{t('decisions.score')}</th>
                  <th>{t('decisions.policy')}</th>
                  <th>{t('decisions.event')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.decision_id}>
                    <td>
                      <Link to={`/decisions/${d.decision_id}`}>{formatDateTime(d.decided_at, language)}</Link>
                    </td>
                    <td>{d.event_type}</td>
                    <td>
                      <span className={`badge outcome-${d.outcome}`}>{t(`outcome.${d.outcome}`)}</span>
                    </td>
                    <td className="num">{d.score === null ? '—' : formatNumber(d.score, language)}</td>
                    <td>
                      {d.policy
                        ? `${d.policy.id} v${d.policy.version}`
                        : t('decisions.fallback', { reason: d.fallback })}
                    </td>
                    <td className="mono">{d.event_id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              {before.length > 0 && (
                <button
                  type="button"
                  onClick={() => {
                    const previous = before.slice(0, -1);
                    setBefore(previous);
                    page(previous.at(-1));
                  }}
                >
                  {t('common.previous')}
                </button>
              )}
              {data.next && (
                <button
                  type="button"
                  onClick={() => {
                    setBefore([...before, data.next ?? '']);
                    page(data.next ?? undefined);
                  }}
                >
                  {t('common.next')}
                </button>
              )}
            </div>
          </>
        )}
      </LoadedView>
    </>
  );
}
