import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../../i18n/format.js';
import { type Language, languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';
import { authorityLimit, authorityProducts, fenToYuan, yuanToFen } from './credit-logic.js';
import { ChangeNotice, NONE, ScrollBox } from './credit-ui.js';
import {
  APPLICATION_STATUSES,
  type Application,
  type ApplicationStatus,
  type AuthorityEntry,
  OPEN_STATUSES,
  type Page,
} from './types.js';
import './credit.css';

const PAGE = 50;
/** The open view lists up to this many of each open status; the status tabs page through the rest. */
const OPEN_LIMIT = 200;
type View = 'open' | ApplicationStatus;
const VIEWS: readonly View[] = ['open', ...APPLICATION_STATUSES];

/** The badge class of an application status. */
export function statusTone(status: ApplicationStatus): string {
  return status === 'booked'
    ? 'credit-ok'
    : status === 'rejected'
      ? 'credit-bad'
      : status === 'pending_review' || status === 'awaiting_second_approval'
        ? 'credit-warn'
        : 'credit-neutral';
}

/** The signed-in person's id and roles, for the authority rule. */
export function useMe(): { id: string; roles: readonly string[] } {
  const { state } = useSession();
  return state.status === 'signed_in'
    ? { id: state.session.user.id, roles: state.session.user.roles }
    : { id: '', roles: [] };
}

/**
 * The approval queue: open applications first (manual review, then those awaiting a second approver,
 * then those the engine approved), each with whether it is within the signed-in approver's authority;
 * approve or reject with a note. Within authority the server books the loan; above it the approval
 * becomes the first of two (a `loan.approve` change), which is shown with its link.
 */
export default function ApplicationsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const me = useMe();
  const { search } = useLocation();
  const view: View = VIEWS.find((v) => v === search.get('status')) ?? 'open';
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const product = search.get('product') ?? '';
  const min = search.get('min') ?? '';
  const max = search.get('max') ?? '';

  const authority = useApiData('loan-authority', (a, signal) =>
    a.get<{ items: AuthorityEntry[] }>('/loan-authority', {}, { signal }),
  );
  // Product and amount are filtered by the server, so paging and totals count only what matches.
  const filters = {
    product: product || undefined,
    min_amount: min || undefined,
    max_amount: max || undefined,
  };
  const list = useApiData(
    `applications?${search.toString()}`,
    async (a, signal): Promise<Page<Application>> => {
      if (view !== 'open') {
        return a.get<Page<Application>>(
          '/loan-applications',
          { status: view, limit: PAGE, offset, ...filters },
          { signal },
        );
      }
      const pages = await Promise.all(
        OPEN_STATUSES.map((status) =>
          a.get<Page<Application>>(
            '/loan-applications',
            { status, limit: OPEN_LIMIT, ...filters },
            { signal },
          ),
        ),
      );
      return { items: pages.flatMap((p) => p.items), total: pages.reduce((n, p) => n + p.total, 0) };
    },
  );
  const [working, setWorking] = useState<{ id: string; action: 'approve' | 'reject' } | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [answer, setAnswer] = useState<Application | undefined>(undefined);

  const limitFor = (p: string) =>
    authority.data ? authorityLimit(authority.data.items, me.id, me.roles, p) : undefined;
  const shown = list.data?.items ?? [];
  const products = [
    ...new Set([
      ...shown.map((a) => a.product),
      ...(authority.data?.items ?? []).map((e) => e.product).filter((p) => p !== '*'),
    ]),
  ].sort();

  const go = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    navigate(`/loan-applications${params.size ? `?${params}` : ''}`);
  };

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    go({
      product: String(form.get('product') ?? ''),
      min: String(form.get('min') ?? '').trim(),
      max: String(form.get('max') ?? '').trim(),
    });
  };

  const act = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!working) return;
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setError(undefined);
    setAnswer(undefined);
    const path = `/loan-applications/${encodeURIComponent(working.id)}/${working.action}`;
    const body = working.action === 'approve' ? (note ? { comment: note } : {}) : { reason: note };
    api
      .post<Application>(path, body)
      .then((updated) => {
        setAnswer(updated);
        setWorking(undefined);
        list.reload();
      })
      .catch(setError);
  };

  const canApprove = can('loan:approve');
  return (
    <>
      <AuthorityPanel entries={authority.data?.items} error={authority.error} me={me} language={language} />
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('credit.applications.status')}</legend>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={v === view}
            onClick={() => go({ status: v === 'open' ? undefined : v, offset: undefined })}
          >
            {t(`credit.applications.views.${v}`)}
          </button>
        ))}
      </fieldset>
      <form className="filters" onSubmit={filter} aria-label={t('credit.applications.filter')}>
        <label>
          {t('credit.applications.product')}
          <input
            name="product"
            defaultValue={product}
            list="credit-products"
            placeholder={t('common.any')}
            maxLength={64}
            size={10}
          />
          <datalist id="credit-products">
            {products.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label>
          {t('credit.applications.minAmount')}
          <input name="min" inputMode="decimal" defaultValue={min} size={10} />
        </label>
        <label>
          {t('credit.applications.maxAmount')}
          <input name="max" inputMode="decimal" defaultValue={max} size={10} />
        </label>
        <button type="submit" className="primary">
          {t('credit.applications.apply')}
        </button>
      </form>
      {answer && <Outcome application={answer} language={language} />}
      {error !== undefined && <ErrorNotice error={error} />}
      <Panel title={t(`credit.applications.views.${view}`)}>
        <LoadedView
          state={list}
          isEmpty={() => shown.length === 0}
          empty={
            <EmptyState
              title={t('credit.applications.empty.title')}
              hint={t(
                product || min || max
                  ? 'credit.applications.empty.filtered'
                  : `credit.applications.empty.${view}`,
              )}
            />
          }
        >
          {(data) => (
            <>
              <p className="muted">
                {t('credit.applications.showing', { shown: shown.length, total: data.total })}
                {view === 'open' &&
                  data.total > data.items.length &&
                  ` ${t('credit.applications.openCapped')}`}
              </p>
              <ScrollBox label={t(`credit.applications.views.${view}`)}>
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('credit.applications.received')}</th>
                      <th>{t('credit.applications.borrower')}</th>
                      <th>{t('credit.applications.product')}</th>
                      <th className="num">{t('credit.applications.amount')}</th>
                      <th className="num">{t('credit.applications.term')}</th>
                      <th className="num">{t('credit.applications.score')}</th>
                      <th className="num">{t('credit.applications.pd')}</th>
                      <th>{t('credit.applications.statusColumn')}</th>
                      <th>{t('credit.applications.authority')}</th>
                      {canApprove && <th>{t('credit.applications.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((a) => {
                      const limit = limitFor(a.product);
                      const within = limit !== undefined && yuanToFen(a.amount) <= limit;
                      const open = OPEN_STATUSES.includes(a.status);
                      return (
                        <tr key={a.id}>
                          <td>
                            <Link to={`/loan-applications/${encodeURIComponent(a.id)}`}>
                              {formatDateTime(a.created_at, language)}
                            </Link>
                          </td>
                          <td className="mono">{a.borrower_id}</td>
                          <td className="mono">{a.product}</td>
                          <td className="num">{formatMoney(Number(a.amount), language)}</td>
                          <td className="num">{t('credit.applications.months', { count: a.term_months })}</td>
                          <td className="num">
                            {a.score === null
                              ? NONE
                              : formatNumber(a.score, language, { maximumFractionDigits: 0 })}
                          </td>
                          <td className="num">
                            {a.probability === null ? NONE : formatPercent(a.probability, language)}
                          </td>
                          <td>
                            <span className={`badge ${statusTone(a.status)}`}>
                              {t(`credit.applications.statuses.${a.status}`)}
                            </span>
                          </td>
                          <td>
                            {limit === undefined ? (
                              NONE
                            ) : within ? (
                              <span className="badge credit-ok">{t('credit.applications.within')}</span>
                            ) : (
                              <span className="badge credit-warn">{t('credit.applications.above')}</span>
                            )}
                          </td>
                          {canApprove && (
                            <td>
                              {open && working?.id === a.id ? (
                                <form className="inline-form" onSubmit={act}>
                                  <input
                                    name="note"
                                    required={working.action === 'reject'}
                                    maxLength={500}
                                    aria-label={t(`credit.applications.${working.action}Note`)}
                                    placeholder={t(`credit.applications.${working.action}Note`)}
                                  />
                                  <button type="submit" className="primary">
                                    {t(`credit.applications.${working.action}`)}
                                  </button>
                                  <button type="button" onClick={() => setWorking(undefined)}>
                                    {t('common.cancel')}
                                  </button>
                                </form>
                              ) : (
                                open && (
                                  <span className="credit-actions">
                                    <button
                                      type="button"
                                      onClick={() => setWorking({ id: a.id, action: 'approve' })}
                                    >
                                      {t('credit.applications.approve')}
                                    </button>
                                    <button
                                      type="button"
                                      onClick={() => setWorking({ id: a.id, action: 'reject' })}
                                    >
                                      {t('credit.applications.reject')}
                                    </button>
                                  </span>
                                )
                              )}
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollBox>
              {view !== 'open' && (
                <div className="pager">
                  {offset > 0 && (
                    <button
                      type="button"
                      onClick={() => go({ offset: String(Math.max(0, offset - PAGE)) || undefined })}
                    >
                      {t('common.previous')}
                    </button>
                  )}
                  {offset + PAGE < data.total && (
                    <button type="button" onClick={() => go({ offset: String(offset + PAGE) })}>
                      {t('common.next')}
                    </button>
                  )}
                </div>
              )}
            </>
          )}
        </LoadedView>
      </Panel>
    </>
  );
}

/** What the server did with an approval or rejection: booked, sent to a second approver, rejected. */
function Outcome({ application, language }: { application: Application; language: Language }) {
  const { t } = useTranslation();
  if (application.status === 'awaiting_second_approval' && application.change_id) {
    return (
      <ChangeNotice
        change={{
          id: application.change_id,
          kind: 'loan.approve',
          status: 'pending',
          summary: { en: '', zh: '' },
        }}
        messageKey="credit.applications.sentToSecond"
      />
    );
  }
  return (
    <p className="notice" role="status">
      {t(`credit.applications.done.${application.status}`, {
        amount: formatMoney(Number(application.amount), language),
        borrower: application.borrower_id,
      })}{' '}
      {application.loan_id && (
        <Link to={`/loans/${encodeURIComponent(application.loan_id)}`}>
          {t('credit.applications.openLoan')}
        </Link>
      )}
    </p>
  );
}

/** The signed-in person's approval authority, overall and for each product with its own entry. */
function AuthorityPanel({
  entries,
  error,
  me,
  language,
}: {
  entries: readonly AuthorityEntry[] | undefined;
  error: unknown;
  me: { id: string; roles: readonly string[] };
  language: Language;
}) {
  const { t } = useTranslation();
  if (error !== undefined) return <ErrorNotice error={error} />;
  if (!entries) return null;
  const overall = authorityLimit(entries, me.id, me.roles, '*');
  const products = authorityProducts(entries, me.id, me.roles);
  return (
    <dl className="credit-figures" aria-label={t('credit.applications.yourAuthority')}>
      <div>
        <dt>{t('credit.applications.yourAuthority')}</dt>
        <dd>
          {overall > 0 ? formatMoney(fenToYuan(overall), language) : t('credit.applications.noAuthority')}
        </dd>
      </div>
      {products.map((p) => (
        <div key={p}>
          <dt className="mono">{p}</dt>
          <dd>{formatMoney(fenToYuan(authorityLimit(entries, me.id, me.roles, p)), language)}</dd>
        </div>
      ))}
    </dl>
  );
}
