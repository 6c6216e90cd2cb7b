import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionSummary, Outcome } from '../../api/types.js';
import { Chart } from '../../charts/chart.js';
import { volumeOption } from '../../charts/chart-options.js';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatNumber, formatPercent, formatTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { decisionVolume } from './decision-volume.js';

const MINUTE = 60_000;
const WINDOW_MINUTES = 30;
const LIMIT = 500;
const POLL_MS = 5_000;
const OUTCOMES: readonly Outcome[] = ['approve', 'review', 'reject'];

/**
 * Decisions of the last 30 minutes per minute and outcome, with the outcome rates, polled every
 * five seconds. At most the latest 500 decisions are counted, and the panel says so when it hits that.
 */
export function DecisionVolumePanel() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const decisions = useApiData(
    'decision-volume',
    (api, signal) =>
      api.get<{ items: DecisionSummary[] }>(
        '/decisions',
        { from: new Date(Date.now() - WINDOW_MINUTES * MINUTE).toISOString(), limit: LIMIT },
        { signal },
      ),
    POLL_MS,
  );
  const volume = useMemo(
    () => decisionVolume(decisions.data?.items ?? [], Date.now(), MINUTE, WINDOW_MINUTES),
    [decisions.data],
  );
  const option = useMemo(
    () =>
      volumeOption(volume.buckets, {
        outcomes: { approve: t('outcome.approve'), review: t('outcome.review'), reject: t('outcome.reject') },
        time: (ms) => formatTime(ms, language),
      }),
    [volume, t, language],
  );
  return (
    <Panel title={t('overview.decisions.title', { minutes: WINDOW_MINUTES })}>
      <LoadedView
        state={decisions}
        isEmpty={() => volume.total === 0}
        empty={
          <EmptyState title={t('overview.decisions.empty.title')} hint={t('overview.decisions.empty.hint')} />
        }
      >
        {(data) => (
          <>
            <dl className="rates">
              <div>
                <dt>{t('overview.decisions.total')}</dt>
                <dd>
                  {formatNumber(volume.total, language)}
                  {data.items.length >= LIMIT ? '+' : ''}
                </dd>
              </div>
              {OUTCOMES.map((outcome) => (
                <div key={outcome}>
                  <dt>{t(`outcome.${outcome}`)}</dt>
                  <dd className={`outcome-${outcome}`}>{formatPercent(volume.rates[outcome], language)}</dd>
                </div>
              ))}
            </dl>
            <Chart
              option={option}
              label={t('overview.decisions.label', { count: volume.total })}
              height={180}
            />
            {data.items.length >= LIMIT && (
              <p className="muted small">{t('overview.decisions.capped', { limit: LIMIT })}</p>
            )}
          </>
        )}
      </LoadedView>
    </Panel>
  );
}
