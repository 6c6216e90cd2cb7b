import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { sparklinePoints } from '../../charts/sparkline.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatKriValue } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { BandBadge, Pager, useTypeName } from './bits.js';
import { PeriodText, SourceText } from './kri-text.js';
import { pageOf } from './paging.js';
import { BANDS, type Evaluation, type Kri, RISK_TYPES } from './types.js';
import './risks.css';

const SPARK_POINTS = 30;

/**
 * The key risk indicators: each with its source, latest value in its unit, band and detector
 * signals, and a sparkline of its recent history; filtered by risk type and status on the server and
 * by band here, a page at a time.
 */
export default function KrisPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { search } = useLocation();
  const type = search.get('type') ?? '';
  const band = search.get('band') ?? '';
  const status = search.get('status') === 'retired' ? 'retired' : 'active';
  const typeName = useTypeName();
  const kris = useApiData(`kris:${type}:${status}`, (api, signal) =>
    api.get<{ items: Kri[] }>('/kris', { risk_type: type || undefined, status }, { signal }),
  );
  const matching = (kris.data?.items ?? []).filter((k) => !band || (k.latest?.band ?? '') === band);
  const { rows, page, pages } = pageOf(matching, Number(search.get('page') ?? 1));
  const ids = rows.map((k) => k.id);
  const history = useApiData(`kri-sparks:${ids.join(',')}`, async (api, signal) => {
    const entries = await Promise.all(
      ids.map(async (id) => {
        const answer = await api.get<{ points: Evaluation[] }>(
          `/kris/${encodeURIComponent(id)}/history`,
          { limit: SPARK_POINTS },
          { signal },
        );
        return [id, answer.points.map((p) => p.value)] as const;
      }),
    );
    return new Map(entries);
  });

  const go = (changes: Record<string, string>) => {
    const params = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) params.set(k, v);
      else params.delete(k);
    }
    navigate(`/kris${params.size ? `?${params}` : ''}`);
  };
  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    go({ type: value('type'), band: value('band'), status: value('status'), page: '' });
  };

  return (
    <Panel title={t('risks.kris.title')} className="risks">
      <form className="filters" onSubmit={filter} aria-label={t('risks.register.filters')}>
        <label>
          {t('risks.fields.type')}
          <select name="type" defaultValue={type}>
            <option value="">{t('common.any')}</option>
            {RISK_TYPES.map((c) => (
              <option key={c} value={c}>
                {t(`risks.types.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('risks.kris.band')}
          <select name="band" defaultValue={band}>
            <option value="">{t('common.any')}</option>
            {BANDS.map((b) => (
              <option key={b} value={b}>
                {t(`band.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('risks.fields.status')}
          <select name="status" defaultValue={status}>
            <option value="active">{t('risks.status.active')}</option>
            <option value="retired">{t('risks.status.retired')}</option>
          </select>
        </label>
        <button type="submit">{t('risks.register.filter')}</button>
      </form>
      <LoadedView
        state={kris}
        isEmpty={() => matching.length === 0}
        empty={<EmptyState title={t('risks.kris.empty.title')} hint={t('risks.kris.empty.hint')} />}
      >
        {() => (
          <>
            <p className="muted small">{t('risks.kris.count', { count: matching.length })}</p>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('risks.kris.name')}</th>
                  <th>{t('risks.fields.type')}</th>
                  <th>{t('risks.kri.source')}</th>
                  <th className="num">{t('risks.kris.value')}</th>
                  <th>{t('risks.kris.band')}</th>
                  <th>{t('risks.kris.lastPeriod')}</th>
                  <th>{t('risks.kris.signals')}</th>
                  <th>{t('risks.kris.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((k) => {
                  const line = sparklinePoints(history.data?.get(k.id) ?? [], 100, 22);
                  return (
                    <tr key={k.id}>
                      <td>
                        <Link to={`/kris/${encodeURIComponent(k.id)}`} title={k.id}>
                          {k.name[language]}
                        </Link>
                      </td>
                      <td>{typeName(k.risk_type)}</td>
                      <td>
                        <SourceText kri={k} brief />
                      </td>
                      <td className="num">
                        {k.latest?.value === null || k.latest?.value === undefined
                          ? t('common.noData')
                          : formatKriValue(k.latest.value, k.unit, language)}
                      </td>
                      <td>
                        <BandBadge band={k.latest?.band} />
                      </td>
                      <td>{k.latest ? <PeriodText kri={k} start={k.latest.period_start} /> : '—'}</td>
                      <td className="mono small">{k.latest?.signals.join(', ') || '—'}</td>
                      <td>
                        <svg
                          className="sparkline"
                          viewBox="0 0 100 22"
                          width="100"
                          height="22"
                          aria-hidden="true"
                        >
                          {line && <polyline points={line} fill="none" stroke="#37474f" strokeWidth="1.5" />}
                        </svg>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager page={page} pages={pages} go={(p) => go({ page: String(p) })} />
          </>
        )}
      </LoadedView>
    </Panel>
  );
}
