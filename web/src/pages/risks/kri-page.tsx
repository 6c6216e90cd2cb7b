import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatKriValue, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { BandBadge, OwnerName, Pager, useTypeName } from './bits.js';
import { KriActions } from './kri-actions.js';
import { kriChartOption } from './kri-chart.js';
import { PeriodText, SourceText } from './kri-text.js';
import { KriThresholds } from './kri-thresholds.js';
import { pageOf } from './paging.js';
import { periodLabel } from './period-label.js';
import type { History } from './types.js';
import './risks.css';

const HISTORY_LIMIT = 500;

/**
 * One KRI: what it measures and where from, its history as a chart (values over the threshold bands,
 * detector signals marked) and as a paged table, its thresholds and detectors, its open alerts, and
 * for people with kri:write pushing a value, evaluating a period and changing the thresholds.
 */
export default function KriPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const id = params['id'] ?? '';
  const history = useApiData(`kri:${id}`, (api, signal) =>
    api.get<History>(`/kris/${encodeURIComponent(id)}/history`, { limit: HISTORY_LIMIT }, { signal }),
  );
  const alerts = useApiData(
    `kri-alerts:${id}:${history.data?.kri.version ?? 0}:${history.data?.points.length}`,
    (api, signal) =>
      can('alert:read')
        ? api.get<{ items: AlertView[] }>(
            '/alerts',
            { key: `kri:${id}`, status: 'open', limit: 5 },
            { signal },
          )
        : Promise.resolve({ items: [] }),
  );
  const typeName = useTypeName();

  return (
    <LoadedView state={history} isEmpty={() => false} empty={null}>
      {({ kri, points }) => (
        <div className="trace risks">
          <Panel
            title={kri.name[language]}
            className="panel-wide"
            actions={<Link to="/kris">{t('risks.kri.back')}</Link>}
          >
            <p>{kri.description[language]}</p>
            <dl className="facts kri-facts">
              <dt>{t('risks.kri.id')}</dt>
              <dd className="mono">{kri.id}</dd>
              <dt>{t('risks.fields.type')}</dt>
              <dd>{typeName(kri.risk_type)}</dd>
              <dt>{t('risks.fields.owner')}</dt>
              <dd>
                <OwnerName owner={kri.owner} />
              </dd>
              <dt>{t('risks.kri.source')}</dt>
              <dd>
                <SourceText kri={kri} />
              </dd>
              <dt>{t('risks.kri.frequency')}</dt>
              <dd>{t(`risks.kri.frequencies.${kri.frequency}`)}</dd>
              <dt>{t('risks.kris.value')}</dt>
              <dd>
                {kri.latest?.value === null || kri.latest?.value === undefined
                  ? t('common.noData')
                  : formatKriValue(kri.latest.value, kri.unit, language)}{' '}
                <BandBadge band={kri.latest?.band} />
              </dd>
              <dt>{t('risks.kris.lastPeriod')}</dt>
              <dd>{kri.latest ? <PeriodText kri={kri} start={kri.latest.period_start} /> : '—'}</dd>
            </dl>
          </Panel>
          <Panel title={t('risks.kri.chart.title')} className="panel-wide">
            {points.length === 0 ? (
              <EmptyState
                title={t('risks.kri.history.empty.title')}
                hint={t('risks.kri.history.empty.hint')}
              />
            ) : (
              <HistoryChart data={{ kri, points }} />
            )}
          </Panel>
          <KriThresholds kri={kri} onChange={history.reload} />
          {can('kri:write') && <KriActions kri={kri} onChange={history.reload} />}
          {can('alert:read') && (
            <Panel title={t('risks.kri.alerts.title')}>
              <LoadedView
                state={alerts}
                isEmpty={(d) => d.items.length === 0}
                empty={<p className="muted">{t('risks.kri.alerts.none')}</p>}
              >
                {(d) => (
                  <ul className="compact-list">
                    {d.items.map((a) => (
                      <li key={a.id}>
                        <span className={`badge severity-${a.severity}`}>{t(`severity.${a.severity}`)}</span>
                        <span className="grow">{a.title[language]}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </LoadedView>
              <Link to="/alerts">{t('risks.kri.alerts.all')}</Link>
            </Panel>
          )}
          <HistoryTable data={{ kri, points }} />
        </div>
      )}
    </LoadedView>
  );
}

function HistoryChart({ data }: { data: History }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { kri, points } = data;
  const option = useMemo(
    () =>
      kriChartOption(points, kri, {
        value: t('risks.kri.chart.value'),
        signal: t('risks.kri.chart.signal'),
        bands: { green: t('band.green'), amber: t('band.amber'), red: t('band.red') },
        period: (iso) => periodLabel(kri.frequency, iso, language),
        format: (v) => formatKriValue(v, kri.unit, language),
        signals: (methods) => t('risks.kri.evaluated.signals', { methods: methods.join(', ') }),
      }),
    [points, kri, t, language],
  );
  const count = (band: string) => points.filter((p) => p.band === band).length;
  const signalled = points.filter((p) => p.signals.length > 0).length;
  return (
    <>
      <Chart
        option={option}
        label={t('risks.kri.chart.label', { name: kri.name[language], count: points.length })}
        height={280}
      />
      <p className="muted small">
        {t('risks.kri.chart.caption', {
          count: points.length,
          green: count('green'),
          amber: count('amber'),
          red: count('red'),
          signals: signalled,
        })}
      </p>
    </>
  );
}

function HistoryTable({ data }: { data: History }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const [page, setPage] = useState(1);
  const { kri, points } = data;
  const newestFirst = useMemo(() => [...points].reverse(), [points]);
  const shown = pageOf(newestFirst, page);
  return (
    <Panel title={t('risks.kri.history.title')} className="panel-wide">
      {points.length === 0 ? (
        <EmptyState title={t('risks.kri.history.empty.title')} hint={t('risks.kri.history.empty.hint')} />
      ) : (
        <>
          <table className="table history-table">
            <thead>
              <tr>
                <th>{t('risks.kri.history.period')}</th>
                <th className="num">{t('risks.kri.chart.value')}</th>
                <th>{t('risks.kris.band')}</th>
                <th>{t('risks.kri.history.signals')}</th>
                <th>{t('risks.kri.history.evaluatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((p) => (
                <tr key={p.period_start}>
                  <td>
                    <PeriodText kri={kri} start={p.period_start} />
                  </td>
                  <td className="num">
                    {p.value === null ? t('common.noData') : formatKriValue(p.value, p.unit, language)}
                  </td>
                  <td>
                    <BandBadge band={p.band} />
                  </td>
                  <td className="mono small">
                    {p.detectors.length === 0
                      ? '—'
                      : p.detectors.map((d) => (
                          <span key={d.method} className={d.signal ? 'signal' : undefined}>
                            {d.method} {formatNumber(d.statistic, language, { maximumFractionDigits: 2 })}
                            {d.signal && ` · ${t('risks.kri.history.signal')}`}{' '}
                          </span>
                        ))}
                  </td>
                  <td>{formatDateTime(p.evaluated_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={shown.page} pages={shown.pages} go={setPage} />
        </>
      )}
    </Panel>
  );
}
