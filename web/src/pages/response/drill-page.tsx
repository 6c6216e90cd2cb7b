import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { drillTiming } from './drill-timing.js';
import { ActorName, Minutes, useLocalText, useVocabulary, useWords, WordBadge } from './shared.js';
import type { Drill, PlanSummary } from './types.js';

/**
 * One drill: each step's time against what the plan expects (per step and cumulated), the whole
 * run against the recovery time objective, the gaps found, and while it runs the buttons to record
 * a step complete and the form to finish it with an outcome.
 */
export default function DrillPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const word = useWords();
  const local = useLocalText();
  const vocabulary = useVocabulary();
  const id = params['id'] ?? '';
  const path = `/drills/${encodeURIComponent(id)}`;
  const drill = useApiData(`drill:${id}`, (a, signal) => a.get<Drill>(path, {}, { signal }));
  const plans = useApiData('plans', (a, signal) => a.get<{ items: PlanSummary[] }>('/plans', {}, { signal }));
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const post = (url: string, body: unknown) => {
    setError(undefined);
    setBusy(true);
    api
      .post<Drill>(url, body)
      .then(() => drill.reload())
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const finish = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const gaps = String(data.get('gaps') ?? '')
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    const note = String(data.get('note') ?? '').trim();
    post(`${path}/finish`, { outcome: String(data.get('outcome') ?? ''), gaps, ...(note ? { note } : {}) });
  };

  return (
    <LoadedView state={drill} isEmpty={() => false} empty={null}>
      {(d) => {
        const timing = drillTiming(d, Date.now());
        const plan = plans.data?.items.find((p) => p.id === d.plan_id);
        const work = can('case:work') && d.status === 'in_progress';
        const scale = Math.max(timing.expectedMinutes, ...timing.steps.map((s) => s.elapsedMinutes ?? 0), 1);
        return (
          <div className="trace">
            <Panel
              title={t('response.drills.detailTitle', { plan: plan ? plan.title[language] : d.plan_id })}
              className="panel-wide"
              actions={<Link to="/drills">{t('response.drills.back')}</Link>}
            >
              <dl className="facts">
                <dt>{t('response.drills.plan')}</dt>
                <dd>
                  <Link to={`/plans/${encodeURIComponent(d.plan_id)}?version=${d.plan_version}`}>
                    {plan ? plan.title[language] : d.plan_id} · v{d.plan_version}
                  </Link>
                </dd>
                <dt>{t('response.drills.started')}</dt>
                <dd>
                  {formatDateTime(d.started_at, language)} · <ActorName actor={d.started_by} />
                </dd>
                {d.note && (
                  <>
                    <dt>{t('response.drills.note')}</dt>
                    <dd>{local(d.note)}</dd>
                  </>
                )}
                <dt>{t('response.drills.status')}</dt>
                <dd>
                  {d.outcome ? (
                    <WordBadge value={d.outcome} label={word('drill_outcomes', d.outcome)} />
                  ) : (
                    <span className="badge">{t('response.drills.inProgress')}</span>
                  )}
                  {d.finished_at && ` · ${formatDateTime(d.finished_at, language)}`}
                </dd>
                <dt>{t('response.drills.elapsed')}</dt>
                <dd>
                  <Minutes value={timing.elapsedMinutes} /> / {t('response.plans.rto')}{' '}
                  <Minutes value={d.rto_minutes} />
                  {timing.overRto ? (
                    <span className="badge overdue">{t('response.drills.overRto')}</span>
                  ) : (
                    <span className="badge w-passed">{t('response.drills.withinRto')}</span>
                  )}
                </dd>
                <dt>{t('response.drills.progress')}</dt>
                <dd>{t('response.drills.stepsDone', { done: timing.completed, total: d.steps.length })}</dd>
              </dl>
            </Panel>
            {error !== undefined && (
              <div className="panel-wide">
                <ErrorNotice error={error} />
              </div>
            )}
            <Panel title={t('response.drills.timings')} className="panel-wide">
              <table className="table">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th>{t('response.plans.step')}</th>
                    <th>{t('response.drills.expected')}</th>
                    <th>{t('response.drills.took')}</th>
                    <th>{t('response.drills.sinceStart')}</th>
                    <th>{t('response.drills.bar')}</th>
                    {work && <th>{t('response.checklist.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {timing.steps.map((s) => (
                    <tr key={s.seq} className={s.current ? 'row-current' : undefined}>
                      <td className="num">{s.seq}</td>
                      <td>
                        {s.title[language]}
                        {s.completed_at && (
                          <div className="muted small">
                            {formatDateTime(s.completed_at, language)} · <ActorName actor={s.completed_by} />
                            {s.note && ` — ${local(s.note)}`}
                          </div>
                        )}
                      </td>
                      <td>
                        <Minutes value={s.expected_minutes} />
                      </td>
                      <td>
                        {s.took_minutes !== null ? (
                          <>
                            <Minutes value={s.took_minutes} />
                            {s.over_expected && (
                              <span className="badge overdue">{t('response.drills.slow')}</span>
                            )}
                          </>
                        ) : s.runningMinutes !== null ? (
                          <span className="muted">
                            {t('response.drills.running')} <Minutes value={s.runningMinutes} />
                          </span>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        {s.elapsedMinutes !== null ? (
                          <>
                            <Minutes value={s.elapsedMinutes} />
                            <span className="muted small">
                              {' '}
                              / <Minutes value={s.expectedElapsedMinutes} />
                            </span>
                            {s.behindPlan && (
                              <span className="badge overdue">{t('response.drills.behind')}</span>
                            )}
                          </>
                        ) : (
                          <span className="muted">
                            / <Minutes value={s.expectedElapsedMinutes} />
                          </span>
                        )}
                      </td>
                      <td>
                        <div className="timing-bar" aria-hidden="true">
                          <span
                            className="expected"
                            style={{ width: `${(100 * s.expectedElapsedMinutes) / scale}%` }}
                          />
                          {s.elapsedMinutes !== null && (
                            <span
                              className={s.behindPlan ? 'actual behind' : 'actual'}
                              style={{ width: `${(100 * s.elapsedMinutes) / scale}%` }}
                            />
                          )}
                        </div>
                      </td>
                      {work && (
                        <td>
                          {s.completed_at === null && (
                            <button
                              type="button"
                              className={s.current ? 'primary' : undefined}
                              disabled={busy}
                              aria-label={t('response.drills.completeStep', { seq: s.seq })}
                              onClick={() => post(`${path}/steps/${s.seq}/complete`, {})}
                            >
                              {t('response.drills.complete')}
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted small">{t('response.drills.barHint')}</p>
            </Panel>
            <Panel title={t('response.drills.gaps')} className="panel-wide">
              {d.gaps.length === 0 ? (
                <p className="muted">
                  {t(d.status === 'finished' ? 'response.drills.noGaps' : 'response.drills.gapsLater')}
                </p>
              ) : (
                <ul>
                  {d.gaps.map((g) => (
                    <li key={g}>{local(g)}</li>
                  ))}
                </ul>
              )}
              {work && (
                <form className="response-form" onSubmit={finish} aria-label={t('response.drills.finish')}>
                  <h3 className="sub wide">{t('response.drills.finish')}</h3>
                  <label>
                    {t('response.drills.outcome')}
                    <select name="outcome" defaultValue="passed">
                      {vocabulary?.drill_outcomes.map((w) => (
                        <option key={w.value} value={w.value}>
                          {w.label[language]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="wide">
                    {t('response.drills.gapsInput')}
                    <textarea name="gaps" rows={3} />
                  </label>
                  <label className="wide">
                    {t('response.drills.note')}
                    <input name="note" maxLength={2000} />
                  </label>
                  <div className="form-buttons">
                    <button type="submit" className="primary" disabled={busy}>
                      {t('response.drills.finishButton')}
                    </button>
                  </div>
                </form>
              )}
            </Panel>
          </div>
        );
      }}
    </LoadedView>
  );
}
