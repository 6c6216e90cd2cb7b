import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Panel } from '../../components/states.js';
import { formatKriValue } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import { useSession } from '../../session/session.js';
import { BandBadge } from './bits.js';
import { numberIn } from './forms.js';
import { periodLabel } from './period-label.js';
import { pushablePeriods } from './periods.js';
import type { EvaluationResult, Kri, ValueReport } from './types.js';

type Outcome =
  | { readonly kind: 'pushed'; readonly report: ValueReport }
  | { readonly kind: 'evaluated'; readonly result: EvaluationResult };

/**
 * Pushing the value of a period (`POST /kris/{id}/values`, pushed KRIs only) and evaluating a period
 * that has ended (`POST /kris/{id}/evaluate`). Only periods after the latest evaluated one are
 * offered: the server evaluates periods in order and refuses values for evaluated ones.
 */
export function KriActions({ kri, onChange }: { kri: Kri; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const periods = pushablePeriods(kri.frequency, kri.latest?.period_start ?? null, Date.now());
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const period = periods.find((p) => p.start === chosen) ?? periods.find((p) => p.ended) ?? periods[0];
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const base = `/kris/${encodeURIComponent(kri.id)}`;
  const pushed = kri.source.kind === 'pushed';
  const label = (start: string) => periodLabel(kri.frequency, start, language);

  const run = <T,>(request: Promise<T>, done: (answer: T) => Outcome) => {
    setError(undefined);
    setOutcome(undefined);
    setBusy(true);
    request
      .then((answer) => {
        setOutcome(done(answer));
        onChange();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const push = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = numberIn(new FormData(event.currentTarget), 'value');
    if (!period || value === undefined) return;
    run(api.post<ValueReport>(`${base}/values`, { period_start: period.start, value }), (report) => ({
      kind: 'pushed',
      report,
    }));
  };
  const evaluate = () => {
    if (!period) return;
    run(api.post<EvaluationResult>(`${base}/evaluate`, { period_start: period.start }), (result) => ({
      kind: 'evaluated',
      result,
    }));
  };

  return (
    <Panel title={t('risks.kri.push.title')}>
      <p className="muted small">{t(pushed ? 'risks.kri.push.hintPushed' : 'risks.kri.push.hintComputed')}</p>
      {periods.length === 0 || !period ? (
        <p className="muted">{t('risks.kri.push.nothing')}</p>
      ) : (
        <form className="risk-form" onSubmit={push} aria-label={t('risks.kri.push.title')}>
          <div className="form-grid">
            <label>
              {t('risks.kri.push.period')}
              <select name="period" value={period.start} onChange={(e) => setChosen(e.target.value)}>
                {periods.map((p) => (
                  <option key={p.start} value={p.start}>
                    {p.ended ? label(p.start) : t('risks.kri.push.running', { period: label(p.start) })}
                  </option>
                ))}
              </select>
            </label>
            {pushed && (
              <label>
                {t('risks.kri.push.value', { unit: kri.unit })}
                <input name="value" type="number" step="any" required />
              </label>
            )}
          </div>
          {error !== undefined && <ErrorNotice error={error} />}
          {outcome && <OutcomeNotice kri={kri} outcome={outcome} />}
          <div className="form-actions">
            {pushed && (
              <button type="submit" className="primary" disabled={busy}>
                {t('risks.kri.push.submit')}
              </button>
            )}
            <button type="button" disabled={busy || !period.ended} onClick={evaluate}>
              {t('risks.kri.push.evaluate')}
            </button>
          </div>
          {!period.ended && <p className="muted small">{t('risks.kri.push.notEnded')}</p>}
        </form>
      )}
    </Panel>
  );
}

function OutcomeNotice({ kri, outcome }: { kri: Kri; outcome: Outcome }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const label = (start: string) => periodLabel(kri.frequency, start, language);
  if (outcome.kind === 'pushed') {
    const row = outcome.report.results[0];
    if (!row) return null;
    return (
      <p className={row.status === 'refused' ? 'error-notice' : 'notice'} role="status">
        {t(`risks.kri.push.${row.status}`, { period: label(row.period_start), message: row.message ?? '' })}
      </p>
    );
  }
  const e = outcome.result.evaluation;
  const raised = e.band !== 'green' || e.signals.length > 0;
  return (
    <div className="notice" role="status">
      <p>
        {t(outcome.result.created ? 'risks.kri.evaluated.new' : 'risks.kri.evaluated.again', {
          period: label(e.period_start),
          value: e.value === null ? t('common.noData') : formatKriValue(e.value, e.unit, language),
        })}{' '}
        <BandBadge band={e.band} />
        {e.previous_band && e.previous_band !== e.band && (
          <> {t('risks.kri.evaluated.was', { band: t(`band.${e.previous_band}`) })}</>
        )}
      </p>
      {e.signals.length > 0 && <p>{t('risks.kri.evaluated.signals', { methods: e.signals.join(', ') })}</p>}
      {raised && outcome.result.created && (
        <p>
          {t('risks.kri.evaluated.alert')} <Link to="/alerts">{t('risks.kri.alerts.all')}</Link>
        </p>
      )}
    </div>
  );
}
