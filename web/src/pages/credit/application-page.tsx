import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatMoney, formatNumber, formatPercent } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { statusTone, useMe } from './applications-page.js';
import { authorityLimit, fenToYuan, yuanToFen } from './credit-logic.js';
import { ChangeNotice, NONE } from './credit-ui.js';
import { type Application, type AuthorityEntry, type DecisionReasons, OPEN_STATUSES } from './types.js';
import './credit.css';

/**
 * One loan application: its terms, the engine's decision (linked) with the card's score and reason
 * codes, who decided and how, and the approve / reject form for an open one.
 */
export default function ApplicationPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const me = useMe();
  const id = params['id'] ?? '';
  const app = useApiData(`application:${id}`, (a, signal) =>
    a.get<Application>(`/loan-applications/${encodeURIComponent(id)}`, {}, { signal }),
  );
  const authority = useApiData('loan-authority', (a, signal) =>
    a.get<{ items: AuthorityEntry[] }>('/loan-authority', {}, { signal }),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [action, setAction] = useState<'approve' | 'reject'>('approve');

  const act = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget).get('note') ?? '').trim();
    setError(undefined);
    const body = action === 'approve' ? (note ? { comment: note } : {}) : { reason: note };
    api
      .post<Application>(`/loan-applications/${encodeURIComponent(id)}/${action}`, body)
      .then(() => app.reload())
      .catch(setError);
  };

  return (
    <LoadedView state={app} isEmpty={() => false} empty={null}>
      {(a) => {
        const limit = authority.data
          ? authorityLimit(authority.data.items, me.id, me.roles, a.product)
          : undefined;
        return (
          <>
            <div className="credit-grid">
              <Panel
                title={t('credit.application.terms')}
                actions={<Link to="/loan-applications">{t('credit.application.back')}</Link>}
              >
                <dl className="facts">
                  <dt>{t('credit.applications.statusColumn')}</dt>
                  <dd>
                    <span className={`badge ${statusTone(a.status)}`}>
                      {t(`credit.applications.statuses.${a.status}`)}
                    </span>
                  </dd>
                  <dt>{t('credit.applications.borrower')}</dt>
                  <dd className="mono">{a.borrower_id}</dd>
                  <dt>{t('credit.applications.product')}</dt>
                  <dd className="mono">{a.product}</dd>
                  <dt>{t('credit.applications.amount')}</dt>
                  <dd>{formatMoney(Number(a.amount), language)}</dd>
                  <dt>{t('credit.applications.term')}</dt>
                  <dd>{t('credit.applications.months', { count: a.term_months })}</dd>
                  <dt>{t('credit.application.rate')}</dt>
                  <dd>{formatPercent(Number(a.annual_rate), language, 2)}</dd>
                  <dt>{t('credit.application.schedule')}</dt>
                  <dd>{t(`credit.scheduleKinds.${a.schedule_kind}`, { defaultValue: a.schedule_kind })}</dd>
                  <dt>{t('credit.applications.received')}</dt>
                  <dd>{formatDateTime(a.created_at, language)}</dd>
                  <dt>{t('credit.applications.authority')}</dt>
                  <dd>
                    {limit === undefined
                      ? NONE
                      : t(
                          yuanToFen(a.amount) <= limit
                            ? 'credit.application.withinLimit'
                            : 'credit.application.aboveLimit',
                          {
                            limit: formatMoney(fenToYuan(limit), language),
                          },
                        )}
                  </dd>
                </dl>
              </Panel>
              <Panel title={t('credit.application.decision')}>
                <dl className="facts">
                  <dt>{t('credit.application.engineOutcome')}</dt>
                  <dd>
                    {a.engine_outcome
                      ? t(`outcome.${a.engine_outcome}`, { defaultValue: a.engine_outcome })
                      : NONE}
                  </dd>
                  <dt>{t('credit.application.decisionLink')}</dt>
                  <dd className="mono">
                    {a.decision_id ? (
                      <Link to={`/decisions/${encodeURIComponent(a.decision_id)}`}>{a.decision_id}</Link>
                    ) : (
                      NONE
                    )}
                  </dd>
                  <dt>{t('credit.applications.score')}</dt>
                  <dd>
                    {a.score === null ? NONE : formatNumber(a.score, language, { maximumFractionDigits: 1 })}
                  </dd>
                  <dt>{t('credit.applications.pd')}</dt>
                  <dd>{a.probability === null ? NONE : formatPercent(a.probability, language, 2)}</dd>
                  <dt>{t('credit.application.firstApprover')}</dt>
                  <dd className="mono">
                    {a.first_approver ? `${a.first_approver.type}/${a.first_approver.id}` : NONE}
                  </dd>
                  <dt>{t('credit.application.decidedBy')}</dt>
                  <dd className="mono">{a.decided_by ? `${a.decided_by.type}/${a.decided_by.id}` : NONE}</dd>
                  <dt>{t('credit.application.decidedAt')}</dt>
                  <dd>{a.decided_at ? formatDateTime(a.decided_at, language) : NONE}</dd>
                  <dt>{t('credit.application.note')}</dt>
                  <dd>{a.decision_reason ?? NONE}</dd>
                  <dt>{t('credit.application.loan')}</dt>
                  <dd className="mono">
                    {a.loan_id ? (
                      <Link to={`/loans/${encodeURIComponent(a.loan_id)}`}>{a.loan_id}</Link>
                    ) : (
                      NONE
                    )}
                  </dd>
                </dl>
                {a.change_id && a.status === 'awaiting_second_approval' && (
                  <ChangeNotice
                    change={{
                      id: a.change_id,
                      kind: 'loan.approve',
                      status: 'pending',
                      summary: { en: '', zh: '' },
                    }}
                    messageKey="credit.applications.sentToSecond"
                  />
                )}
              </Panel>
            </div>
            {a.decision_id && can('decision:read') && <Reasons decisionId={a.decision_id} />}
            {can('loan:approve') && OPEN_STATUSES.includes(a.status) && (
              <Panel title={t('credit.application.decide')}>
                {error !== undefined && <ErrorNotice error={error} />}
                <form className="inline-form" onSubmit={act}>
                  <label>
                    {t('credit.application.action')}{' '}
                    <select
                      value={action}
                      onChange={(e) => setAction(e.target.value === 'reject' ? 'reject' : 'approve')}
                    >
                      <option value="approve">{t('credit.applications.approve')}</option>
                      <option value="reject">{t('credit.applications.reject')}</option>
                    </select>
                  </label>
                  <input
                    name="note"
                    required={action === 'reject'}
                    maxLength={500}
                    aria-label={t(`credit.applications.${action}Note`)}
                    placeholder={t(`credit.applications.${action}Note`)}
                  />
                  <button type="submit" className="primary">
                    {t(`credit.applications.${action}`)}
                  </button>
                </form>
              </Panel>
            )}
          </>
        );
      }}
    </LoadedView>
  );
}

