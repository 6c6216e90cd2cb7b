import { useTranslation } from 'react-i18next';
import type { DecisionTrace } from '../../api/types.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { ResolvedVerdict, ReviewForm } from './review-form.js';

/** One decision in full: outcome, reasons, rule hits with the values they saw, features, models, shadows. */
export default function DecisionTracePage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const id = params['id'] ?? '';
  const trace = useApiData(`decision:${id}`, (api, signal) =>
    api.get<DecisionTrace>(`/decisions/${encodeURIComponent(id)}`, {}, { signal }),
  );
  const num = (n: number | null) =>
    n === null ? '—' : formatNumber(n, language, { maximumFractionDigits: 4 });
  return (
    <LoadedView state={trace} isEmpty={() => false} empty={null}>
      {({ decision, event, shadows, review }) => (
        <div className="trace">
          <Panel title={t('decisions.summary')}>
            <dl className="facts">
              <dt>{t('decisions.outcome')}</dt>
              <dd>
                <span className={`badge outcome-${decision.outcome}`}>
                  {t(`outcome.${decision.outcome}`)}
                </span>
              </dd>
              <dt>{t('decisions.score')}</dt>
              <dd>{num(decision.score)}</dd>
              <dt>{t('decisions.policy')}</dt>
              <dd>
                {decision.policy
                  ? `${decision.policy.id} v${decision.policy.version}`
                  : `${decision.fallback?.reason ?? ''} ${decision.fallback?.message ?? ''}`}
              </dd>
              <dt>{t('decisions.subject')}</dt>
              <dd className="mono">
                {Object.entries(event.subject)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')}
              </dd>
              <dt>{t('decisions.decidedAt')}</dt>
              <dd>{formatDateTime(decision.decided_at, language)}</dd>
              <dt>{t('decisions.latency')}</dt>
              <dd>{formatNumber(decision.latency_ms, language, { maximumFractionDigits: 2 })} ms</dd>
            </dl>
          </Panel>
          {review && (
            <Panel title={t('reviews.panel')}>
              {review.status === 'resolved' ? (
                <ResolvedVerdict review={review} />
              ) : can('review:work') ? (
                <ReviewForm decisionId={review.decision_id} onResolved={() => trace.reload()} />
              ) : (
                <p className="muted">{t('reviews.waiting')}</p>
              )}
            </Panel>
          )}
          <Panel title={t('decisions.reasons')}>
            {decision.reasons.length === 0 ? (
              <EmptyState title={t('decisions.noReasons.title')} hint={t('decisions.noReasons.hint')} />
            ) : (
              <ul className="compact-list">
                {decision.reasons.map((r) => (
                  <li key={r.rule_id}>
                    <span className="badge mono">{r.rule_id}</span>
                    <span className="grow">{r.text}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
          <Panel title={t('decisions.ruleHits')} className="panel-wide">
            {decision.rule_hits.length === 0 ? (
              <p className="muted">{t('decisions.noHits')}</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('decisions.rule')}</th>
                    <th>{t('decisions.action')}</th>
                    <th className="num">{t('decisions.score')}</th>
                    <th>{t('decisions.values')}</th>
                  </tr>
                </thead>
                <tbody>
                  {decision.rule_hits.map((hit) => (
                    <tr key={hit.rule_id}>
                      <td className="mono">{hit.rule_id}</td>
                      <td>{hit.action}</td>
                      <td className="num">{num(hit.score)}</td>
                      <td className="mono small">{JSON.stringify(hit.values)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {decision.rule_errors.map((e) => (
              <p key={e.rule_id} className="error-notice">
                {e.rule_id}: {e.message}
              </p>
            ))}
          </Panel>
          <Panel title={t('decisions.features')}>
            <KeyValues values={{ ...decision.features }} num={num} empty={t('decisions.noFeatures')} />
          </Panel>
          <Panel title={t('decisions.models')}>
            <KeyValues values={{ ...decision.models }} num={num} empty={t('decisions.noModels')} />
          </Panel>
          <Panel title={t('decisions.shadows')}>
            {shadows.length === 0 ? (
              <p className="muted">{t('decisions.noShadows')}</p>
            ) : (
              <ul className="compact-list">
                {shadows.map((s) => (
                  <li key={`${s.policy_id}-${s.policy_version}`}>
                    <span className="mono grow">{`${s.policy_id} v${s.policy_version}`}</span>
                    <span className={`badge outcome-${s.outcome}`}>{t(`outcome.${s.outcome}`)}</span>
                    <span>{t(s.agrees ? 'decisions.agrees' : 'decisions.differs')}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </div>
      )}
    </LoadedView>
  );
}

function KeyValues({
  values,
  num,
  empty,
}: {
  values: Record<string, number | null>;
  num: (n: number | null) => string;
  empty: string;
}) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <dl className="facts">
      {entries.map(([name, value]) => (
        <div key={name} className="fact">
          <dt className="mono">{name}</dt>
          <dd className="num">{num(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
