import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session/session.js';
import { pageCount } from './case-query.js';
import { Pager, useLocalText, useVocabulary, useWords, WordBadge } from './shared.js';
import type { IncidentDetail, IncidentSummary, PageOf } from './types.js';

const PAGE_SIZE = 25;
const STATUSES = ['open', 'mitigated', 'resolved', 'reviewed'];
const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'];

/**
 * Incidents, newest first, filtered on the server by status and severity and paged; people who work
 * incidents open a new one here.
 */
export default function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const vocabulary = useVocabulary();
  const word = useWords();
  const local = useLocalText();
  const { search } = useLocation();
  const status = STATUSES.find((s) => s === search.get('status')) ?? '';
  const severity = SEVERITIES.find((s) => s === search.get('severity')) ?? '';
  const page = Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1);
  const incidents = useApiData(`incidents?${status}:${severity}:${page}`, (api, signal) =>
    api.get<PageOf<IncidentSummary>>(
      '/incidents',
      {
        status: status || undefined,
        severity: severity || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      },
      { signal },
    ),
  );
  const [creating, setCreating] = useState(false);
  const go = (next: { status?: string; severity?: string; page?: number }) => {
    const params = new URLSearchParams();
    const s = next.status ?? status;
    const v = next.severity ?? severity;
    if (s) params.set('status', s);
    if (v) params.set('severity', v);
    if ((next.page ?? 1) > 1) params.set('page', String(next.page));
    navigate(params.size ? `/incidents?${params}` : '/incidents');
  };

  return (
    <div className="response-stack">
      {can('case:work') && (
        <div className="response-actions">
          <button type="button" className="primary" onClick={() => setCreating((v) => !v)}>
            {t('response.incidents.new')}
          </button>
        </div>
      )}
      {creating && <NewIncidentForm onCancel={() => setCreating(false)} />}
      <form
        className="filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('response.incidents.filters')}
      >
        <label>
          {t('response.incidents.status')}
          <select value={status} onChange={(e) => go({ status: e.target.value })}>
            <option value="">{t('common.any')}</option>
            {vocabulary?.incident_statuses.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.incidents.severity')}
          <select value={severity} onChange={(e) => go({ severity: e.target.value })}>
            <option value="">{t('common.any')}</option>
            {vocabulary?.severities.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <LoadedView
        state={incidents}
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState title={t('response.incidents.empty.title')} hint={t('response.incidents.empty.hint')} />
        }
      >
        {(data) => (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('response.incidents.severity')}</th>
                  <th>{t('response.incidents.title')}</th>
                  <th>{t('response.incidents.type')}</th>
                  <th>{t('response.incidents.status')}</th>
                  <th>{t('response.incidents.started')}</th>
                  <th>{t('response.incidents.services')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      <WordBadge value={i.severity} label={word('severities', i.severity)} />
                    </td>
                    <td>
                      <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{local(i.title)}</Link>
                    </td>
                    <td>{word('incident_types', i.type)}</td>
                    <td>
                      <WordBadge value={i.status} label={word('incident_statuses', i.status)} />
                    </td>
                    <td>{formatDateTime(i.started_at, language)}</td>
                    <td className="mono small">{i.impacted_services.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager
              page={page}
              pages={pageCount(data.total, PAGE_SIZE)}
              total={data.total}
              onPage={(p) => go({ page: p })}
            />
          </>
        )}
      </LoadedView>
    </div>
  );
}

/** Opens an incident: what happened, its kind and severity, and the services hit. */
function NewIncidentForm({ onCancel }: { onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api } = useSession();
  const vocabulary = useVocabulary();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const services = field('services')
      .split(/[\s,，]+/)
      .filter(Boolean);
    setBusy(true);
    setError(undefined);
    api
      .post<IncidentDetail>('/incidents', {
        title: field('title'),
        type: field('type'),
        severity: field('severity'),
        ...(field('description') ? { description: field('description') } : {}),
        ...(services.length > 0 ? { impacted_services: services } : {}),
      })
      .then((created) => navigate(`/incidents/${encodeURIComponent(created.id)}`))
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <Panel title={t('response.incidents.new')}>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="response-form" onSubmit={submit}>
        <label className="wide">
          {t('response.incidents.title')}
          <input name="title" required maxLength={200} />
        </label>
        <label>
          {t('response.incidents.type')}
          <select name="type" defaultValue="system_outage">
            {vocabulary?.incident_types.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('response.incidents.severity')}
          <select name="severity" defaultValue="SEV3">
            {vocabulary?.severities.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label[language]}
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t('response.incidents.description')}
          <textarea name="description" rows={3} maxLength={4000} />
        </label>
        <label className="wide">
          {t('response.incidents.services')}
          <input name="services" placeholder={t('response.cases.idsHint')} />
        </label>
        <div className="form-buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('response.incidents.create')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