/** The decision's rule reasons and the scorecard's reason codes (largest shortfall first). */
function Reasons({ decisionId }: { decisionId: string }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const trace = useApiData(`decision:${decisionId}`, (a, signal) =>
    a.get<DecisionReasons>(`/decisions/${encodeURIComponent(decisionId)}`, {}, { signal }),
  );
  return (
    <Panel title={t('credit.application.reasons')}>
      <LoadedView state={trace} isEmpty={() => false} empty={null}>
        {(d) => {
          const models = Object.entries(d.decision.model_reasons ?? {});
          if (d.decision.reasons.length === 0 && models.every(([, r]) => r.length === 0)) {
            return (
              <EmptyState
                title={t('credit.application.noReasons.title')}
                hint={t('credit.application.noReasons.hint')}
              />
            );
          }
          return (
            <>
              {d.decision.reasons.length > 0 && (
                <ul className="compact-list">
                  {d.decision.reasons.map((r) => (
                    <li key={r.rule_id}>
                      <span className="mono">{r.rule_id}</span> {r.text}
                    </li>
                  ))}
                </ul>
              )}
              {models.map(([model, reasons]) => (
                <table
                  key={model}
                  className="table"
                  aria-label={t('credit.application.modelReasons', { model })}
                >
                  <caption>{t('credit.application.modelReasons', { model })}</caption>
                  <thead>
                    <tr>
                      <th>{t('credit.scorecard.variable')}</th>
                      <th className="num">{t('credit.scorecard.points')}</th>
                      <th className="num">{t('credit.application.maxPoints')}</th>
                      <th className="num">{t('credit.application.shortfall')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {reasons.map((r) => (
                      <tr key={r.variable}>
                        <td className="mono">{r.variable}</td>
                        <td className="num">
                          {formatNumber(r.points, language, { maximumFractionDigits: 1 })}
                        </td>
                        <td className="num">
                          {formatNumber(r.max_points, language, { maximumFractionDigits: 1 })}
                        </td>
                        <td className="num">
                          {formatNumber(r.max_points - r.points, language, { maximumFractionDigits: 1 })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </>
          );
        }}
      </LoadedView>
    </Panel>
  );
}
