import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeatmapView } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { heatmapOption } from '../../charts/chart-options.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';

/** The register's risks on the 5 × 5 likelihood–impact matrix, by residual grade. */
export function RiskHeatmap() {
  const { t } = useTranslation();
  const heatmap = useApiData('heatmap', (api, signal) =>
    api.get<HeatmapView>('/risks/heatmap', { basis: 'residual' }, { signal }),
  );
  return (
    <Panel title={t('overview.heatmap.title')}>
      <LoadedView
        state={heatmap}
        isEmpty={(d) => d.total === 0}
        empty={
          <EmptyState title={t('overview.heatmap.empty.title')} hint={t('overview.heatmap.empty.hint')} />
        }
      >
        {(data) => <HeatmapChart data={data} />}
      </LoadedView>
    </Panel>
  );
}

function HeatmapChart({ data }: { data: HeatmapView }) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language.
  const option = useMemo(
    () =>
      heatmapOption(data, {
        likelihood: t('overview.heatmap.likelihood'),
        impact: t('overview.heatmap.impact'),
        cell: (count, grade) => t('overview.heatmap.cell', { count, grade }),
      }),
    [data, t, i18n.language],
  );
  return (
    <>
      <Chart option={option} label={t('overview.heatmap.label', { count: data.total })} height={220} />
      <p className="muted small">{t('overview.heatmap.caption', { count: data.total })}</p>
    </>
  );
}
