import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Panel } from '../../components/states.js';
import { useSession } from '../../session/session.js';
import { sampleEvent, shortValue } from './policy-data.js';
import type { EventTypeView, TryResult } from './types.js';

/**
 * "Try with a sample event": the draft decides one event through the server's live runner, nothing
 * stored. The sample is made for the draft's event type (from its schema) and can be edited. The
 * velocity windows start empty, so features count this event only; the panel says so.
 */
export function TryPanel({ source, eventType }: { source: string; eventType: string | undefined }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [text, setText] = useState('');
  const [edited, setEdited] = useState(false);
  const [result, setResult] = useState<TryResult | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!eventType || edited) return;
    const controller = new AbortController();
    api
      .get<EventTypeView>(`/event-types/${eventType}`, {}, { signal: controller.signal })
      .then((type) => type.schema)
      .catch(() => undefined)
      .then((schema) => {
        if (!controller.signal.aborted)
          setText(JSON.stringify(sampleEvent(eventType, schema, new Date()), null, 2));
      });
    return () => controller.abort();
  }, [api, eventType, edited]);

  const run = () => {
    setError(undefined);
    setResult(undefined);
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (e) {
      setError(new Error(t('policies.try.badJson', { message: (e as Error).message })));
      return;
    }
    setBusy(true);
    api
      .post<TryResult>('/policies/try', { source, event })
      .then(setResult)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel title={t('policies.try.title')}>
      <p className="muted small">{t('policies.try.freshWindows')}</p>
      <label className="stacked">
        {t('policies.try.eventLabel')}
        <textarea
          className="code-text json-input"
          value={text}
          rows={14}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setEdited(true);
          }}
        />
      </label>
      <div className="editor-status">
        <button type="button" className="primary" onClick={run} disabled={busy || !text}>
          {t('policies.try.run')}
        </button>
        <button type="button" onClick={() => setEdited(false)} disabled={!edited}>
          {t('policies.try.reset')}
        </button>
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      {result && <TryResultView result={result} />}
    </Panel>
  );
}

function TryResultView({ result }: { result: TryResult }) {
  const { t } = useTranslation();
  return (
    <section className="try-result" aria-label={t('policies.try.result')}>
      <dl className="facts">
        <dt>{t('policies.try.outcome')}</dt>
        <dd>
          <span className={`badge outcome-${result.outcome}`} data-outcome={result.outcome}>
            {t(`outcome.${result.outcome}`)}
          </span>
        </dd>
        <dt>{t('policies.try.score')}</dt>
        <dd>{result.score ?? '—'}</dd>
      </dl>
      <h3>{t('policies.try.hits')}</h3>
      {result.rule_hits.length === 0 ? (
        <p className="muted">{t('policies.try.noHits')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('policies.try.rule')}</th>
              <th>{t('policies.try.action')}</th>
              <th>{t('policies.try.reason')}</th>
              <th>{t('policies.try.values')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rule_hits.map((h) => (
              <tr key={h.rule_id} className="rule-hit">
                <td className="mono">{h.rule_id}</td>
                <td>{h.action}</td>
                <td>{result.reasons.find((r) => r.rule_id === h.rule_id)?.text ?? ''}</td>
                <td className="mono small">
                  {Object.entries(h.values).map(([k, v]) => (
                    <div key={k}>
                      {k} = {shortValue(v)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.rule_errors.length > 0 && (
        <>
          <h3>{t('policies.try.errors')}</h3>
          <ul className="problem-list">
            {result.rule_errors.map((e) => (
              <li key={e.rule_id} className="problem">
                <span className="mono">{e.rule_id}</span> {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(result.features).length > 0 && (
        <>
          <h3>{t('policies.try.features')}</h3>
          <ul className="compact-list mono small">
            {Object.entries(result.features).map(([k, v]) => (
              <li key={k}>
                {k} = {v ?? '—'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
