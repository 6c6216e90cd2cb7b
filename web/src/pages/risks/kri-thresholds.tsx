import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Panel } from '../../components/states.js';
import { formatKriValue } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { useSession } from '../../session/session.js';
import { numberIn } from './forms.js';
import type { Kri } from './types.js';

/**
 * A KRI's static threshold lines with their hysteresis margin, and its change detectors with their
 * options. People with kri:write change the lines (`PATCH /kris/{id}`); the server checks that they
 * lie in the KRI's direction.
 */
export function KriThresholds({ kri, onChange }: { kri: Kri; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const value = (n: number) => formatKriValue(n, kri.unit, language);
  const th = kri.thresholds;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amber = numberIn(form, 'amber');
    const red = numberIn(form, 'red');
    const hysteresis = numberIn(form, 'hysteresis') ?? 0;
    if (amber === undefined || red === undefined) return;
    setError(undefined);
    setBusy(true);
    api
      .patch<Kri>(`/kris/${encodeURIComponent(kri.id)}`, { thresholds: { amber, red, hysteresis } })
      .then(() => {
        setEditing(false);
        onChange();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel
      title={t('risks.kri.thresholds.title')}
      actions={
        can('kri:write') &&
        !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {t('risks.kri.thresholds.edit')}
          </button>
        )
      }
    >
      {editing ? (
        <form className="risk-form" onSubmit={submit} aria-label={t('risks.kri.thresholds.edit')}>
          <p className="muted small">{t(`risks.kri.thresholds.hint.${kri.direction}`, { unit: kri.unit })}</p>
          <div className="form-grid">
            {(['amber', 'red', 'hysteresis'] as const).map((name) => (
              <label key={name}>
                {t(`risks.kri.thresholds.${name}`)}
                <input
                  name={name}
                  type="number"
                  step="any"
                  required={name !== 'hysteresis'}
                  min={name === 'hysteresis' ? 0 : undefined}
                  defaultValue={th ? th[name] : ''}
                />
              </label>
            ))}
          </div>
          {error !== undefined && <ErrorNotice error={error} />}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('risks.kri.thresholds.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : th ? (
        <dl className="facts">
          <dt>{t('risks.kri.thresholds.direction')}</dt>
          <dd>{t(`risks.kri.directions.${kri.direction}`)}</dd>
          <dt>{t('risks.kri.thresholds.amber')}</dt>
          <dd>{th.amber === th.red ? t('risks.kri.thresholds.noAmber') : value(th.amber)}</dd>
          <dt>{t('risks.kri.thresholds.red')}</dt>
          <dd>{value(th.red)}</dd>
          <dt>{t('risks.kri.thresholds.hysteresis')}</dt>
          <dd>{value(th.hysteresis)}</dd>
        </dl>
      ) : (
        <p className="muted">{t('risks.kri.thresholds.none')}</p>
      )}
      <h3 className="subhead">{t('risks.kri.detectors.title')}</h3>
      {kri.detectors.length === 0 ? (
        <p className="muted">{t('risks.kri.detectors.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('risks.kri.detectors.method')}</th>
              <th>{t('risks.kri.detectors.params')}</th>
            </tr>
          </thead>
          <tbody>
            {kri.detectors.map((d) => (
              <tr key={`${d.method}:${JSON.stringify(d.params)}`}>
                <td>{t(`risks.detectors.${d.method}`, { defaultValue: d.method })}</td>
                <td className="mono small">
                  {Object.entries(d.params)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(', ') || t('risks.kri.detectors.defaults')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
