import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonName } from '../../components/people.js';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { PlanEditor } from './plan-editor.js';
import { formFromPlan, type PlanFormState, versionBody } from './plan-form.js';
import { ActorName, Minutes, useLocalText, useWords, WordBadge } from './shared.js';
import type { Activation, Drill, IncidentSummary, PageOf, PlanDetail } from './types.js';
import { sideOf } from './words.js';

/**
 * One emergency plan: the steps of the version shown (the current one unless `?version=` names a
 * past one) with their owners and timings, its contacts and versions, the drills of it, and for
 * people who work incidents the actions to write its next version (the form filled with the
 * current one), to activate it (a checklist for an incident or an alert) and to start a drill.
 */
export default function PlanPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const word = useWords();
  const local = useLocalText();
  const id = params['id'] ?? '';
  const { search } = useLocation();
  const version = Number.parseInt(search.get('version') ?? '', 10) || undefined;
  const path = `/plans/${encodeURIComponent(id)}`;
  const plan = useApiData(`plan:${id}:${version ?? ''}`, (a, signal) =>
    a.get<PlanDetail>(path, { version }, { signal }),
  );
  const drills = useApiData(`plan-drills:${id}`, (a, signal) =>
    a.get<PageOf<Drill>>('/drills', { plan_id: id, limit: 50 }, { signal }),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const work = can('case:work');
  /** The form of the next version while it is being written. */
  const [editing, setEditing] = useState<PlanFormState | undefined>(undefined);
  /** The version the form was filled from: if someone else saves a version first, the server says so. */
  const [editingFrom, setEditingFrom] = useState<number | undefined>(undefined);
  const [saved, setSaved] = useState<number | undefined>(undefined);

  const saveVersion = async (form: PlanFormState) => {
    const next = await api.post<PlanDetail>(`${path}/versions`, versionBody(form, editingFrom));
    setEditing(undefined);
    setSaved(next.version);
    // The page shows the current version: drop a `?version=` and load it again.
    if (version !== undefined) navigate(path);
    else plan.reload();
  };

  const startDrill = () => {
    setError(undefined);
    setBusy(true);
    api
      .post<Drill>('/drills', { plan_id: id })
      .then((d) => navigate(`/drills/${encodeURIComponent(d.id)}`))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <LoadedView state={plan} isEmpty={() => false} empty={null}>
      {(p) => (
        <div className="trace">
          <Panel
            title={p.title[language]}
            className="panel-wide"
            actions={
              <span className="response-head-actions">
                {work && p.version === p.current_version && editing === undefined && (
                  <button
                    type="button"
                    onClick={() => {
                      setSaved(undefined);
                      setEditing(formFromPlan(p));
                      setEditingFrom(p.version);
                    }}
                  >
                    {t('response.planForm.newVersion')}
                  </button>
                )}
                <Link to="/plans">{t('response.plans.back')}</Link>
              </span>
            }
          >
            {saved !== undefined && saved === p.version && (
              <p className="notice" role="status">
                {t('response.planForm.versionSaved', { version: saved })}
              </p>
            )}
            {p.version !== p.current_version && (
              <p className="notice">
                {t('response.plans.pastVersion', { version: p.version, current: p.current_version })}{' '}
                <Link to={path}>{t('response.plans.showCurrent')}</Link>
              </p>
            )}
            <p className="prewrap">{p.description[language]}</p>
            <dl className="facts">
              <dt>{t('response.plans.scenario')}</dt>
              <dd>{word('incident_types', p.scenario)}</dd>
              <dt>{t('response.plans.version')}</dt>
              <dd>
                v{p.version} · {formatDateTime(p.created_at, language)}
              </dd>
              <dt>{t('response.plans.rto')}</dt>
              <dd>
                <Minutes value={p.rto_minutes} />
              </dd>
              <dt>{t('response.plans.rpo')}</dt>
              <dd>
                <Minutes value={p.rpo_minutes} />
              </dd>
              <dt>{t('response.plans.frequency')}</dt>
              <dd>{t('response.plans.everyDays', { count: p.drill_frequency_days })}</dd>
              <dt>{t('response.plans.lastDrill')}</dt>
              <dd>
                {p.last_drill_at
                  ? formatDateTime(p.last_drill_at, language)
                  : t('response.plans.neverDrilled')}
              </dd>
              <dt>{t('response.plans.nextDrill')}</dt>
              <dd>
                {formatDateTime(p.next_drill_due, language)}
                {p.drill_overdue && <span className="badge overdue">{t('response.plans.drillOverdue')}</span>}
              </dd>
            </dl>
          </Panel>

          {editing !== undefined && (
            <Panel
              title={t('response.planForm.versionTitle', { version: p.current_version + 1 })}
              className="panel-wide plan-editor-panel"
            >
              <p className="muted small">
                {t('response.planForm.versionHint', { version: p.current_version })}
              </p>
              <PlanEditor
                mode="version"
                initial={editing}
                scenario={p.scenario}
                onSubmit={saveVersion}
                onCancel={() => setEditing(undefined)}
              />
            </Panel>
          )}

          <Panel title={t('response.plans.stepsTitle')} className="panel-wide">
            <table className="table">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('response.plans.step')}</th>
                  <th>{t('response.plans.owner')}</th>
                  <th>{t('response.plans.expected')}</th>
                  <th>{t('response.plans.dueAfter')}</th>
                </tr>
              </thead>
              <tbody>
                {p.steps.map((s) => (
                  <tr key={s.seq}>
                    <td className="num">{s.seq}</td>
                    <td>{s.title[language]}</td>
                    <td className="small">
                      {t(`response.plans.ownerType.${s.owner.type}`)}{' '}
                      {s.owner.type === 'user' ? (
                        <PersonName id={s.owner.id} />
                      ) : (
                        <span className="mono">{s.owner.id}</span>
                      )}
                    </td>
                    <td>
                      <Minutes value={s.expected_minutes} />
                    </td>
                    <td>
                      <Minutes value={s.offset_minutes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Panel>

          {error !== undefined && (
            <div className="panel-wide">
              <ErrorNotice error={error} />
            </div>
          )}
          {work && p.version === p.current_version && <ActivatePanel planId={p.id} />}

          <Panel
            title={t('response.plans.drills')}
            actions={
              work && (
                <button type="button" className="primary" disabled={busy} onClick={startDrill}>
                  {t('response.plans.startDrill')}
                </button>
              )
            }
          >
            <LoadedView
              state={drills}
              isEmpty={(d) => d.items.length === 0}
              empty={
                <EmptyState title={t('response.plans.noDrills')} hint={t('response.plans.noDrillsHint')} />
              }
            >
              {(d) => (
                <ul className="compact-list">
                  {d.items.map((drill) => (
                    <li key={drill.id}>
                      <Link to={`/drills/${encodeURIComponent(drill.id)}`}>
                        {formatDateTime(drill.started_at, language)}
                      </Link>
                      {drill.outcome ? (
                        <WordBadge value={drill.outcome} label={word('drill_outcomes', drill.outcome)} />
                      ) : (
                        <span className="badge">{t('response.drills.inProgress')}</span>
                      )}
                      <span className="muted small">v{drill.plan_version}</span>
                    </li>
                  ))}
                </ul>
              )}
            </LoadedView>
          </Panel>

          <Panel title={t('response.plans.versions')}>
            <ul className="compact-list">
              {[...p.versions].reverse().map((v) => (
                <li key={v.version}>
                  <Link
                    to={`${path}?version=${v.version}`}
                    aria-current={v.version === p.version ? 'page' : undefined}
                  >
                    v{v.version}
                  </Link>
                  <span>
                    {v.version === 1 && v.change_note === 'created'
                      ? t('response.plans.firstVersion')
                      : local(v.change_note)}
                  </span>
                  <span className="muted small">
                    {formatDateTime(v.created_at, language)} · <ActorName actor={v.created_by} />
                  </span>
                </li>
              ))}
            </ul>
          </Panel>

          {p.contacts.length > 0 && (
            <Panel title={t('response.plans.contacts')}>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('response.plans.contactName')}</th>
                    <th>{t('response.plans.contactRole')}</th>
                    <th>{t('response.plans.contactReach')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.contacts.map((c) => (
                    <tr key={`${c.name}:${c.role}`}>
                      <td>{sideOf(c.name, language, { spaced: true })}</td>
                      <td>{sideOf(c.role, language, { spaced: true })}</td>
                      <td className="mono small">{[c.phone, c.email].filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Panel>
          )}
        </div>
      )}
    </LoadedView>
  );
}

/**
 * Activates the plan for an open incident (chosen from the live ones) or for an alert (by id); the
 * checklist it creates is shown with a link to where it is worked.
 */
function ActivatePanel({ planId }: { planId: string }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const local = useLocalText();
  const incidents = useApiData('live-incidents', (a, signal) =>
    a.get<PageOf<IncidentSummary>>('/incidents', { limit: 100 }, { signal }),
  );
  const live = (incidents.data?.items ?? []).filter((i) => i.status !== 'reviewed');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Activation | undefined>(undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const incident = String(data.get('incident_id') ?? '');
    const alert = String(data.get('alert_id') ?? '').trim();
    setError(undefined);
    setBusy(true);
    api
      .post<Activation>(
        `/plans/${encodeURIComponent(planId)}/activate`,
        incident ? { incident_id: incident } : { alert_id: alert },
      )
      .then(setCreated)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel title={t('response.plans.activate')}>
      <p className="muted small">{t('response.plans.activateHint')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {created && (
        <p className="notice" role="status">
          {t('response.plans.activated', {
            count: created.items.length,
            at: formatDateTime(created.activated_at, language),
          })}{' '}
          {created.source.type === 'incident' && (
            <Link to={`/incidents/${encodeURIComponent(created.source.id)}`}>
              {t('response.plans.openChecklist')}
            </Link>
          )}
        </p>
      )}
      <form className="response-form" onSubmit={submit}>
        <label>
          {t('response.plans.forIncident')}
          <select name="incident_id" defaultValue="">
            <option value="">{t('response.plans.noIncident')}</option>
            {live.map((i) => (
              <option key={i.id} value={i.id}>
                {local(i.title)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.plans.forAlert')}
          <input name="alert_id" maxLength={128} />
        </label>
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('response.plans.activateButton')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
