import { useTranslation } from 'react-i18next';
import type { Items, KriPoint, KriView } from '../../api/types.js';
import { BAND_COLOURS } from '../../charts/palette.js';
import { sparklinePoints } from '../../charts/sparkline.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatKriValue } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';

const HISTORY_POINTS = 30;

/**
 * One tile per active KRI: its latest value in its unit, its band (colour and word) and a sparkline
 * of its recent history. Histories load after the tiles, so the values show at once.
 */
export function KriTiles() {
  const { t } = useTranslation();
  const kris = useApiData(
    'kris',
    (api, signal) => api.get<Items<KriView>>('/kris', { status: 'active' }, { signal }),
    60_000,
  );
  const ids = (kris.data?.items ?? []).map((k) => k.id);
  const history = useApiData(`kri-history:${ids.join(',')}`, async (api, signal) => {
    const entries = await Promise.all(
      ids.map(async (id) => {
        const answer = await api.get<{ points: KriPoint[] }>(
          `/kris/${encodeURIComponent(id)}/history`,
          { limit: HISTORY_POINTS },
          { signal },
        );
        return [id, answer.points] as const;
      }),
    );
    return new Map(entries);
  });
  return (
    <Panel title={t('overview.kris.title')} className="panel-wide">
      <LoadedView
        state={kris}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState title={t('overview.kris.empty.title')} hint={t('overview.kris.empty.hint')} />}
      >
        {(data) => (
          <ul className="kri-tiles">
            {data.items.map((kri) => (
              <KriTile key={kri.id} kri={kri} points={history.data?.get(kri.id)} />
            ))}
          </ul>
        )}
      </LoadedView>
    </Panel>
  );
}

function KriTile({ kri, points }: { kri: KriView; points: readonly KriPoint[] | undefined }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const latest = kri.latest;
  const band = latest?.band;
  const value =
    latest?.value === null || latest?.value === undefined
      ? t('common.noData')
      : formatKriValue(latest.value, kri.unit, language);
  const line = points
    ? sparklinePoints(
        points.map((p) => p.value),
        120,
        24,
      )
    : '';
  return (
    <li className="kri-tile" style={{ borderLeftColor: band ? BAND_COLOURS[band] : '#9e9e9e' }}>
      <span className="kri-name" title={kri.id}>
        {kri.name[language]}
      </span>
      <span className="kri-value">{value}</span>
      <span className={`band band-${band ?? 'none'}`}>{band ? t(`band.${band}`) : t('band.none')}</span>
      <svg className="sparkline" viewBox="0 0 120 24" width="120" height="24" aria-hidden="true">
        {line && <polyline points={line} fill="none" stroke="#37474f" strokeWidth="1.5" />}
      </svg>
    </li>
  );
}
