import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { NONE, ScrollBox } from './credit-ui.js';
import { bucketTone } from './loans-page.js';
import type { LoanDetail } from './types.js';
import './credit.css';

/** One loan: terms, today's position (DPD, bucket), the repayment schedule and the repayments. */
export default function LoanPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const id = params['id'] ?? '';
  const loan = useApiData(`loan:${id}`, (api, signal) =>
    api.get<LoanDetail>(`/loans/${encodeURIComponent(id)}`, {}, { signal }),
  );
  const money = (yuan: string) => formatMoney(Number(yuan), language);
  return (
    <LoadedView state={loan} isEmpty={() => false} empty={null}>
      {(l) => (
        <>
          <div className="credit-grid">
            <Panel title={t('credit.loan.terms')} actions={<Link to="/loans">{t('credit.loan.back')}</Link>}>
              <dl className="facts">
                <dt>{t('credit.loans.ref')}</dt>
                <dd className="mono">{l.external_ref ?? l.id}</dd>
                <dt>{t('credit.loans.borrower')}</dt>
                <dd className="mono">{l.borrower_id}</dd>
                <dt>{t('credit.loans.product')}</dt>
                <dd className="mono">{l.product}</dd>
                <dt>{t('credit.loans.principal')}</dt>
                <dd>{money(l.principal)}</dd>
                <dt>{t('credit.loan.netDisbursed')}</dt>
                <dd>{money(l.net_disbursed)}</dd>
                <dt>{t('credit.loans.rate')}</dt>
                <dd>{formatPercent(Number(l.annual_rate), language, 2)}</dd>
                <dt>{t('credit.loan.apr')}</dt>
                <dd>
                  {t('credit.loan.aprText', {
                    nominal: formatPercent(Number(l.apr.nominal), language, 2),
                    effective: formatPercent(Number(l.apr.effective), language, 2),
                  })}
                </dd>
                <dt>{t('credit.loans.term')}</dt>
                <dd>{t('credit.applications.months', { count: l.term_months })}</dd>
                <dt>{t('credit.application.schedule')}</dt>
                <dd>{t(`credit.scheduleKinds.${l.schedule_kind}`, { defaultValue: l.schedule_kind })}</dd>
                <dt>{t('credit.loans.disbursed')}</dt>
                <dd>{l.disbursed_on}</dd>
                <dt>{t('credit.loans.status')}</dt>
                <dd>{t(`credit.loans.statuses.${l.status}`)}</dd>
                {l.application_id && (
                  <>
                    <dt>{t('credit.loan.application')}</dt>
                    <dd className="mono">
                      <Link to={`/loan-applications/${encodeURIComponent(l.application_id)}`}>
                        {l.application_id}
                      </Link>
                    </dd>
                  </>
                )}
              </dl>
            </Panel>
            <Panel title={t('credit.loan.position', { date: l.position.as_of })}>
              <dl className="credit-figures">
                <div>
                  <dt>{t('credit.loans.outstanding')}</dt>
                  <dd>{money(l.position.outstanding_principal)}</dd>
                </div>
                <div>
                  <dt>{t('credit.loans.overdue')}</dt>
                  <dd>{money(l.position.overdue)}</dd>
                </div>
                <div>
                  <dt>{t('credit.loan.penalty')}</dt>
                  <dd>{money(l.position.penalty_due)}</dd>
                </div>
                <div>
                  <dt>{t('credit.loans.dpd')}</dt>
                  <dd>{formatNumber(l.position.dpd, language)}</dd>
                </div>
                <div>
                  <dt>{t('credit.loans.bucket')}</dt>
                  <dd>
                    <span className={`badge ${bucketTone(l.position.bucket)}`}>
                      {t(`credit.buckets.${l.position.bucket}`)}
                    </span>
                  </dd>
                </div>
              </dl>
              <dl className="facts">
                <dt>{t('credit.loan.nextDue')}</dt>
                <dd>
                  {l.position.next_due
                    ? t('credit.loan.nextDueText', {
                        date: l.position.next_due.date,
                        amount: money(l.position.next_due.amount),
                      })
                    : NONE}
                </dd>
                <dt>{t('credit.loan.credit')}</dt>
                <dd>{money(l.position.credit)}</dd>
                {l.write_off && (
                  <>
                    <dt>{t('credit.loan.writtenOff')}</dt>
                    <dd>
                      {t('credit.loan.writtenOffText', {
                        date: l.write_off.written_off_on,
                        amount: money(l.write_off.total),
                        dpd: l.write_off.dpd,
                      })}
                    </dd>
                    <dt>{t('credit.loan.recovered')}</dt>
                    <dd>{money(l.recovered)}</dd>
                  </>
                )}
              </dl>
            </Panel>
          </div>
          <Panel title={t('credit.loan.schedule')}>
            <ScrollBox label={t('credit.loan.schedule')}>
              <table className="table">
                <thead>
                  <tr>
                    <th className="num">{t('credit.loan.seq')}</th>
                    <th>{t('credit.loan.due')}</th>
                    <th className="num">{t('credit.loan.principal')}</th>
                    <th className="num">{t('credit.loan.interest')}</th>
                    <th className="num">{t('credit.loan.fee')}</th>
                    <th className="num">{t('credit.loan.penalty')}</th>
                    <th className="num">{t('credit.loan.paid')}</th>
                    <th>{t('credit.loan.settled')}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.instalments.map((i) => {
                    const paid =
                      Number(i.paid_principal) +
                      Number(i.paid_interest) +
                      Number(i.paid_fee) +
                      Number(i.paid_penalty);
                    return (
                      <tr key={i.seq}>
                        <td className="num">{i.seq}</td>
                        <td>{i.due_date}</td>
                        <td className="num">{money(i.principal)}</td>
                        <td className="num">{money(i.interest)}</td>
                        <td className="num">{money(i.fee)}</td>
                        <td className="num">{money(i.penalty)}</td>
                        <td className="num">{formatMoney(paid, language)}</td>
                        <td>{i.settled_on ?? <span className="muted">{t('credit.loan.unsettled')}</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollBox>
          </Panel>
          <Panel title={t('credit.loan.repayments')}>
            {l.repayments.length === 0 ? (
              <EmptyState
                title={t('credit.loan.noRepayments.title')}
                hint={t('credit.loan.noRepayments.hint')}
              />
            ) : (
              <ScrollBox label={t('credit.loan.repayments')}>
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('credit.loan.received')}</th>
                      <th>{t('credit.loan.kind')}</th>
                      <th className="num">{t('credit.loan.amount')}</th>
                      <th className="num">{t('credit.loan.penalty')}</th>
                      <th className="num">{t('credit.loan.fee')}</th>
                      <th className="num">{t('credit.loan.interest')}</th>
                      <th className="num">{t('credit.loan.principal')}</th>
                      <th className="num">{t('credit.loan.credit')}</th>
                      <th>{t('credit.loan.reference')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.repayments.map((r) => (
                      <tr key={r.id}>
                        <td>{r.received_on}</td>
                        <td>{t(`credit.loan.kinds.${r.kind}`, { defaultValue: r.kind })}</td>
                        <td className="num">{money(r.amount)}</td>
                        <td className="num">{money(r.allocation.penalty)}</td>
                        <td className="num">{money(r.allocation.fee)}</td>
                        <td className="num">{money(r.allocation.interest)}</td>
                        <td className="num">{money(r.allocation.principal)}</td>
                        <td className="num">{money(r.allocation.credit)}</td>
                        <td className="mono">{r.reference ?? NONE}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            )}
          </Panel>
        </>
      )}
    </LoadedView>
  );
}
