import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';
import { type CaseFilters, caseFiltersFrom, caseQueryOf, casesPathOf, pageCount } from './case-query.js';
import { Pager, useLocalText, useMe, useVocabulary, WordBadge } from './shared.js';
import type { CaseDetail, CaseSummary, PageOf } from './types.js';
import { wordLabel } from './words.js';

/**
 * The case list: filtered on the server by status, priority, type, assignee and overdue, earliest
 * due first, a page at a time; the filters live in the address. People who work cases open a new
 * one by hand here (cases from decisions and alerts are opened with their ids).
 */
export default function CasesPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const me = useMe();
  const local = useLocalText();
  const vocabulary = useVocabulary();
  const { search } = useLocation();
  const filters = caseFiltersFrom(search);
  const cases = useApiData(`cases?${casesPathOf(filters)}:${me}`, (api, signal) =>
    api.get<PageOf<CaseSummary>>('/cases', caseQueryOf(filters, me), { signal }),
  );
  const [creating, setCreating] = useState(false);
  const label = (list: Parameters<typeof wordLabel>[1], value: string) =>
    wordLabel(vocabulary, list, value, language);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const next: CaseFilters = {
      status: field('status'),
      priority: field('priority'),
      type: field('type'),
      assignee: field('assignee'),
      overdue: form.get('overdue') === 'on',
      page: 1,
    };
    navigate(casesPathOf(next));
  };

  return (
    <div className="response-stack">
      {can('case:work') && (
        <div className="response-actions">
          <button type="button" className="primary" onClick={() => setCreating((v) => !v)}>
            {t('response.cases.new')}
          </button>
        </div>
      )}
      {creating && <NewCaseForm onCancel={() => setCreating(false)} />}
      <form
        className="filters"
        onSubmit={apply}
        aria-label={t('response.cases.filters')}
        key={search.toString()}
      >
        <label>
          {t('response.cases.status')}
          <select name="status" defaultValue={filters.status}>
            <option value="active">{t('response.cases.active')}</option>
            <option value="">{t('common.any')}</option>
            {vocabulary?.case_statuses.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.cases.priority')}
          <select name="priority" defaultValue={filters.priority}>
            <option value="">{t('common.any')}</option>
            {vocabulary?.priorities.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.cases.type')}
          <select name="type" defaultValue={filters.type}>
            <option value="">{t('common.any')}</option>
            {vocabulary?.case_types.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.cases.assignee')}
          <input
            name="assignee"
            defaultValue={filters.assignee}
            list="response-assignee-hints"
            placeholder={t('response.cases.assigneeHint')}
          />
          <datalist id="response-assignee-hints">
            <option value="me">{t('response.actor.me')}</option>
          </datalist>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="overdue" defaultChecked={filters.overdue} />
          {t('response.cases.overdueOnly')}
        </label>
        <button type="submit" className="primary">
          {t('response.cases.apply')}
        </button>
      </form>
      <LoadedView
        state={cases}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState
            title={t('response.cases.empty.title')}
            hint={t(can('case:work') ? 'response.cases.empty.hintWork' : 'response.cases.empty.hint')}
          />
        }
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('response.cases.priority')}</th>
                  <th>{t('response.cases.title')}</th>
                  <th>{t('response.cases.type')}</th>
                  <th>{t('response.cases.status')}</th>
                  <th>{t('response.cases.assignee')}</th>
                  <th>{t('response.cases.due')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <WordBadge value={c.priority} label={label('priorities', c.priority)} />
                    </td>
                    <td>
                      <Link to={`/cases/${encodeURIComponent(c.id)}`}>{local(c.title)}</Link>
                      {c.subjects.length > 0 && (
                        <div className="muted small mono">
                          {c.subjects.map((s) => `${s.key}=${s.value}`).join(' · ')}
                        </div>
                      )}
                    </td>
                    <td>{label('case_types', c.type)}</td>
                    <td>
                      <WordBadge value={c.status} label={label('case_statuses', c.status)} />
                      {c.disposition && <div className="small">{label('dispositions', c.disposition)}</div>}
                    </td>
                    <td>
                      {c.assignee_id === null ? (
                        <span className="muted">{t('response.cases.unassigned')}</span>
                      ) : c.assignee_id === me ? (
                        t('response.actor.me')
                      ) : (
                        <span className="mono">{c.assignee_id}</span>
                      )}
                    </td>
                    <td>
                      {formatDateTime(c.due_at, language)}
                      {c.overdue && <span className="badge overdue">{t('response.overdue')}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              page={filters.page}
              pages={pageCount(data.total)}
              total={data.total}
              onPage={(page) => navigate(casesPathOf({ ...filters, page }))}
            />
          </>
        )}
      </LoadedView>
    </div>
  );
}

/** Opens a case by hand: a title, its type and priority, and optionally decisions and alerts. */
function NewCaseForm({ onCancel }: { onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const vocabulary = useVocabulary();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const ids = (text: string) =>
    text
      .split(/[\s,，]+/)
      .map((s) => s.trim())
      .filter(Boolean);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const decisions = ids(field('decision_ids'));
    const alerts = ids(field('alert_ids'));
    setBusy(true);
    setError(undefined);
    api
      .post<CaseDetail>('/cases', {
        title: field('title'),
        type: field('type'),
        priority: field('priority'),
        ...(field('description') ? { description: field('description') } : {}),
        ...(decisions.length > 0 ? { decision_ids: decisions } : {}),
        ...(alerts.length > 0 ? { alert_ids: alerts } : {}),
      })
      .then((created) => navigate(`/cases/${encodeURIComponent(created.id)}`))
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <Panel title={t('response.cases.new')}>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="response-form" onSubmit={submit}>
        <label>
          {t('response.cases.title')}
          <input name="title" required maxLength={200} />
        </label>
        <label>
          {t('response.cases.type')}
          <select name="type" defaultValue="fraud">
            {vocabulary?.case_types.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.cases.priority')}
          <select name="priority" defaultValue="P3">
            {vocabulary?.priorities.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('response.cases.description')}
          <textarea name="description" rows={3} maxLength={4000} />
        </label>
        <label>
          {t('response.cases.decisionIds')}
          <input name="decision_ids" placeholder={t('response.cases.idsHint')} />
        </label>
        <label>
          {t('response.cases.alertIds')}
          <input name="alert_ids" placeholder={t('response.cases.idsHint')} />
        </label>
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('response.cases.create')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
