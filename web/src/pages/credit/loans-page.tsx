import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { ScrollBox } from './credit-ui.js';
import { LOAN_STATUSES, type Loan, type Page } from './types.js';
import './credit.css';

const PAGE = 50;
const FILTERS = ['status', 'borrower_id', 'product'] as const;

/** The badge class of a delinquency bucket. */
export function bucketTone(bucket: string): string {
  return bucket === 'current' ? 'credit-ok' : bucket === 'M1' ? 'credit-warn' : 'credit-bad';
}

/** The loan book: filtered by status, borrower and product and paged on the server. */
export default function LoansPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { search } = useLocation();
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const query: Record<string, string> = {};
  for (const f of FILTERS) {
    const v = search.get(f);
    if (v) query[f] = v;
  }
  const key = new URLSearchParams({ ...query, offset: String(offset) }).toString();
  const loans = useApiData(`loans:${key}`, (api, signal) =>
    api.get<Page<Loan>>('/loans', { ...query, limit: PAGE, offset }, { signal }),
  );

  const go = (params: URLSearchParams) => navigate(`/loans${params.size ? `?${params}` : ''}`);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const f of FILTERS) {
      const v = String(form.get(f) ?? '').trim();
      if (v) params.set(f, v);
    }
    go(params);
  };
  const page = (to: number) => {
    const params = new URLSearchParams(search);
    if (to > 0) params.set('offset', String(to));
    else params.delete('offset');
    go(params);
  };

  return (
    <>
      <form className="filters" onSubmit={submit} aria-label={t('credit.loans.filter')}>
        <label>
          {t('credit.loans.status')}
          <select name="status" defaultValue={query['status'] ?? ''}>
            <option value="">{t('common.any')}</option>
            {LOAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`credit.loans.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('credit.loans.borrower')}
          <input name="borrower_id" defaultValue={query['borrower_id']} maxLength={128} />
        </label>
        <label>
          {t('credit.loans.product')}
          <input name="product" defaultValue={query['product']} maxLength={64} />
        </label>
        <button type="submit" className="primary">
          {t('credit.applications.apply')}
        </button>
      </form>
      <Panel title={t('credit.loans.list')}>
        <LoadedView
          state={loans}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState title={t('credit.loans.empty.title')} hint={t('credit.loans.empty.hint')} />}
        >
          {(data) => (
            <>
              <p className="muted">
                {t('credit.loans.range', {
                  from: offset + 1,
                  to: offset + data.items.length,
                  total: formatNumber(data.total, language),
                })}
              </p>
              <ScrollBox label={t('credit.loans.list')}>
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('credit.loans.ref')}</th>
                      <th>{t('credit.loans.borrower')}</th>
                      <th>{t('credit.loans.product')}</th>
                      <th className="num">{t('credit.loans.principal')}</th>
                      <th className="num">{t('credit.loans.rate')}</th>
                      <th className="num">{t('credit.loans.term')}</th>
                      <th>{t('credit.loans.disbursed')}</th>
                      <th>{t('credit.loans.status')}</th>
                      <th className="num">{t('credit.loans.outstanding')}</th>
                      <th className="num">{t('credit.loans.overdue')}</th>
                      <th className="num">{t('credit.loans.dpd')}</th>
                      <th>{t('credit.loans.bucket')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((l) => (
                      <tr key={l.id}>
                        <td className="mono">
                          <Link to={`/loans/${encodeURIComponent(l.id)}`}>
                            {l.external_ref ?? l.id.slice(-12)}
                          </Link>
                        </td>
                        <td className="mono">{l.borrower_id}</td>
                        <td className="mono">{l.product}</td>
                        <td className="num">{formatMoney(Number(l.principal), language)}</td>
                        <td className="num">{formatPercent(Number(l.annual_rate), language, 2)}</td>
                        <td className="num">{t('credit.applications.months', { count: l.term_months })}</td>
                        <td>{l.disbursed_on}</td>
                        <td>{t(`credit.loans.statuses.${l.status}`)}</td>
                        <td className="num">
                          {formatMoney(Number(l.position.outstanding_principal), language)}
                        </td>
                        <td className="num">{formatMoney(Number(l.position.overdue), language)}</td>
                        <td className="num">{formatNumber(l.position.dpd, language)}</td>
                        <td>
                          <span className={`badge ${bucketTone(l.position.bucket)}`}>
                            {t(`credit.buckets.${l.position.bucket}`)}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
              <div className="pager">
                {offset > 0 && (
                  <button type="button" onClick={() => page(Math.max(0, offset - PAGE))}>
                    {t('common.previous')}
                  </button>
                )}
                {offset + PAGE < data.total && (
                  <button type="button" onClick={() => page(offset + PAGE)}>
                    {t('common.next')}
                  </button>
                )}
              </div>
            </>
          )}
        </LoadedView>
      </Panel>
    </>
  );
}
