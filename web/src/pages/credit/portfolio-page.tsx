import { type FormEvent, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../charts/chart.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format.js';
import { type Language, languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { bucketOption, reserveOption, rollRateRows, vintageOption } from './credit-charts.js';
import { fenToYuan, rateAt, reserveMonths } from './credit-logic.js';
import { NONE, ScrollBox } from './credit-ui.js';
import { bucketTone } from './loans-page.js';
import type { PortfolioReport, ReserveStatus, WatchEntry } from './types.js';
import './credit.css';

const DENOMINATORS = ['outstanding', 'lent', 'cohort'] as const;
/** The months on book the vintage table shows beside the chart. */
const VINTAGE_MOBS = [3, 6, 9, 12] as const;

/**
 * The portfolio as at a month end: balances, overdue and NPL rates, delinquency buckets, vintage
 * curves, the roll-rate matrix, concentration, the posted risk reserve and the post-loan watch list.
 * Every chart has its figures as a table beside it. The report counts money in fen.
 */
export default function PortfolioPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { search } = useLocation();
  const asOf = search.get('as_of') ?? '';
  const denominator = DENOMINATORS.find((d) => d === search.get('denominator')) ?? 'outstanding';
  const report = useApiData(`portfolio:${asOf}:${denominator}`, (api, signal) =>
    api.get<PortfolioReport>('/portfolio', { as_of: asOf || undefined, denominator }, { signal }),
  );
  const reserve = useApiData('reserve', (api, signal) => api.get<ReserveStatus>('/reserve', {}, { signal }));
  const watch = useApiData('watchlist', (api, signal) =>
    api.get<WatchEntry[]>('/loans/watchlist', {}, { signal }),
  );

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    const month = String(form.get('as_of') ?? '');
    if (month) params.set('as_of', month);
    const d = String(form.get('denominator') ?? '');
    if (d && d !== 'outstanding') params.set('denominator', d);
    navigate(`/portfolio${params.size ? `?${params}` : ''}`);
  };

  return (
    <>
      <form className="filters" onSubmit={submit} aria-label={t('credit.portfolio.options')}>
        <label>
          {t('credit.portfolio.asOf')}
          <input
            name="as_of"
            type="month"
            defaultValue={asOf || report.data?.asOf}
            key={report.data?.asOf ?? 'x'}
          />
        </label>
        <label>
          {t('credit.portfolio.denominator')}
          <select name="denominator" defaultValue={denominator}>
            {DENOMINATORS.map((d) => (
              <option key={d} value={d}>
                {t(`credit.portfolio.denominators.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('credit.applications.apply')}
        </button>
      </form>
      <LoadedView
        state={report}
        isEmpty={(r) => r.book.loans === 0}
        empty={
          <EmptyState title={t('credit.portfolio.empty.title')} hint={t('credit.portfolio.empty.hint')} />
        }
      >
        {(r) => (
          <>
            <Headline report={r} reserve={reserve.data} language={language} />
            <div className="credit-grid">
              <Buckets report={r} language={language} />
              <RollRate report={r} language={language} />
            </div>
            <Vintage report={r} language={language} />
            <div className="credit-grid">
              <Concentration report={r} language={language} />
              <ReservePanel reserve={reserve} language={language} />
            </div>
          </>
        )}
      </LoadedView>
      <Panel title={t('credit.portfolio.watchlist')}>
        <LoadedView
          state={watch}
          isEmpty={(w) => w.length === 0}
          empty={
            <EmptyState
              title={t('credit.portfolio.noWatch.title')}
              hint={t('credit.portfolio.noWatch.hint')}
            />
          }
        >
          {(w) => (
            <ScrollBox label={t('credit.portfolio.watchlist')}>
              <p className="muted">{t('credit.portfolio.watchCount', { count: w.length })}</p>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('credit.loans.borrower')}</th>
                    <th>{t('credit.portfolio.loan')}</th>
                    <th className="num">{t('credit.loans.dpd')}</th>
                    <th>{t('credit.loans.bucket')}</th>
                    <th className="num">{t('credit.portfolio.score')}</th>
                    <th className="num">{t('credit.portfolio.originationScore')}</th>
                    <th>{t('credit.portfolio.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.map((e) => (
                    <tr key={e.loan_id}>
                      <td className="mono">{e.borrower_id}</td>
                      <td className="mono">
                        <Link to={`/loans/${encodeURIComponent(e.loan_id)}`}>{e.loan_id.slice(-12)}</Link>
                      </td>
                      <td className="num">{formatNumber(e.dpd, language)}</td>
                      <td>
                        <span className={`badge ${bucketTone(e.bucket)}`}>
                          {t(`credit.buckets.${e.bucket}`, { defaultValue: e.bucket })}
                        </span>
                      </td>
                      <td className="num">
                        {e.score === null
                          ? NONE
                          : formatNumber(e.score, language, { maximumFractionDigits: 0 })}
                      </td>
                      <td className="num">
                        {e.origination_score === null
                          ? NONE
                          : formatNumber(e.origination_score, language, { maximumFractionDigits: 0 })}
                      </td>
                      <td>{e.reasons.map((x) => x[language]).join('; ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
        </LoadedView>
      </Panel>
    </>
  );
}

function Headline({
  report,
  reserve,
  language,
}: {
  report: PortfolioReport;
  reserve: ReserveStatus | undefined;
  language: Language;
}) {
  const { t } = useTranslation();
  const money = (fen: number) => formatMoney(fenToYuan(fen), language);
  const rate = (v: number | null) => (v === null ? NONE : formatPercent(v, language, 2));
  const r = report.rates;
  const coverage = reserve?.coverage ?? report.reserve_posted?.coverage ?? null;
  return (
    <Panel title={t('credit.portfolio.headline', { month: report.asOf })}>
      <dl className="credit-figures">
        <div>
          <dt>{t('credit.portfolio.outstanding')}</dt>
          <dd>{money(r.outstanding)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.lent')}</dt>
          <dd>{money(r.lent)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.activeLoans')}</dt>
          <dd>{formatNumber(r.activeLoans, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.overdueRate')}</dt>
          <dd>{rate(r.overdueRate.rate)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.npl')}</dt>
          <dd>{rate(r.npl.ratio)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.reserveBalance')}</dt>
          <dd>{reserve ? money(reserve.balance) : NONE}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.coverage')}</dt>
          <dd>{rate(coverage)}</dd>
        </div>
      </dl>
      <dl className="facts">
        <dt>{t('credit.portfolio.overdueRate')}</dt>
        <dd>
          {t('credit.portfolio.overdueRateText', {
            overdue: money(r.overdueRate.overdue),
            base: money(r.overdueRate.base),
            denominator: t(`credit.portfolio.denominators.${r.overdueRate.denominator}`, {
              defaultValue: r.overdueRate.denominator,
            }),
          })}
        </dd>
        <dt>{t('credit.portfolio.npl')}</dt>
        <dd>
          {t('credit.portfolio.nplText', { loans: r.npl.loans, amount: money(r.npl.outstanding) })}{' '}
          <span className="muted">{r.npl.definition[language]}</span>
        </dd>
        <dt>{t('credit.portfolio.coverage')}</dt>
        <dd>{t('credit.portfolio.coverageText')}</dd>
        <dt>{t('credit.portfolio.book')}</dt>
        <dd>
          {t('credit.portfolio.bookText', {
            loans: formatNumber(report.book.loans, language),
            first: report.book.firstMonth,
            last: report.book.lastMonth,
          })}
        </dd>
      </dl>
    </Panel>
  );
}

function Buckets({ report, language }: { report: PortfolioReport; language: Language }) {
  const { t } = useTranslation();
  const rows = useMemo(
    () =>
      report.states.map((s) => ({
        state: s.state,
        label: s.label[language],
        figures: report.rates.byState[s.state] ?? { loans: 0, outstanding: 0, overdue: 0 },
      })),
    [report, language],
  );
  const option = useMemo(
    () =>
      bucketOption(
        rows
          .filter((r) => r.state !== 'closed' && r.state !== 'written_off')
          .map((r) => ({
            state: r.state,
            label: r.state,
            outstandingYuan: fenToYuan(r.figures.outstanding),
          })),
        { outstanding: t('credit.portfolio.outstandingAxis') },
      ),
    [rows, t],
  );
  const total = report.rates.outstanding;
  return (
    <Panel title={t('credit.portfolio.buckets')}>
      <Chart option={option} label={t('credit.portfolio.bucketsChart')} height={220} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('credit.portfolio.state')}</th>
            <th className="num">{t('credit.portfolio.loans')}</th>
            <th className="num">{t('credit.portfolio.outstanding')}</th>
            <th className="num">{t('credit.portfolio.share')}</th>
            <th className="num">{t('credit.loans.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.state}>
              <td>{r.label}</td>
              <td className="num">{formatNumber(r.figures.loans, language)}</td>
              <td className="num">{formatMoney(fenToYuan(r.figures.outstanding), language)}</td>
              <td className="num">
                {total > 0 ? formatPercent(r.figures.outstanding / total, language) : NONE}
              </td>
              <td className="num">{formatMoney(fenToYuan(r.figures.overdue), language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function RollRate({ report, language }: { report: PortfolioReport; language: Language }) {
  const { t } = useTranslation();
  const rr = report.rollRate;
  const label = (state: string) => report.states.find((s) => s.state === state)?.label[language] ?? state;
  return (
    <Panel title={t('credit.portfolio.rollRate')}>
      {rr ? (
        <>
          <p className="muted">{t('credit.portfolio.rollRateHint', { from: rr.from, to: rr.to })}</p>
          <ScrollBox label={t('credit.portfolio.rollRate')}>
            <table className="table credit-heat">
              <thead>
                <tr>
                  <th>{t('credit.portfolio.fromTo')}</th>
                  {rr.states.map((s) => (
                    <th key={s} className="num">
                      {s === 'written_off' || s === 'closed' ? label(s) : s}
                    </th>
                  ))}
                  <th className="num">{t('credit.portfolio.loans')}</th>
                </tr>
              </thead>
              <tbody>
                {rollRateRows(rr.states, rr.counts, rr.countShares).map((row) => (
                  <tr key={row.from}>
                    <th scope="row" title={label(row.from)}>
                      {row.from === 'written_off' || row.from === 'closed' ? label(row.from) : row.from}
                    </th>
                    {row.cells.map((c) => (
                      <td
                        key={c.to}
                        className="num"
                        style={{ background: c.colour }}
                        title={t('credit.portfolio.cell', { count: c.count })}
                      >
                        {c.count === 0 ? NONE : formatPercent(c.share, language)}
                      </td>
                    ))}
                    <td className="num">{formatNumber(row.total, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </>
      ) : (
        <EmptyState title={t('credit.portfolio.noRoll.title')} hint={t('credit.portfolio.noRoll.hint')} />
      )}
    </Panel>
  );
}

function Vintage({ report, language }: { report: PortfolioReport; language: Language }) {
  const { t } = useTranslation();
  const v = report.vintage;
  const option = useMemo(
    () => vintageOption(v.cohorts, { mob: t('credit.portfolio.mob'), rate: t('credit.portfolio.badRate') }),
    [v.cohorts, t],
  );
  return (
    <Panel title={t('credit.portfolio.vintage')}>
      <p className="muted">
        {t(v.ever ? 'credit.portfolio.vintageHintEver' : 'credit.portfolio.vintageHint', {
          dpd: v.badDpd,
          weight: t(`credit.portfolio.weights.${v.weight}`, { defaultValue: v.weight }),
        })}
      </p>
      <div className="credit-grid">
        <Chart option={option} label={t('credit.portfolio.vintageChart')} height={320} />
        <ScrollBox label={t('credit.portfolio.vintage')}>
          <table className="table">
            <thead>
              <tr>
                <th>{t('credit.portfolio.cohort')}</th>
                <th className="num">{t('credit.portfolio.loans')}</th>
                <th className="num">{t('credit.loans.principal')}</th>
                {VINTAGE_MOBS.map((m) => (
                  <th key={m} className="num">
                    {t('credit.portfolio.mobN', { n: m })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.cohorts.map((c) => (
                <tr key={c.originationMonth}>
                  <td>{c.originationMonth}</td>
                  <td className="num">{formatNumber(c.loans, language)}</td>
                  <td className="num">{formatMoney(fenToYuan(c.principal), language)}</td>
                  {VINTAGE_MOBS.map((m) => {
                    const rate = rateAt(c.curve, m);
                    return (
                      <td key={m} className="num">
                        {rate === null ? NONE : formatPercent(rate, language)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </Panel>
  );
}

function Concentration({ report, language }: { report: PortfolioReport; language: Language }) {
  const { t } = useTranslation();
  const c = report.concentration;
  return (
    <Panel title={t('credit.portfolio.concentration')}>
      <dl className="credit-figures">
        <div>
          <dt>{t('credit.portfolio.borrowers')}</dt>
          <dd>{formatNumber(c.borrowers, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.topShare', { n: c.top.length })}</dt>
          <dd>{c.topShare === null ? NONE : formatPercent(c.topShare, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.hhi')}</dt>
          <dd>{c.hhi === null ? NONE : formatNumber(c.hhi, language, { maximumFractionDigits: 4 })}</dd>
        </div>
        <div>
          <dt>{t('credit.portfolio.effective')}</dt>
          <dd>
            {c.effectiveBorrowers === null
              ? NONE
              : formatNumber(c.effectiveBorrowers, language, { maximumFractionDigits: 0 })}
          </dd>
        </div>
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th className="num">{t('credit.portfolio.rank')}</th>
            <th>{t('credit.loans.borrower')}</th>
            <th className="num">{t('credit.portfolio.loans')}</th>
            <th className="num">{t('credit.portfolio.outstanding')}</th>
            <th className="num">{t('credit.portfolio.share')}</th>
          </tr>
        </thead>
        <tbody>
          {c.top.map((b) => (
            <tr key={b.borrowerId}>
              <td className="num">{b.rank}</td>
              <td className="mono">
                <Link to={`/loans?borrower_id=${encodeURIComponent(b.borrowerId)}`}>{b.borrowerId}</Link>
              </td>
              <td className="num">{formatNumber(b.loans, language)}</td>
              <td className="num">{formatMoney(fenToYuan(b.outstanding), language)}</td>
              <td className="num">{formatPercent(b.share, language, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function ReservePanel({
  reserve,
  language,
}: {
  reserve: { data: ReserveStatus | undefined; error: unknown; loading: boolean; reload(): void };
  language: Language;
}) {
  const { t } = useTranslation();
  const months = useMemo(() => reserveMonths(reserve.data?.entries ?? []), [reserve.data]);
  const option = useMemo(
    () =>
      reserveOption(
        months.map((m) => ({
          month: m.month,
          provisionYuan: fenToYuan(m.provision + m.recovered),
          drawnYuan: fenToYuan(m.drawn),
          balanceYuan: fenToYuan(m.balance),
        })),
        {
          provision: t('credit.portfolio.provision'),
          drawdown: t('credit.portfolio.drawdown'),
          balance: t('credit.portfolio.balance'),
        },
      ),
    [months, t],
  );
  const money = (fen: number) => formatMoney(fenToYuan(fen), language);
  return (
    <Panel title={t('credit.portfolio.reserve')}>
      <LoadedView
        state={reserve}
        isEmpty={(r) => r.entries.length === 0}
        empty={
          <EmptyState
            title={t('credit.portfolio.noReserve.title')}
            hint={t('credit.portfolio.noReserve.hint')}
          />
        }
      >
        {(r) => (
          <>
            <p className="muted">
              {t('credit.portfolio.reserveConfig', {
                rate: formatPercent(Number(r.config.rate), language, 2),
                basis: t(`credit.portfolio.denominators.${r.config.basis}`, { defaultValue: r.config.basis }),
                balance: money(r.balance),
              })}
            </p>
            <Chart option={option} label={t('credit.portfolio.reserveChart')} height={240} />
            <ScrollBox label={t('credit.portfolio.reserve')}>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('credit.portfolio.month')}</th>
                    <th className="num">{t('credit.portfolio.provision')}</th>
                    <th className="num">{t('credit.portfolio.drawdown')}</th>
                    <th className="num">{t('credit.portfolio.recovery')}</th>
                    <th className="num">{t('credit.portfolio.balance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...months].reverse().map((m) => (
                    <tr key={m.month}>
                      <td>{m.month}</td>
                      <td className="num">{money(m.provision)}</td>
                      <td className="num">{money(m.drawn)}</td>
                      <td className="num">{money(m.recovered)}</td>
                      <td className="num">{money(m.balance)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          </>
        )}
      </LoadedView>
    </Panel>
  );
}
