import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format.js';
import { type Language, languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { OUTCOMES, transitionMatrix } from './policy-data.js';
import type { BacktestReport, BacktestRun, BacktestSummary } from './types.js';

/**
 * Backtest of the draft over the stored events (labelled by review verdicts and case dispositions),
 * against the active version when there is one: outcome counts of both, the outcome-change table and
 * each rule's hits, precision and recall. Earlier runs can be opened again.
 */
export function BacktestPanel({
  source,
  baseline,
}: {
  source: string;
  baseline: { id: string; version: number } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const [run, setRun] = useState<BacktestRun | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const past = useApiData(`backtests:${run?.id ?? ''}`, (a, signal) =>
    a.get<{ items: BacktestSummary[] }>('/backtests', { limit: 10 }, { signal }),
  );

  const start = () => {
    setError(undefined);
    setBusy(true);
    api
      .post<BacktestRun>('/backtests', { policy: { source }, ...(baseline ? { baseline } : {}) })
      .then(setRun)
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const open = (id: string) => {
    setError(undefined);
    api
      .get<BacktestRun>(`/backtests/${encodeURIComponent(id)}`)
      .then(setRun)
      .catch(setError);
  };

  return (
    <Panel title={t('policies.backtest.title')}>
      <p className="muted small">
        {baseline
          ? t('policies.backtest.against', { id: baseline.id, version: baseline.version })
          : t('policies.backtest.noBaseline')}
      </p>
      <button type="button" className="primary" onClick={start} disabled={busy}>
        {busy ? t('policies.backtest.running') : t('policies.backtest.run')}
      </button>
      {error !== undefined && <ErrorNotice error={error} />}
      {run && <ReportView report={run.report} language={language} />}
      <h3>{t('policies.backtest.past')}</h3>
      <LoadedView
        state={past}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('policies.backtest.noneTitle')} hint={t('policies.backtest.noneHint')} />}
      >
        {(d) => (
          <ul className="compact-list">
            {d.items.map((b) => {
              const req = b.request as
                | {
                    policy?: { id?: string; version?: number };
                    baseline?: { id?: string; version?: number } | null;
                  }
                | undefined;
              const ref = req?.policy;
              const base = req?.baseline;
              return (
                <li key={b.id}>
                  <button type="button" className="link-button" onClick={() => open(b.id)}>
                    {formatDateTime(b.created_at, language)}
                  </button>{' '}
                  <span className="mono small">
                    {b.created_by.id} · {ref?.id ? `${ref.id} v${ref.version}` : t('policies.backtest.draft')}
                    {base?.id
                      ? ` · ${t('policies.backtest.versus', { id: base.id, version: base.version })}`
                      : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </LoadedView>
    </Panel>
  );
}

const ratio = (v: number | null, language: Language) => (v === null ? '—' : formatPercent(v, language));

function ReportView({ report, language }: { report: BacktestReport; language: Language }) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, language);
  const c = report.comparison;
  return (
    <div className="backtest-report">
      <dl className="facts">
        <dt>{t('policies.backtest.events')}</dt>
        <dd>{n(report.events)}</dd>
        <dt>{t('policies.backtest.labelled')}</dt>
        <dd>
          {n(report.labelled)} ({t('policies.backtest.positives', { count: report.positives })})
        </dd>
        <dt>{t('policies.backtest.ruleErrors')}</dt>
        <dd>{n(report.rule_errors)}</dd>
        {c && (
          <>
            <dt>{t('policies.backtest.changed')}</dt>
            <dd>
              {t('policies.backtest.changedValue', {
                changed: c.changed,
                stricter: c.stricter,
                looser: c.looser,
              })}
            </dd>
          </>
        )}
      </dl>
      <table className="table">
        <caption>{t('policies.backtest.outcomes')}</caption>
        <thead>
          <tr>
            <th>{t('policies.backtest.outcome')}</th>
            <th className="num">{t('policies.backtest.draftCol')}</th>
            {c && <th className="num">{t('policies.backtest.activeCol')}</th>}
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((o) => (
            <tr key={o}>
              <td>{t(`outcome.${o}`)}</td>
              <td className="num">{n(report.outcomes[o])}</td>
              {c && <td className="num">{n(c.outcomes[o])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {c && (
        <table className="table transition-table">
          <caption>{t('policies.backtest.transitions')}</caption>
          <thead>
            <tr>
              <th>{t('policies.backtest.activeToDraft')}</th>
              {OUTCOMES.map((o) => (
                <th key={o} className="num">
                  {t(`outcome.${o}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {transitionMatrix(c).map((row) => (
              <tr key={row[0]?.from}>
                <th scope="row">{t(`outcome.${row[0]?.from ?? 'approve'}`)}</th>
                {row.map((cell) => (
                  <td key={cell.to} className={`num ${cell.changed && cell.count > 0 ? 'cell-changed' : ''}`}>
                    {n(cell.count)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="table">
        <caption>{t('policies.backtest.rules')}</caption>
        <thead>
          <tr>
            <th>{t('policies.backtest.rule')}</th>
            <th className="num">{t('policies.backtest.hits')}</th>
            <th className="num">{t('policies.backtest.hitRate')}</th>
            <th className="num">{t('policies.backtest.precision')}</th>
            <th className="num">{t('policies.backtest.recall')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rules.map((r) => (
            <tr key={r.rule_id}>
              <td className="mono">{r.rule_id}</td>
              <td className="num">{n(r.hits)}</td>
              <td className="num">{formatPercent(r.hit_rate, language, 2)}</td>
              <td className="num">{ratio(r.precision, language)}</td>
              <td className="num">{ratio(r.recall, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
