import { type FormEvent, type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { ChecklistPanel } from './checklist-panel.js';
import { ActivityText, ActorName, kindLabel, useLocalText, useWords, WordBadge } from './shared.js';
import { mergeTimeline } from './timeline.js';
import type { Activation, IncidentDetail, PlanSummary } from './types.js';

/** An incident with the checklists of the plans activated for it. */
interface Loaded {
  readonly incident: IncidentDetail;
  readonly activations: readonly Activation[];
}

/**
 * One incident: its facts and status moves, the timeline (activations and checklist ticks shown
 * with their step titles) with a form to add an entry, the linked alerts, the checklist of every
 * plan activated for it, and the post-incident review (a form once it is resolved).
 */
export default function IncidentPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const word = useWords();
  const local = useLocalText();
  const id = params['id'] ?? '';
  const path = `/incidents/${encodeURIComponent(id)}`;
  const loaded = useApiData(`incident:${id}`, async (a, signal): Promise<Loaded> => {
    const incident = await a.get<IncidentDetail>(path, {}, { signal });
    const activations = await Promise.all(
      incident.plan_activations.map((p) =>
        a.get<Activation>(`/activations/${encodeURIComponent(p.id)}`, {}, { signal }),
      ),
    );
    return { incident, activations };
  });
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const work = can('case:work');

  const act = (action: string, body: unknown, form?: HTMLFormElement | null) => {
    setError(undefined);
    setBusy(true);
    api
      .post(`${path}/${action}`, body)
      .then(() => {
        form?.reset();
        loaded.reload();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };
  const move = (status: 'mitigated' | 'resolved') => (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    const note = String(form ? (new FormData(form).get('note') ?? '') : '').trim();
    act('status', { status, ...(note ? { note } : {}) }, form);
  };

  return (
    <LoadedView state={loaded} isEmpty={() => false} empty={null}>
      {({ incident: i, activations }) => (
        <div className="trace">
          <Panel
            title={local(i.title)}
            className="panel-wide"
            actions={<Link to="/incidents">{t('response.incidents.back')}</Link>}
          >
            <dl className="facts">
              <dt>{t('response.incidents.status')}</dt>
              <dd>
                <WordBadge value={i.status} label={word('incident_statuses', i.status)} />
              </dd>
              <dt>{t('response.incidents.severity')}</dt>
              <dd>
                <WordBadge value={i.severity} label={word('severities', i.severity)} />
              </dd>
              <dt>{t('response.incidents.type')}</dt>
              <dd>{word('incident_types', i.type)}</dd>
              <dt>{t('response.incidents.services')}</dt>
              <dd className="mono">{i.impacted_services.join(', ') || '—'}</dd>
              {i.description && (
                <>
                  <dt>{t('response.incidents.description')}</dt>
                  <dd className="prewrap">{local(i.description)}</dd>
                </>
              )}
              <dt>{t('response.incidents.started')}</dt>
              <dd>{formatDateTime(i.started_at, language)}</dd>
              {(['mitigated_at', 'resolved_at', 'reviewed_at'] as const).map(
                (field) =>
                  i[field] && (
                    <div key={field} className="fact">
                      <dt>{t(`response.incidents.${field}`)}</dt>
                      <dd>{formatDateTime(i[field] ?? '', language)}</dd>
                    </div>
                  ),
              )}
              <dt>{t('response.incidents.openedBy')}</dt>
              <dd>
                <ActorName actor={i.created_by} />
              </dd>
            </dl>
            {work && (i.status === 'open' || i.status === 'mitigated') && (
              <form
                className="response-form"
                onSubmit={(e) => e.preventDefault()}
                aria-label={t('response.incidents.move')}
              >
                <label className="wide">
                  {t('response.incidents.moveNote')}
                  <input name="note" maxLength={4000} />
                </label>
                <div className="form-buttons wide">
                  {i.status === 'open' && (
                    <button type="button" disabled={busy} onClick={move('mitigated')}>
                      {t('response.incidents.markMitigated')}
                    </button>
                  )}
                  <button type="button" disabled={busy} onClick={move('resolved')}>
                    {t('response.incidents.markResolved')}
                  </button>
                </div>
              </form>
            )}
          </Panel>

          {error !== undefined && (
            <div className="panel-wide">
              <ErrorNotice error={error} />
            </div>
          )}

          <Panel title={t('response.incidents.timeline')} className="panel-wide">
            <ol className="thread" aria-label={t('response.incidents.timeline')}>
              {mergeTimeline(i.timeline, activations).map((e) => (
                <li key={e.key}>
                  <div className="thread-head">
                    <time dateTime={e.at}>{formatDateTime(e.at, language)}</time>
                    <span className="badge">
                      {e.source === 'timeline'
                        ? kindLabel(e.kind, t)
                        : e.source === 'activation'
                          ? t('response.kinds.activation')
                          : t('response.kinds.checklist')}
                    </span>
                    <ActorName actor={e.author} />
                    {e.backdated && <span className="muted small">{t('response.incidents.backdated')}</span>}
                  </div>
                  <div>
                    {e.source === 'timeline' ? (
                      <ActivityText kind={e.kind} text={e.text} statuses="incident_statuses" />
                    ) : e.source === 'activation' ? (
                      e.planTitle ? (
                        t('response.incidents.planActivated', {
                          plan: e.planTitle[language],
                          version: e.planVersion,
                        })
                      ) : (
                        e.text
                      )
                    ) : e.title ? (
                      <>
                        <strong>
                          {e.seq}. {e.title[language]}
                        </strong>{' '}
                        — {word('checklist_statuses', e.status)}
                        {e.note && ` — ${local(e.note)}`}
                      </>
                    ) : (
                      e.text
                    )}
                  </div>
                </li>
              ))}
            </ol>
            {work && (
              <form
                className="response-form"
                aria-label={t('response.incidents.addEntry')}
                onSubmit={(event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  const form = event.currentTarget;
                  const data = new FormData(form);
                  const text = String(data.get('text') ?? '').trim();
                  const at = String(data.get('at') ?? '');
                  if (text)
                    act('timeline', { text, ...(at ? { at: new Date(at).toISOString() } : {}) }, form);
                }}
              >
                <label className="wide">
                  {t('response.incidents.entry')}
                  <textarea name="text" rows={2} maxLength={4000} required />
                </label>
                <label>
                  {t('response.incidents.entryAt')}
                  <input name="at" type="datetime-local" />
                </label>
                <div className="form-buttons">
                  <button type="submit" className="primary" disabled={busy}>
                    {t('response.incidents.addEntry')}
                  </button>
                </div>
              </form>
            )}
          </Panel>

          {activations.map((a) => (
            <ChecklistPanel key={a.id} activation={a} onChanged={loaded.reload} />
          ))}
          {work && i.status !== 'reviewed' && (
            <ActivatePlan
              type={i.type}
              busy={busy}
              onActivate={(planId) => act('activate-plan', { plan_id: planId })}
            />
          )}

          <Panel title={t('response.incidents.alerts')}>
            {i.alert_ids.length === 0 ? (
              <p className="muted">{t('response.incidents.noAlerts')}</p>
            ) : (
              <ul className="compact-list">
                {i.alert_ids.map((a) => (
                  <li key={a}>
                    <Link className="mono" to="/alerts">
                      {a}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {work && (
              <form
                className="inline-form"
                onSubmit={(event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  const form = event.currentTarget;
                  const ids = String(new FormData(form).get('alert_ids') ?? '')
                    .split(/[\s,，]+/)
                    .filter(Boolean);
                  if (ids.length > 0) act('alerts', { alert_ids: ids }, form);
                }}
              >
                <input
                  name="alert_ids"
                  aria-label={t('response.cases.alertIds')}
                  placeholder={t('response.cases.alertIds')}
                />
                <button type="submit" disabled={busy}>
                  {t('response.incidents.linkAlerts')}
                </button>
              </form>
            )}
          </Panel>

          <ReviewPanel incident={i} busy={busy} onReview={(body) => act('review', body)} />
        </div>
      )}
    </LoadedView>
  );
}

/** Activates an emergency plan for the incident; plans for its scenario are listed first. */
function ActivatePlan({
  type,
  busy,
  onActivate,
}: {
  type: string;
  busy: boolean;
  onActivate: (planId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const plans = useApiData('plans', (api, signal) =>
    api.get<{ items: PlanSummary[] }>('/plans', {}, { signal }),
  );
  const sorted = [...(plans.data?.items ?? [])].sort(
    (a, b) => Number(b.scenario === type) - Number(a.scenario === type),
  );
  return (
    <Panel title={t('response.incidents.activatePlan')}>
      {plans.error !== undefined && <ErrorNotice error={plans.error} />}
      <form
        className="inline-form"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const plan = String(new FormData(event.currentTarget).get('plan') ?? '');
          if (plan) onActivate(plan);
        }}
      >
        <select name="plan" aria-label={t('response.incidents.plan')} defaultValue="">
          <option value="">{t('response.incidents.choosePlan')}</option>
          {sorted.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title[language]}
            </option>
          ))}
        </select>
        <button type="submit" className="primary" disabled={busy}>
          {t('response.incidents.activate')}
        </button>
      </form>
      <p className="muted small">{t('response.incidents.activateHint')}</p>
    </Panel>
  );
}

/** The post-incident review: shown once written; a form while the incident is resolved. */
function ReviewPanel({
  incident,
  busy,
  onReview,
}: {
  incident: IncidentDetail;
  busy: boolean;
  onReview: (body: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const local = useLocalText();
  const [actions, setActions] = useState(1);
  const review = incident.review;
  if (review) {
    return (
      <Panel title={t('response.review.title')} className="panel-wide">
        <dl className="facts">
          <dt>{t('response.review.summary')}</dt>
          <dd className="prewrap">{local(review.summary)}</dd>
          <dt>{t('response.review.rootCause')}</dt>
          <dd className="prewrap">{local(review.root_cause)}</dd>
          <dt>{t('response.review.writtenBy')}</dt>
          <dd>
            <ActorName actor={review.written_by} /> · {formatDateTime(review.written_at, language)}
          </dd>
        </dl>
        <h3 className="sub">{t('response.review.actions')}</h3>
        {review.actions.length === 0 ? (
          <p className="muted">{t('response.review.noActions')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('response.review.action')}</th>
                <th>{t('response.review.owner')}</th>
                <th>{t('response.review.dueDate')}</th>
              </tr>
            </thead>
            <tbody>
              {review.actions.map((a) => (
                <tr key={`${a.title}:${a.owner}`}>
                  <td>{local(a.title)}</td>
                  <td className="mono">{a.owner}</td>
                  <td>{a.due_date}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    );
  }
  if (!can('case:work') || incident.status !== 'resolved') {
    return (
      <Panel title={t('response.review.title')} className="panel-wide">
        <p className="muted">{t('response.review.notYet')}</p>
      </Panel>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const list = Array.from({ length: actions }, (_, n) => ({
      title: field(`action-title-${n}`),
      owner: field(`action-owner-${n}`),
      due_date: field(`action-due-${n}`),
    })).filter((a) => a.title);
    onReview({ summary: field('summary'), root_cause: field('root_cause'), actions: list });
  };
  return (
    <Panel title={t('response.review.title')} className="panel-wide">
      <form className="response-form" onSubmit={submit} aria-label={t('response.review.title')}>
        <label className="wide">
          {t('response.review.summary')}
          <textarea name="summary" rows={3} required maxLength={8000} />
        </label>
        <label className="wide">
          {t('response.review.rootCause')}
          <textarea name="root_cause" rows={2} required maxLength={8000} />
        </label>
        {Array.from({ length: actions }, (_, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positional form fields.
          <fieldset key={n} className="review-action wide">
            <legend>{t('response.review.actionN', { n: n + 1 })}</legend>
            <label>
              {t('response.review.action')}
              <input name={`action-title-${n}`} maxLength={500} />
            </label>
            <label>
              {t('response.review.owner')}
              <input name={`action-owner-${n}`} maxLength={128} />
            </label>
            <label>
              {t('response.review.dueDate')}
              <input name={`action-due-${n}`} type="date" />
            </label>
          </fieldset>
        ))}
        <div className="form-buttons wide">
          <button type="button" onClick={() => setActions((n) => Math.min(50, n + 1))}>
            {t('response.review.addAction')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('response.review.submit')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
