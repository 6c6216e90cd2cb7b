import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditPage as AuditPageData } from '../../api/admin-types.js';
import { EmptyState, LoadedView } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { VerifyChain } from './verify-chain.js';

/** The filters, named as the query parameters of `GET /audit`. */
const FIELDS = ['action', 'actor_type', 'actor_id', 'target_type', 'target_id', 'from', 'to'] as const;
const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;

/**
 * The audit log browser: entries newest first, filtered by action, actor, target and time, a page at
 * a time backwards through `before_seq`, and the "verify chain" action. The filters live in the
 * address so a search can be shared with a colleague.
 */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { search } = useLocation();
  const query: Record<string, string | undefined> = {};
  for (const name of [...FIELDS, 'before_seq']) query[name] = search.get(name) || undefined;
  const [pages, setPages] = useState<string[]>([]);
  const entries = useApiData(`audit?${search.toString()}`, (api, signal) =>
    api.get<AuditPageData>('/audit', { ...query, limit: 50 }, { signal }),
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
    setPages([]);
    navigate(`/audit${params.size ? `?${params}` : ''}`);
  };
  const page = (cursor: string | undefined) => {
    const params = new URLSearchParams(search);
    if (cursor) params.set('before_seq', cursor);
    else params.delete('before_seq');
    navigate(`/audit?${params}`);
  };
  const text = (name: (typeof FIELDS)[number], label: string) => (
    <label>
      {label}
      <input name={name} defaultValue={query[name]} />
    </label>
  );

  return (
    <>
      <VerifyChain />
      <form className="filters" onSubmit={submit} aria-label={t('auditLog.search')}>
        {text('action', t('auditLog.action'))}
        <label>
          {t('auditLog.actorType')}
          <select name="actor_type" defaultValue={query['actor_type'] ?? ''}>
            <option value="">{t('common.any')}</option>
            {ACTOR_TYPES.map((a) => (
              <option key={a} value={a}>
                {t(`auditLog.actorTypes.${a}`)}
              </option>
            ))}
          </select>
        </label>
        {text('actor_id', t('auditLog.actorId'))}
        {text('target_type', t('auditLog.targetType'))}
        {text('target_id', t('auditLog.targetId'))}
        <label>
          {t('auditLog.from')}
          <input name="from" type="datetime-local" />
        </label>
        <label>
          {t('auditLog.to')}
          <input name="to" type="datetime-local" />
        </label>
        <button type="submit" className="primary">
          {t('auditLog.search')}
        </button>
      </form>
      <LoadedView
        state={entries}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('auditLog.empty.title')} hint={t('auditLog.empty.hint')} />}
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th className="num">{t('auditLog.seq')}</th>
                  <th>{t('auditLog.time')}</th>
                  <th>{t('auditLog.action')}</th>
                  <th>{t('auditLog.actor')}</th>
                  <th>{t('auditLog.target')}</th>
                  <th>{t('auditLog.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((e) => (
                  <tr key={e.seq}>
                    <td className="num">
                      <Link to={`/audit/${e.seq}`}>{e.seq}</Link>
                    </td>
                    <td>{formatDateTime(e.ts, language)}</td>
                    <td className="mono">{e.action}</td>
                    <td className="mono">
                      {t(`auditLog.actorTypes.${e.actor.type}`)} {e.actor.id}
                    </td>
                    <td className="mono">
                      {e.target.type}/{e.target.id}
                    </td>
                    <td className="mono">{e.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="pager">
              {pages.length > 0 && (
                <button
                  type="button"
                  onClick={() => {
                    const previous = pages.slice(0, -1);
                    setPages(previous);
                    page(previous.at(-1));
                  }}
                >
                  {t('common.previous')}
                </button>
              )}
              {data.next_before_seq !== null && (
                <button
                  type="button"
                  onClick={() => {
                    const cursor = String(data.next_before_seq);
                    setPages([...pages, cursor]);
                    page(cursor);
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
