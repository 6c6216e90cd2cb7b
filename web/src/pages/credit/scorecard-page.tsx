import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../charts/chart.js';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format.js';
import { type Language, languageOf } from '../../i18n/language.js';
import { navigate, useLocation } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import {
  badRateOption,
  bandLabel,
  csiOption,
  ivOption,
  ksOption,
  psiOption,
  rocOption,
} from './credit-charts.js';
import {
  binRows,
  csiSummary,
  ivStrength,
  MONITORING_WEEKS,
  monitoringRange,
  pointsRange,
  shortChecksum,
} from './credit-logic.js';
import { ChangeNotice, NONE, ScrollBox } from './credit-ui.js';
import type {
  ChangeView,
  Monitoring,
  ScorecardDetail,
  ScorecardDocument,
  Stability,
  StoredReport,
  VersionView,
} from './types.js';
import './credit.css';

const num = (v: number | null | undefined, language: Language, digits = 3) =>
  v === null || v === undefined
    ? NONE
    : formatNumber(v, language, { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * A stability figure with its verdict as a coloured badge (the colour is never the only cue); on a
 * window with too few scores the verdict gives way to saying so, since the index is then noise.
 */
function StabilityBadge({ value, small = false }: { value: Stability | null; small?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!value) return <>{NONE}</>;
  if (small)
    return (
      <>
        {num(value.index, languageOf(i18n))}{' '}
        <span className="badge credit-neutral">{t('credit.scorecard.smallSample')}</span>
      </>
    );
  const tone =
    value.verdict === 'stable' ? 'credit-ok' : value.verdict === 'watch' ? 'credit-warn' : 'credit-bad';
  return (
    <>
      {num(value.index, languageOf(i18n))}{' '}
      <span className={`badge ${tone}`}>
        {t(`credit.scorecard.verdicts.${value.verdict}`, { defaultValue: value.verdict })}
      </span>
    </>
  );
}

/**
 * One scorecard: its versions and which is live (publish / roll back through four eyes for those who
 * may), the selected version's figures, IV per variable, bins with WOE and points, the ROC and KS
 * curves when the version's validation report holds them, and the drift and bad-rate monitoring.
 */
export default function ScorecardPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const name = params['name'] ?? '';
  const { search } = useLocation();
  const detail = useApiData(`scorecard:${name}`, (api, signal) =>
    api.get<ScorecardDetail>(`/scorecards/${encodeURIComponent(name)}`, {}, { signal }),
  );
  const asked = Number(search.get('version'));
  const chosen =
    Number.isInteger(asked) && asked > 0
      ? asked
      : (detail.data?.published_version ?? detail.data?.latest_version ?? undefined);

  return (
    <LoadedView state={detail} isEmpty={() => false} empty={null}>
      {(card) => (
        <>
          <Versions card={card} chosen={chosen} reload={detail.reload} canWrite={can('scorecard:write')} />
          {chosen !== undefined && <VersionPanels name={name} version={chosen} language={language} />}
          {card.published_version !== null && <MonitoringPanels name={name} language={language} />}
          {card.published_version === null && (
            <Panel title={t('credit.scorecard.monitoring')}>
              <EmptyState
                title={t('credit.scorecard.noPublished.title')}
                hint={t('credit.scorecard.noPublished.hint')}
              />
            </Panel>
          )}
        </>
      )}
    </LoadedView>
  );
}

type Pending = { kind: 'publish'; version: number } | { kind: 'rollback' };

/** The versions table with the publish and roll-back actions; the server answers with a change. */
function Versions({
  card,
  chosen,
  reload,
  canWrite,
}: {
  card: ScorecardDetail;
  chosen: number | undefined;
  reload: () => void;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [change, setChange] = useState<ChangeView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const path = `/scorecards/${encodeURIComponent(card.name)}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!pending) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setError(undefined);
    const request =
      pending.kind === 'publish'
        ? api.post<ChangeView>(`${path}/publish`, { version: pending.version, reason })
        : api.post<ChangeView>(`${path}/rollback`, { reason });
    request
      .then((answer) => {
        setChange(answer);
        setPending(undefined);
        reload();
      })
      .catch(setError);
  };

  const form = pending && (
    <form className="inline-form" onSubmit={submit} aria-label={t(`credit.scorecard.${pending.kind}`)}>
      <input
        name="reason"
        required
        maxLength={2000}
        aria-label={t('credit.scorecard.reason')}
        placeholder={t('credit.scorecard.reason')}
      />
      <button type="submit" className="primary">
        {pending.kind === 'publish'
          ? t('credit.scorecard.publishVersion', { version: pending.version })
          : t('credit.scorecard.rollbackTo', { version: card.previous_version })}
      </button>
      <button type="button" onClick={() => setPending(undefined)}>
        {t('common.cancel')}
      </button>
    </form>
  );

  return (
    <Panel
      title={t('credit.scorecard.versions')}
      actions={
        canWrite &&
        card.previous_version !== null &&
        !pending && (
          <button type="button" onClick={() => setPending({ kind: 'rollback' })}>
            {t('credit.scorecard.rollback')}
          </button>
        )
      }
    >
      <dl className="credit-figures">
        <div>
          <dt>{t('credit.scorecards.name')}</dt>
          <dd className="mono">{card.name}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecards.published')}</dt>
          <dd>{card.published_version ?? NONE}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecards.previous')}</dt>
          <dd>{card.previous_version ?? NONE}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecards.updated')}</dt>
          <dd>{formatDateTime(card.updated_at, language)}</dd>
        </div>
      </dl>
      {change && <ChangeNotice change={change} messageKey="credit.scorecard.changeSubmitted" />}
      {error !== undefined && <ErrorNotice error={error} />}
      {form}
      <table className="table">
        <thead>
          <tr>
            <th className="num">{t('credit.scorecard.version')}</th>
            <th>{t('credit.scorecard.checksum')}</th>
            <th>{t('credit.scorecard.createdBy')}</th>
            <th>{t('credit.scorecard.createdAt')}</th>
            <th>{t('credit.scorecard.state')}</th>
            <th>{t('credit.scorecard.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {[...card.versions].reverse().map((v) => (
            <tr key={v.version}>
              <td className="num">{v.version}</td>
              <td className="mono" title={v.checksum}>
                {shortChecksum(v.checksum)}
              </td>
              <td className="mono">
                {v.created_by_type}/{v.created_by_id}
              </td>
              <td>{formatDateTime(v.created_at, language)}</td>
              <td>
                {v.version === card.published_version && (
                  <span className="badge credit-ok">{t('credit.scorecard.live')}</span>
                )}
                {v.version === card.previous_version && (
                  <span className="badge">{t('credit.scorecard.previousBadge')}</span>
                )}
              </td>
              <td className="credit-actions">
                {v.version === chosen ? (
                  <span className="muted">{t('credit.scorecard.shown')}</span>
                ) : (
                  <button type="button" onClick={() => navigate(`${path}?version=${v.version}`)}>
                    {t('credit.scorecard.show')}
                  </button>
                )}
                {canWrite && v.version !== card.published_version && !pending && (
                  <button type="button" onClick={() => setPending({ kind: 'publish', version: v.version })}>
                    {t('credit.scorecard.publish')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** The figures of one version: training, IV, bins, and the validation curves when stored. */
function VersionPanels({ name, version, language }: { name: string; version: number; language: Language }) {
  const doc = useApiData(`scorecard:${name}:${version}`, (api, signal) =>
    api.get<VersionView>(`/scorecards/${encodeURIComponent(name)}/versions/${version}`, {}, { signal }),
  );
  return (
    <LoadedView state={doc} isEmpty={() => false} empty={null}>
      {(v) => (
        <>
          <div className="credit-grid">
            <Training card={v.card} version={v.version} language={language} />
            <IvPanel card={v.card} language={language} />
          </div>
          <BinsPanel card={v.card} language={language} />
          <ValidationPanel card={v.card} report={v.report as StoredReport | null} language={language} />
        </>
      )}
    </LoadedView>
  );
}

function Training({
  card,
  version,
  language,
}: {
  card: ScorecardDocument;
  version: number;
  language: Language;
}) {
  const { t } = useTranslation();
  const tr = card.training ?? {};
  const gini = tr.auc === undefined ? undefined : 2 * tr.auc - 1;
  return (
    <Panel title={t('credit.scorecard.training', { version })}>
      <dl className="credit-figures">
        <div>
          <dt>{t('credit.scorecard.auc')}</dt>
          <dd>{num(tr.auc, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.ks')}</dt>
          <dd>{num(tr.ks, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.gini')}</dt>
          <dd>{num(gini, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.rows')}</dt>
          <dd>{tr.rows === undefined ? NONE : formatNumber(tr.rows, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.badRate')}</dt>
          <dd>{tr.rows && tr.bads !== undefined ? formatPercent(tr.bads / tr.rows, language, 2) : NONE}</dd>
        </div>
      </dl>
      <dl className="facts">
        <dt>{t('credit.scorecard.checksum')}</dt>
        <dd className="mono">{shortChecksum(card.checksum)}</dd>
        <dt>{t('credit.scorecard.method')}</dt>
        <dd className="mono">{tr.method ?? NONE}</dd>
        <dt>{t('credit.scorecard.target')}</dt>
        <dd>{tr.target ?? NONE}</dd>
        <dt>{t('credit.scorecard.trainedAt')}</dt>
        <dd>{tr.trained_at ? formatDateTime(tr.trained_at, language) : NONE}</dd>
        <dt>{t('credit.scorecard.scaling')}</dt>
        <dd>
          {card.scaling
            ? t('credit.scorecard.scalingText', {
                score: card.scaling.base_score,
                odds: card.scaling.base_odds,
                pdo: card.scaling.pdo,
              })
            : NONE}
        </dd>
        <dt>{t('credit.scorecard.variables')}</dt>
        <dd>{card.variables.length}</dd>
      </dl>
    </Panel>
  );
}

function IvPanel({ card, language }: { card: ScorecardDocument; language: Language }) {
  const { t } = useTranslation();
  const iv = card.training?.iv;
  const option = useMemo(() => (iv ? ivOption(iv, { iv: t('credit.scorecard.iv') }) : undefined), [iv, t]);
  return (
    <Panel title={t('credit.scorecard.ivTitle')}>
      {iv && option ? (
        <>
          <Chart option={option} label={t('credit.scorecard.ivChart')} height={300} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('credit.scorecard.variable')}</th>
                <th className="num">{t('credit.scorecard.iv')}</th>
                <th>{t('credit.scorecard.strength')}</th>
                <th className="num">{t('credit.scorecard.pointsRange')}</th>
              </tr>
            </thead>
            <tbody>
              {card.variables
                .map((v) => ({ v, value: iv[v.name] }))
                .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
                .map(({ v, value }) => {
                  const [lo, hi] = pointsRange(v);
                  return (
                    <tr key={v.name}>
                      <td className="mono">{v.name}</td>
                      <td className="num">{num(value, language)}</td>
                      <td>
                        {value === undefined ? NONE : t(`credit.scorecard.strengths.${ivStrength(value)}`)}
                      </td>
                      <td className="num">
                        {formatNumber(lo, language, { maximumFractionDigits: 1 })} …{' '}
                        {formatNumber(hi, language, { maximumFractionDigits: 1 })}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </>
      ) : (
        <EmptyState title={t('credit.scorecard.noIv.title')} hint={t('credit.scorecard.noIv.hint')} />
      )}
    </Panel>
  );
}

function BinsPanel({ card, language }: { card: ScorecardDocument; language: Language }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(card.variables[0]?.name ?? '');
  const variable = card.variables.find((v) => v.name === selected) ?? card.variables[0];
  if (!variable) return null;
  const rows = binRows(variable);
  const label = (r: (typeof rows)[number]) =>
    r.kind === 'missing'
      ? t('credit.scorecard.binMissing')
      : r.kind === 'else'
        ? t('credit.scorecard.binElse')
        : r.kind === 'special'
          ? t('credit.scorecard.binSpecial', { value: r.label })
          : r.label;
  return (
    <Panel
      title={t('credit.scorecard.bins')}
      actions={
        <label className="credit-actions">
          {t('credit.scorecard.variable')}
          <select
            value={variable.name}
            onChange={(e) => setSelected(e.target.value)}
            aria-label={t('credit.scorecard.variable')}
          >
            {card.variables.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <p className="muted">
        {t('credit.scorecard.binsHint', {
          input: variable.input,
          type: t(`credit.scorecard.types.${variable.type}`),
        })}
      </p>
      <ScrollBox label={t('credit.scorecard.bins')}>
        <table className="table" aria-label={t('credit.scorecard.binsOf', { name: variable.name })}>
          <thead>
            <tr>
              <th>{t('credit.scorecard.bin')}</th>
              <th className="num">{t('credit.scorecard.count')}</th>
              <th className="num">{t('credit.scorecard.share')}</th>
              <th className="num">{t('credit.scorecard.badRate')}</th>
              <th className="num">{t('credit.scorecard.woe')}</th>
              <th className="num">{t('credit.scorecard.points')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.label}`}>
                <td className={r.kind === 'bin' ? 'mono' : undefined}>{label(r)}</td>
                <td className="num">{r.count === null ? NONE : formatNumber(r.count, language)}</td>
                <td className="num">{r.share === null ? NONE : formatPercent(r.share, language)}</td>
                <td className="num">{r.badRate === null ? NONE : formatPercent(r.badRate, language, 2)}</td>
                <td className="num">{num(r.woe, language, 4)}</td>
                <td className="num">{num(r.points, language, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </Panel>
  );
}

function ValidationPanel({
  card,
  report,
  language,
}: {
  card: ScorecardDocument;
  report: StoredReport | null;
  language: Language;
}) {
  const { t } = useTranslation();
  const table = report?.validation?.ks?.table;
  const options = useMemo(
    () =>
      table && table.length > 0
        ? {
            roc: rocOption(table, {
              roc: t('credit.scorecard.roc'),
              chance: t('credit.scorecard.chance'),
              fpr: t('credit.scorecard.fpr'),
              tpr: t('credit.scorecard.tpr'),
            }),
            ks: ksOption(table, {
              bads: t('credit.scorecard.cumBads'),
              goods: t('credit.scorecard.cumGoods'),
              gap: t('credit.scorecard.ks'),
              part: (n) => t('credit.scorecard.part', { n }),
            }),
          }
        : undefined,
    [table, t],
  );
  const auc = report?.validation?.auc ?? card.training?.auc;
  const ks = report?.validation?.ks?.ks ?? card.training?.ks;
  return (
    <Panel title={t('credit.scorecard.validation')}>
      <dl className="credit-figures">
        <div>
          <dt>{t('credit.scorecard.auc')}</dt>
          <dd>{num(auc, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.ks')}</dt>
          <dd>{num(ks, language)}</dd>
        </div>
        <div>
          <dt>{t('credit.scorecard.gini')}</dt>
          <dd>{num(auc === undefined ? undefined : 2 * auc - 1, language)}</dd>
        </div>
      </dl>
      {options && table ? (
        <>
          <div className="credit-grid">
            <div>
              <h3>{t('credit.scorecard.rocTitle')}</h3>
              <Chart option={options.roc} label={t('credit.scorecard.rocChart')} height={280} />
            </div>
            <div>
              <h3>{t('credit.scorecard.ksTitle')}</h3>
              <Chart option={options.ks} label={t('credit.scorecard.ksChart')} height={280} />
            </div>
          </div>
          <table className="table">
            <thead>
              <tr>
                <th>{t('credit.scorecard.partColumn')}</th>
                <th className="num">{t('credit.scorecard.scoreRange')}</th>
                <th className="num">{t('credit.scorecard.count')}</th>
                <th className="num">{t('credit.scorecard.badRate')}</th>
                <th className="num">{t('credit.scorecard.cumBads')}</th>
                <th className="num">{t('credit.scorecard.cumGoods')}</th>
                <th className="num">{t('credit.scorecard.ks')}</th>
              </tr>
            </thead>
            <tbody>
              {table.map((r, i) => (
                <tr key={`${r.scoreMin}-${r.scoreMax}`}>
                  <td>{t('credit.scorecard.part', { n: i + 1 })}</td>
                  <td className="num">
                    {formatNumber(r.scoreMin, language, { maximumFractionDigits: 0 })}–
                    {formatNumber(r.scoreMax, language, { maximumFractionDigits: 0 })}
                  </td>
                  <td className="num">{formatNumber(r.count, language)}</td>
                  <td className="num">{formatPercent(r.badRate, language, 2)}</td>
                  <td className="num">{formatPercent(r.cumBadShare, language)}</td>
                  <td className="num">{formatPercent(r.cumGoodShare, language)}</td>
                  <td className="num">{num(r.ks, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className="notice">{t('credit.scorecard.noCurves')}</p>
      )}
    </Panel>
  );
}

/** A monitoring window by its first day. */
const windowLabel = (iso: string) => iso.slice(0, 10);

/** PSI of the score and CSI per variable per week, and bad rate by score decile. */
function MonitoringPanels({ name, language }: { name: string; language: Language }) {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<number>(52);
  const [now] = useState(() => Date.now());
  const range = monitoringRange(weeks, now);
  const data = useApiData(`monitoring:${name}:${weeks}`, (api, signal) =>
    api.get<Monitoring>(`/scorecards/${encodeURIComponent(name)}/monitoring`, range, { signal }),
  );
  const options = useMemo(() => {
    const m = data.data;
    if (!m) return undefined;
    return {
      psi: psiOption(m.windows, { psi: t('credit.scorecard.psi'), window: windowLabel }),
      csi: csiOption(m.windows, { csi: t('credit.scorecard.csi'), window: windowLabel }),
      bad: badRateOption(m.performance, {
        applications: t('credit.scorecard.applications'),
        badRate: t('credit.scorecard.badRate'),
      }),
    };
  }, [data.data, t]);
  const period = (
    <label className="credit-actions">
      {t('credit.scorecard.period')}
      <select
        value={weeks}
        onChange={(e) => setWeeks(Number(e.target.value))}
        aria-label={t('credit.scorecard.period')}
      >
        {MONITORING_WEEKS.map((w) => (
          <option key={w} value={w}>
            {t('credit.scorecard.weeks', { count: w })}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title={t('credit.scorecard.monitoring')} actions={period}>
      <LoadedView
        state={data}
        isEmpty={(m) => m.windows.every((w) => w.count === 0)}
        empty={
          <EmptyState
            title={t('credit.scorecard.noScores.title')}
            hint={t('credit.scorecard.noScores.hint')}
          />
        }
      >
        {(m) =>
          options && (
            <>
              <p className="muted">{t('credit.scorecard.bandsHint', { version: m.version })}</p>
              {m.windows.some((w) => w.count > 0 && w.small_sample) && (
                <p className="notice">{t('credit.scorecard.smallSampleNote')}</p>
              )}
              <div className="credit-grid">
                <div>
                  <h3>{t('credit.scorecard.psiTitle')}</h3>
                  <Chart option={options.psi} label={t('credit.scorecard.psiChart')} height={260} />
                </div>
                <div>
                  <h3>{t('credit.scorecard.csiTitle')}</h3>
                  <Chart option={options.csi} label={t('credit.scorecard.csiChart')} height={260} />
                </div>
              </div>
              <div className="credit-grid">
                <ScrollBox label={t('credit.scorecard.psiTitle')}>
                  <table className="table" aria-label={t('credit.scorecard.psiTitle')}>
                    <thead>
                      <tr>
                        <th>{t('credit.scorecard.week')}</th>
                        <th className="num">{t('credit.scorecard.scored')}</th>
                        <th className="num">{t('credit.scorecard.meanScore')}</th>
                        <th className="num">{t('credit.scorecard.psi')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.windows
                        .filter((w) => w.count > 0)
                        .map((w) => (
                          <tr key={w.from}>
                            <td>{windowLabel(w.from)}</td>
                            <td className="num">{formatNumber(w.count, language)}</td>
                            <td className="num">{num(w.mean_score, language, 1)}</td>
                            <td className="num">
                              <StabilityBadge value={w.psi} small={w.small_sample} />
                            </td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </ScrollBox>
                <table className="table" aria-label={t('credit.scorecard.csiTitle')}>
                  <thead>
                    <tr>
                      <th>{t('credit.scorecard.variable')}</th>
                      <th className="num">{t('credit.scorecard.latestCsi')}</th>
                      <th className="num">{t('credit.scorecard.maxCsi')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {csiSummary(m.windows).map((c) => (
                      <tr key={c.variable}>
                        <td className="mono">{c.variable}</td>
                        <td className="num">
                          <StabilityBadge value={c.latest} />
                        </td>
                        <td className="num">{num(c.max, language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3>{t('credit.scorecard.badRateTitle')}</h3>
              <div className="credit-grid">
                <Chart option={options.bad} label={t('credit.scorecard.badRateChart')} height={260} />
                <table className="table" aria-label={t('credit.scorecard.badRateTitle')}>
                  <thead>
                    <tr>
                      <th>{t('credit.scorecard.scoreBand')}</th>
                      <th className="num">{t('credit.scorecard.applications')}</th>
                      <th className="num">{t('credit.scorecard.booked')}</th>
                      <th className="num">{t('credit.scorecard.bad')}</th>
                      <th className="num">{t('credit.scorecard.badRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.performance.map((p) => (
                      <tr key={`${p.from}-${p.to}`}>
                        <td className="mono">{bandLabel(p.from, p.to)}</td>
                        <td className="num">{formatNumber(p.applications, language)}</td>
                        <td className="num">{formatNumber(p.booked, language)}</td>
                        <td className="num">{formatNumber(p.bad, language)}</td>
                        <td className="num">
                          {p.bad_rate === null ? NONE : formatPercent(p.bad_rate, language, 2)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {m.performance.every((p) => p.booked === 0) && (
                <p className="muted">{t('credit.scorecard.noBooked')}</p>
              )}
            </>
          )
        }
      </LoadedView>
    </Panel>
  );
}
