import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../charts/chart.js';
import { heatmapOption } from '../../charts/chart-options.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import type { HeatMap } from './types.js';

type Basis = HeatMap['basis'];
const BASES: readonly Basis[] = ['residual', 'inherent'];

/**
 * The register's active risks on the 5 × 5 likelihood–impact matrix, before (inherent) or after
 * (residual) their controls, with the count per level beside it as the chart's text equivalent.
 */
export function RegisterHeatmap({ basis, onBasis }: { basis: Basis; onBasis: (basis: Basis) => void }) {
  const { t } = useTranslation();
  const heatmap = useApiData(`risks-heatmap:${basis}`, (api, signal) =>
    api.get<HeatMap>('/risks/heatmap', { basis }, { signal }),
  );
  return (
    <Panel
      title={t('risks.heatmap.title')}
      actions={
        <fieldset className="tabs">
          <legend className="visually-hidden">{t('risks.heatmap.basis')}</legend>
          {BASES.map((b) => (
            <button key={b} type="button" aria-pressed={b === basis} onClick={() => onBasis(b)}>
              {t(`risks.heatmap.${b}`)}
            </button>
          ))}
        </fieldset>
      }
    >
      <LoadedView
        state={heatmap}
        isEmpty={(d) => d.total === 0}
        empty={<EmptyState title={t('risks.heatmap.empty.title')} hint={t('risks.heatmap.empty.hint')} />}
      >
        {(data) => <HeatmapBody data={data} />}
      </LoadedView>
    </Panel>
  );
}

function HeatmapBody({ data }: { data: HeatMap }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels change with the language.
  const option = useMemo(
    () =>
      heatmapOption(data, {
        likelihood: t('risks.heatmap.likelihood'),
        impact: t('risks.heatmap.impact'),
        cell: (count, grade) => t('risks.heatmap.cell', { count, grade }),
      }),
    [data, t, i18n.language],
  );
  return (
    <div className="risk-heatmap">
      <Chart
        option={option}
        label={t('risks.heatmap.label', { count: data.total, basis: t(`risks.heatmap.${data.basis}`) })}
        height={240}
      />
      <table className="table levels-table">
        <caption className="muted small">{t('risks.heatmap.caption', { count: data.total })}</caption>
        <thead>
          <tr>
            <th>{t('risks.heatmap.level')}</th>
            <th>{t('risks.heatmap.grades')}</th>
            <th className="num">{t('risks.heatmap.risks')}</th>
          </tr>
        </thead>
        <tbody>
          {[...data.levels].reverse().map((l) => (
            <tr key={l.level}>
              <td>
                <span className={`badge severity-${l.level}`}>{t(`severity.${l.level}`)}</span>
              </td>
              <td className="mono">
                {l.min_grade}–{l.max_grade}
              </td>
              <td className="num">{formatNumber(l.count, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
