import { type FormEvent, type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../../components/people.js';
import { ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import {
  ActivityText,
  ActorName,
  kindLabel,
  useLocalText,
  useMe,
  useVocabulary,
  useWords,
  WordBadge,
} from './shared.js';
import type { CaseDetail, CaseStatus, Proposal } from './types.js';

/** The status moves `POST /cases/{id}/status` allows from each status (the server's lifecycle). */
const MOVES: Record<CaseStatus, readonly ('in_progress' | 'closed' | 'open')[]> = {
  open: ['in_progress', 'closed'],
  in_progress: ['closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};
const ACTIVE: readonly CaseStatus[] = ['open', 'in_progress'];

/**
 * One case: what and whom it is about, the decisions and alerts behind it, the thread of notes and
 * everything done to it, and for people who work cases the assignment, status moves and the
 * resolution with a disposition — whose effect on the linked decisions' labels is spelled out —
 * and, for people who may also change lists, list entries proposed through four eyes.
 */
export default function CasePage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, can } = useSession();
  const word = useWords();
  const local = useLocalText();
  const id = params['id'] ?? '';
  const path = `/cases/${encodeURIComponent(id)}`;
  const detail = useApiData(`case:${id}`, (a, signal) => a.get<CaseDetail>(path, {}, { signal }));
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const work = can('case:work');

  /** Posts to one of the case's actions; the answer is the case as it now stands. */
  const act = (action: string, body: unknown, form?: HTMLFormElement) => {
    setError(undefined);
    setBusy(true);
    api
      .post<CaseDetail>(`${path}/${action}`, body)
      .then(() => {
        form?.reset();
        detail.reload();
      })
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <LoadedView state={detail} isEmpty={() => false} empty={null}>
      {(c) => (
        <div className="trace">
          <Panel
            title={local(c.title)}
            className="panel-wide"
            actions={<Link to="/cases">{t('response.cases.back')}</Link>}
          >
            <dl className="facts">
              <dt>{t('response.cases.status')}</dt>
              <dd>
                <WordBadge value={c.status} label={word('case_statuses', c.status)} />
                {c.overdue && <span className="badge overdue">{t('response.overdue')}</span>}
              </dd>
              <dt>{t('response.cases.priority')}</dt>
              <dd>
                <WordBadge value={c.priority} label={word('priorities', c.priority)} />
              </dd>
              <dt>{t('response.cases.type')}</dt>
              <dd>{word('case_types', c.type)}</dd>
              <dt>{t('response.cases.assignee')}</dt>
              <dd data-testid="case-assignee">
                {c.assignee_id === null ? (
                  <span className="muted">{t('response.cases.unassigned')}</span>
                ) : (
                  <ActorName actor={{ type: 'user', id: c.assignee_id }} />
                )}
              </dd>
              <dt>{t('response.cases.due')}</dt>
              <dd>{formatDateTime(c.due_at, language)}</dd>
              <dt>{t('response.cases.subjects')}</dt>
              <dd>
                {c.subjects.length === 0 ? (
                  <span className="muted">{t('response.cases.noSubjects')}</span>
                ) : (
                  c.subjects.map((s) => (
                    <span key={`${s.key}=${s.value}`} className="subject mono">
                      {s.key}={s.value}
                    </span>
                  ))
                )}
              </dd>
              {c.description && (
                <>
                  <dt>{t('response.cases.description')}</dt>
                  <dd className="prewrap">{local(c.description)}</dd>
                </>
              )}
              <dt>{t('response.cases.opened')}</dt>
              <dd>
                {formatDateTime(c.created_at, language)} · <ActorName actor={c.created_by} />
              </dd>
              {c.disposition !== null && (
                <>
                  <dt>{t('response.cases.disposition')}</dt>
                  <dd data-testid="case-disposition">
                    <strong>{word('dispositions', c.disposition)}</strong>
                    {c.disposition_note && ` — ${local(c.disposition_note)}`}
                    {c.resolved_at && (
                      <span className="muted">
                        {' · '}
                        {formatDateTime(c.resolved_at, language)} · <ActorName actor={c.resolved_by} />
                      </span>
                    )}
                  </dd>
                </>
              )}
            </dl>
          </Panel>

          {error !== undefined && (
            <div className="panel-wide">
              <ErrorNotice error={error} />
            </div>
          )}

          {work && (
            <Panel title={t('response.case.work')}>
              {ACTIVE.includes(c.status) && (
                <AssignForm current={c.assignee_id} busy={busy} onAssign={(body) => act('assign', body)} />
              )}
              <StatusForm status={c.status} busy={busy} onMove={(body, form) => act('status', body, form)} />
              {ACTIVE.includes(c.status) && (
                <ResolveForm
                  decisions={c.decision_ids.length}
                  busy={busy}
                  onResolve={(body, form) => act('resolve', body, form)}
                />
              )}
            </Panel>
          )}

          <Panel title={t('response.case.links')}>
            <h3 className="sub">{t('response.case.decisions')}</h3>
            {c.decision_ids.length === 0 ? (
              <p className="muted">{t('response.case.noDecisions')}</p>
            ) : (
              <ul className="compact-list">
                {c.decision_ids.map((d) => {
                  const label = c.labels.find((l) => l.decision_id === d);
                  return (
                    <li key={d}>
                      <Link className="mono" to={`/decisions/${encodeURIComponent(d)}`}>
                        {d}
                      </Link>
                      {label && (
                        <span className={`badge label-${label.outcome}`}>
                          {t(`response.case.label.${label.label}`)}
                          {label.outcome === 'failed' && ` · ${t('response.case.labelFailed')}`}
                        </span>
                      )}
                      {label?.detail && <span className="muted small">{label.detail}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
            <h3 className="sub">{t('response.case.alerts')}</h3>
            {c.alert_ids.length === 0 ? (
              <p className="muted">{t('response.case.noAlerts')}</p>
            ) : (
              <ul className="compact-list">
                {c.alert_ids.map((a) => (
                  <li key={a}>
                    <Link className="mono" to="/alerts">
                      {a}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {work && ACTIVE.includes(c.status) && (
              <LinkForm busy={busy} onLink={(body, form) => act('links', body, form)} />
            )}
          </Panel>

          <Panel title={t('response.case.thread')} className="panel-wide">
            {work && (
              <form
                className="response-form"
                onSubmit={(event: FormEvent<HTMLFormElement>) => {
                  event.preventDefault();
                  const form = event.currentTarget;
                  const text = String(new FormData(form).get('text') ?? '').trim();
                  if (text) act('notes', { text }, form);
                }}
              >
                <label className="wide">
                  {t('response.case.note')}
                  <textarea name="text" rows={2} maxLength={4000} required />
                </label>
                <div className="form-buttons">
                  <button type="submit" className="primary" disabled={busy}>
                    {t('response.case.addNote')}
                  </button>
                </div>
              </form>
            )}
            <ol className="thread" aria-label={t('response.case.thread')}>
              {[...c.activity].reverse().map((a) => (
                <li key={a.seq} className={`thread-${a.kind}`}>
                  <div className="thread-head">
                    <span className="badge">{kindLabel(a.kind, t)}</span>
                    <ActorName actor={a.author} />
                    <time dateTime={a.at} className="muted">
                      {formatDateTime(a.at, language)}
                    </time>
                  </div>
                  <div>
                    <ActivityText kind={a.kind} text={a.text} statuses="case_statuses" />
                  </div>
                </li>
              ))}
            </ol>
          </Panel>

          <ProposalsPanel
            proposals={c.proposals}
            canPropose={work && (can('list:write') || can('list:propose'))}
            busy={busy}
            onPropose={(body, form) => act('list-proposals', body, form)}
          />
        </div>
      )}
    </LoadedView>
  );
}

/** Assigns the case to me, to someone (chosen from the users when I may list them), or to no one. */
function AssignForm({
  current,
  busy,
  onAssign,
}: {
  current: string | null;
  busy: boolean;
  onAssign: (body: { assignee_id: string | null; note?: string }) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const people = usePeople();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const who = String(form.get('assignee') ?? '').trim();
    const note = String(form.get('note') ?? '').trim();
    if (who) onAssign({ assignee_id: who, ...(note ? { note } : {}) });
  };
  return (
    <form className="response-form" onSubmit={submit} aria-label={t('response.case.assign')}>
      <h3 className="sub wide">{t('response.case.assign')}</h3>
      <div className="form-buttons wide">
        {current !== me && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => onAssign({ assignee_id: me })}
          >
            {t('response.case.assignMe')}
          </button>
        )}
        {current !== null && (
          <button type="button" disabled={busy} onClick={() => onAssign({ assignee_id: null })}>
            {t('response.case.unassign')}
          </button>
        )}
      </div>
      {people.size > 0 ? (
        <label>
          {t('response.case.assignee')}
          <select name="assignee" defaultValue="">
            <option value="">{t('response.case.chooseUser')}</option>
            {[...people].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label>
          {t('response.case.assignee')}
          <input name="assignee" maxLength={128} placeholder={t('response.case.userIdHint')} />
        </label>
      )}
      <label>
        {t('response.case.assignNote')}
        <input name="note" maxLength={4000} />
      </label>
      <div className="form-buttons">
        <button type="submit" disabled={busy}>
          {t('response.case.assignSomeone')}
        </button>
      </div>
      {people.size === 0 && <p className="muted small wide">{t('response.case.noUserList')}</p>}
    </form>
  );
}

/** Starts, closes or reopens the case; closing and reopening need a reason. */
function StatusForm({
  status,
  busy,
  onMove,
}: {
  status: CaseStatus;
  busy: boolean;
  onMove: (body: { status: string; reason?: string }, form: HTMLFormElement) => void;
}) {
  const { t } = useTranslation();
  const moves = MOVES[status];
  const move = (to: string) => (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    if (!form) return;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    onMove({ status: to, ...(reason ? { reason } : {}) }, form);
  };
  return (
    <form
      className="response-form"
      onSubmit={(e) => e.preventDefault()}
      aria-label={t('response.case.status')}
    >
      <h3 className="sub wide">{t('response.case.status')}</h3>
      {moves.some((m) => m !== 'in_progress') && (
        <label className="wide">
          {t('response.case.reason')}
          <input name="reason" maxLength={4000} />
        </label>
      )}
      <div className="form-buttons wide">
        {moves.map((to) => (
          <button key={to} type="button" disabled={busy} onClick={move(to)}>
            {t(`response.case.move.${to}`)}
          </button>
        ))}
      </div>
    </form>
  );
}

/** Resolves the case with a disposition, saying what the chosen disposition will do. */
function ResolveForm({
  decisions,
  busy,
  onResolve,
}: {
  decisions: number;
  busy: boolean;
  onResolve: (body: { disposition: string; note?: string }, form: HTMLFormElement) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const vocabulary = useVocabulary();
  const [disposition, setDisposition] = useState('');
  const effect =
    disposition === 'confirmed_fraud' || disposition === 'false_positive'
      ? decisions > 0
        ? t(`response.case.effect.${disposition}`, { count: decisions })
        : t('response.case.effect.noDecisions')
      : disposition === 'other'
        ? t('response.case.effect.other')
        : disposition
          ? t('response.case.effect.none')
          : '';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const note = String(new FormData(form).get('note') ?? '').trim();
    if (disposition) onResolve({ disposition, ...(note ? { note } : {}) }, form);
  };
  return (
    <form className="response-form" onSubmit={submit} aria-label={t('response.case.resolve')}>
      <h3 className="sub wide">{t('response.case.resolve')}</h3>
      <label>
        {t('response.case.disposition')}
        <select
          name="disposition"
          value={disposition}
          onChange={(e) => setDisposition(e.target.value)}
          required
        >
          <option value="">{t('response.case.chooseDisposition')}</option>
          {vocabulary?.dispositions.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label[language]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('response.case.resolveNote')}
        <input name="note" maxLength={4000} required={disposition === 'other'} />
      </label>
      {effect && (
        <p className="effect wide" role="status">
          {effect}
        </p>
      )}
      <div className="form-buttons wide">
        <button type="submit" className="primary" disabled={busy || !disposition}>
          {t('response.case.resolveButton')}
        </button>
      </div>
    </form>
  );
}

/** Links more decisions and alerts by id. */
function LinkForm({
  busy,
  onLink,
}: {
  busy: boolean;
  onLink: (body: { decision_ids?: string[]; alert_ids?: string[] }, form: HTMLFormElement) => void;
}) {
  const { t } = useTranslation();
  const ids = (value: FormDataEntryValue | null) =>
    String(value ?? '')
      .split(/[\s,，]+/)
      .filter(Boolean);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const decisions = ids(data.get('decision_ids'));
    const alerts = ids(data.get('alert_ids'));
    if (decisions.length + alerts.length === 0) return;
    onLink(
      {
        ...(decisions.length > 0 ? { decision_ids: decisions } : {}),
        ...(alerts.length > 0 ? { alert_ids: alerts } : {}),
      },
      form,
    );
  };
  return (
    <form className="response-form" onSubmit={submit} aria-label={t('response.case.link')}>
      <label>
        {t('response.cases.decisionIds')}
        <input name="decision_ids" placeholder={t('response.cases.idsHint')} />
      </label>
      <label>
        {t('response.cases.alertIds')}
        <input name="alert_ids" placeholder={t('response.cases.idsHint')} />
      </label>
      <div className="form-buttons">
        <button type="submit" disabled={busy}>
          {t('response.case.link')}
        </button>
      </div>
    </form>
  );
}

/** The list entries proposed from this case, each a four-eyes change; and the form to propose more. */
function ProposalsPanel({
  proposals,
  canPropose,
  busy,
  onPropose,
}: {
  proposals: readonly Proposal[];
  canPropose: boolean;
  busy: boolean;
  onPropose: (body: unknown, form: HTMLFormElement) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const values = String(data.get('values') ?? '')
      .split(/\n|,|，/)
      .map((v) => v.trim())
      .filter(Boolean)
      .map((value) => ({ value }));
    onPropose(
      {
        list: String(data.get('list') ?? '').trim(),
        op: String(data.get('op') ?? 'add'),
        reason: String(data.get('reason') ?? '').trim(),
        values,
      },
      form,
    );
  };
  return (
    <Panel title={t('response.case.proposals')} className="panel-wide">
      <p className="muted small">{t('response.case.proposalsHint')}</p>
      {proposals.length === 0 ? (
        <p className="muted">{t('response.case.noProposals')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('response.case.change')}</th>
              <th>{t('response.case.list')}</th>
              <th>{t('response.case.entries')}</th>
              <th>{t('response.case.reason')}</th>
              <th>{t('response.case.proposedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.change_id}>
                <td>
                  <Link to={`/changes/${encodeURIComponent(p.change_id)}`}>
                    {t('response.case.openChange')}
                  </Link>
                </td>
                <td className="mono">
                  {t(`response.case.op.${p.op === 'remove' ? 'remove' : 'add'}`)} {p.list}
                </td>
                <td className="mono">{p.entries.join(', ')}</td>
                <td>{p.reason}</td>
                <td>
                  {formatDateTime(p.proposed_at, language)} · <ActorName actor={p.proposed_by} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canPropose && (
        <form className="response-form" onSubmit={submit} aria-label={t('response.case.propose')}>
          <label>
            {t('response.case.list')}
            <input name="list" required pattern="[a-z][a-z0-9_]{0,63}" />
          </label>
          <label>
            {t('response.case.opLabel')}
            <select name="op" defaultValue="add">
              <option value="add">{t('response.case.op.add')}</option>
              <option value="remove">{t('response.case.op.remove')}</option>
            </select>
          </label>
          <label className="wide">
            {t('response.case.values')}
            <textarea name="values" rows={2} required />
          </label>
          <label className="wide">
            {t('response.case.reason')}
            <input name="reason" required maxLength={500} />
          </label>
          <div className="form-buttons">
            <button type="submit" disabled={busy}>
              {t('response.case.propose')}
            </button>
          </div>
        </form>
      )}
    </Panel>
  );
}
