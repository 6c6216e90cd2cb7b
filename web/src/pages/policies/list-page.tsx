import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link, navigate, useLocation } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import './policies.css';
import type { ChangeRef, EntryPage, ImportReport, ListView } from './types.js';

const PAGE = 50;

/**
 * One list: its entries (masked for identity numbers, phones and cards), paged and looked up on the
 * server; adding and removing entries, and importing a CSV file. A protected list takes its changes
 * through four eyes: the same forms then submit a change for someone else to approve.
 */
export default function ListPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const name = params['name'] ?? '';
  const path = `/lists/${encodeURIComponent(name)}`;
  const { search } = useLocation();
  const value = search.get('value') ?? undefined;
  const after = search.get('after') ?? undefined;
  const [cursors, setCursors] = useState<string[]>([]);
  const list = useApiData(`list:${name}`, (api, signal) => api.get<ListView>(path, {}, { signal }));
  const entries = useApiData(`list-entries:${name}:${search.toString()}`, (api, signal) =>
    api.get<EntryPage>(`${path}/entries`, { value, after, limit: PAGE }, { signal }),
  );
  const reload = () => {
    list.reload();
    entries.reload();
  };
  const go = (next: { value?: string | undefined; after?: string | undefined }) => {
    const q = new URLSearchParams();
    if (next.value) q.set('value', next.value);
    if (next.after) q.set('after', next.after);
    navigate(`${path}${q.size ? `?${q}` : ''}`);
  };
  const lookup = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCursors([]);
    go({ value: String(new FormData(event.currentTarget).get('value') ?? '').trim() || undefined });
  };
  const writable = can('list:write');

  return (
    <div className="trace">
      <LoadedView state={list} isEmpty={() => false} empty={null}>
        {(l) => (
          <Panel title={l.name} actions={<Link to="/lists">{t('policies.lists.back')}</Link>}>
            <dl className="facts">
              <dt>{t('policies.lists.description')}</dt>
              <dd>{l.description[language]}</dd>
              <dt>{t('policies.lists.kind')}</dt>
              <dd>{t(`policies.listKinds.${l.kind}`)}</dd>
              <dt>{t('policies.lists.purpose')}</dt>
              <dd>{t(`policies.purposes.${l.purpose}`)}</dd>
              <dt>{t('policies.lists.protected')}</dt>
              <dd>{l.protected ? t('policies.lists.protectedYes') : t('policies.lists.no')}</dd>
              <dt>{t('policies.lists.entries')}</dt>
              <dd>{formatNumber(l.entries, language)}</dd>
              <dt>{t('policies.lists.hashed')}</dt>
              <dd>{l.hashed ? t('policies.lists.hashedYes') : t('policies.lists.no')}</dd>
            </dl>
          </Panel>
        )}
      </LoadedView>
      {writable && list.data && (
        <>
          <AddEntry list={list.data} onDone={reload} />
          <ImportCsv list={list.data} onDone={reload} />
        </>
      )}
      <Panel title={t('policies.lists.entriesTitle')} className="panel-wide">
        <form className="filters" onSubmit={lookup} aria-label={t('policies.lists.lookup')}>
          <label>
            {t('policies.lists.value')}
            <input name="value" defaultValue={value} />
          </label>
          <button type="submit">{t('policies.lists.lookup')}</button>
          {value && (
            <button type="button" className="link-button" onClick={() => go({})}>
              {t('policies.lists.clear')}
            </button>
          )}
        </form>
        <LoadedView
          state={entries}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <EmptyState
              title={t('policies.lists.noEntriesTitle')}
              hint={writable ? t('policies.lists.noEntriesHint') : t('policies.lists.noEntriesReadHint')}
            />
          }
        >
          {(d) => (
            <>
              <p className="muted small">{t('policies.lists.total', { count: d.total })}</p>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('policies.lists.value')}</th>
                    <th>{t('policies.lists.reason')}</th>
                    <th>{t('policies.lists.source')}</th>
                    <th>{t('policies.lists.addedBy')}</th>
                    <th>{t('policies.lists.added')}</th>
                    <th>{t('policies.lists.expires')}</th>
                    {writable && (
                      <th>
                        <span className="visually-hidden">{t('policies.lists.remove')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((e) => (
                    <tr key={e.value} className={e.expired ? 'muted' : undefined}>
                      <td className="mono">{e.display}</td>
                      <td>{e.reason}</td>
                      <td>{e.source}</td>
                      <td className="mono">{e.created_by.id}</td>
                      <td>{formatDateTime(e.created_at, language)}</td>
                      <td>
                        {e.expires_at ? formatDateTime(e.expires_at, language) : t('policies.lists.never')}
                        {e.expired && ` (${t('policies.lists.expired')})`}
                      </td>
                      {writable && list.data && (
                        <td>
                          <RemoveEntry list={list.data} value={e.value} display={e.display} onDone={reload} />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="pager">
                {cursors.length > 0 && (
                  <button
                    type="button"
                    onClick={() => {
                      const previous = cursors.slice(0, -1);
                      setCursors(previous);
                      go({ value, after: previous.at(-1) });
                    }}
                  >
                    {t('common.previous')}
                  </button>
                )}
                {d.next_after !== null && (
                  <button
                    type="button"
                    onClick={() => {
                      const next = d.next_after ?? undefined;
                      setCursors([...cursors, next ?? '']);
                      go({ value, after: next });
                    }}
                  >
                    {t('common.next')}
                  </button>
                )}
              </div>
            </>
          )}
        </LoadedView>
      </Panel>
    </div>
  );
}

/** What a protected list answers instead of changing: the four-eyes change to open. */
function ChangeNotice({ change }: { change: ChangeRef }) {
  const { t } = useTranslation();
  return (
    <p role="status">
      {t('policies.lists.changeSubmitted')}{' '}
      <Link to={`/changes/${change.id}`}>{t('policies.publish.openChange')}</Link>
    </p>
  );
}

function AddEntry({ list, onDone }: { list: ListView; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [change, setChange] = useState<ChangeRef | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const value = String(form.get('value') ?? '').trim();
    const reason = String(form.get('reason') ?? '').trim();
    const expires = String(form.get('expires') ?? '');
    const expires_at = expires ? new Date(expires).toISOString() : undefined;
    setError(undefined);
    setDone(undefined);
    setChange(undefined);
    const path = `/lists/${encodeURIComponent(list.name)}`;
    const request = list.protected
      ? api
          .post<ChangeRef>(`${path}/changes`, { op: 'add', reason, entries: [{ value, reason, expires_at }] })
          .then(setChange)
      : api
          .post<{ status: string; entry: { display: string } }>(`${path}/entries`, {
            value,
            reason,
            expires_at,
          })
          .then((r) => setDone(t(`policies.lists.addStatus.${r.status}`, { display: r.entry.display })));
    request
      .then(() => {
        formEl.reset();
        onDone();
      })
      .catch(setError);
  };
  return (
    <Panel title={t('policies.lists.addTitle')}>
      {list.protected && <p className="muted small">{t('policies.lists.protectedHint')}</p>}
      {error !== undefined && <ErrorNotice error={error} />}
      {change && <ChangeNotice change={change} />}
      {done && <p role="status">{done}</p>}
      <form className="filters" onSubmit={submit} aria-label={t('policies.lists.addTitle')}>
        <label>
          {t('policies.lists.value')}
          <input name="value" required maxLength={300} />
        </label>
        <label>
          {t('policies.lists.reason')}
          <input name="reason" required maxLength={500} />
        </label>
        <label>
          {t('policies.lists.expires')}
          <input name="expires" type="datetime-local" />
        </label>
        <button type="submit" className="primary">
          {list.protected ? t('policies.lists.submitAdd') : t('policies.lists.add')}
        </button>
      </form>
    </Panel>
  );
}

function RemoveEntry({
  list,
  value,
  display,
  onDone,
}: {
  list: ListView;
  value: string;
  display: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [change, setChange] = useState<ChangeRef | undefined>(undefined);
  if (change) return <ChangeNotice change={change} />;
  if (!open) {
    return (
      <button
        type="button"
        className="link-button"
        onClick={() => setOpen(true)}
        aria-label={t('policies.lists.removeOne', { value: display })}
      >
        {t('policies.lists.remove')}
      </button>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const path = `/lists/${encodeURIComponent(list.name)}`;
    setError(undefined);
    const request = list.protected
      ? api.post<ChangeRef>(`${path}/changes`, { op: 'remove', reason, entries: [{ value }] }).then(setChange)
      : api
          .delete(`${path}/entries/${encodeURIComponent(value)}?reason=${encodeURIComponent(reason)}`)
          .then(onDone);
    request.catch(setError);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      {error !== undefined && <ErrorNotice error={error} />}
      <input
        name="reason"
        required
        maxLength={500}
        aria-label={t('policies.lists.removeReason')}
        placeholder={t('policies.lists.removeReason')}
      />
      <button type="submit" className="danger">
        {t('policies.lists.remove')}
      </button>
    </form>
  );
}

function ImportCsv({ list, onDone }: { list: ListView; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [csv, setCsv] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [report, setReport] = useState<ImportReport | undefined>(undefined);
  const [change, setChange] = useState<ChangeRef | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setReport(undefined);
    setChange(undefined);
    if (!file) return setCsv(undefined);
    file.text().then(setCsv).catch(setError);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!csv) return;
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const path = `/lists/${encodeURIComponent(list.name)}`;
    setError(undefined);
    setBusy(true);
    const request = list.protected
      ? api.post<ChangeRef>(`${path}/changes`, { op: 'import', reason, csv }).then(setChange)
      : api.post<ImportReport>(`${path}/import`, { csv, ...(reason ? { reason } : {}) }).then((r) => {
          setReport(r);
          onDone();
        });
    request.catch(setError).finally(() => setBusy(false));
  };
  const refused = report?.results.filter((r) => r.status === 'refused') ?? [];
  return (
    <Panel title={t('policies.lists.importTitle')}>
      <p className="muted small">{t('policies.lists.importHint')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      <form className="filters" onSubmit={submit} aria-label={t('policies.lists.importTitle')}>
        <label>
          {t('policies.lists.file')}
          <input name="file" type="file" accept=".csv,text/csv" onChange={pick} />
        </label>
        <label>
          {t('policies.lists.reason')}
          <input name="reason" maxLength={500} required={list.protected} />
        </label>
        <button type="submit" className="primary" disabled={!csv || busy}>
          {list.protected ? t('policies.lists.submitImport') : t('policies.lists.import')}
        </button>
      </form>
      {change && <ChangeNotice change={change} />}
      {report && (
        <div className="import-report" role="status">
          <p>
            {t('policies.lists.importResult', {
              rows: report.rows,
              added: report.added,
              updated: report.updated,
              refused: report.refused,
            })}
          </p>
          {refused.length > 0 && (
            <table className="table">
              <caption>{t('policies.lists.refusedRows')}</caption>
              <thead>
                <tr>
                  <th className="num">{t('policies.lists.line')}</th>
                  <th>{t('policies.lists.value')}</th>
                  <th>{t('policies.lists.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {refused.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.line}</td>
                    <td className="mono">{r.display ?? ''}</td>
                    <td>{r.message ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Panel>
  );
}
