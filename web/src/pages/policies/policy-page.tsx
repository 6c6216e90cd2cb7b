import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { PolicyDiffView } from './policy-diff.js';
import './policies.css';
import { PublishForm } from './publish-form.js';
import type { ChangeRef, PolicyVersion, PolicyView, VersionSummary } from './types.js';

/**
 * One policy: its deployment, its versions with status and author, the text of any version, what
 * changed between two versions, and the actions: edit as a new draft, ask for a version to be
 * deployed and ask for the previous deployment back (both approved by a second person).
 */
export default function PolicyPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const id = params['id'] ?? '';
  const path = `/policies/${encodeURIComponent(id)}`;
  const policy = useApiData(`policy:${id}`, (api, signal) => api.get<PolicyView>(path, {}, { signal }));
  const versions = useApiData(`policy-versions:${id}`, (api, signal) =>
    api.get<{ items: VersionSummary[] }>(`${path}/versions`, {}, { signal }),
  );
  const [shown, setShown] = useState<number | undefined>(undefined);
  const [compare, setCompare] = useState<{ from: number; to: number } | undefined>(undefined);
  const items = versions.data?.items ?? [];
  const latest = items[0]?.version;
  const viewing = shown ?? policy.data?.deployed_version ?? latest;
  const source = useApiData(`policy-source:${id}:${viewing ?? ''}`, (api, signal) =>
    viewing === undefined
      ? Promise.resolve(undefined)
      : api.get<PolicyVersion>(`${path}/versions/${viewing}`, {}, { signal }),
  );
  const mayChange = can('policy:write') && can('change:submit');

  const chooseDiff = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setCompare({ from: Number(form.get('from')), to: Number(form.get('to')) });
  };

  return (
    <div className="trace">
      <LoadedView state={policy} isEmpty={() => false} empty={null}>
        {(p) => (
          <Panel
            title={p.id}
            actions={
              <span className="panel-actions">
                <Link to="/policies">{t('policies.detail.back')}</Link>
                {can('policy:write') && (
                  <Link
                    className="button-link"
                    to={`${path}/edit${viewing !== undefined ? `?from=${viewing}` : ''}`}
                  >
                    {t('policies.detail.edit')}
                  </Link>
                )}
              </span>
            }
          >
            <dl className="facts">
              <dt>{t('policies.fields.eventType')}</dt>
              <dd className="mono">{p.event_type}</dd>
              <dt>{t('policies.fields.mode')}</dt>
              <dd>
                <span className={`badge mode-${p.mode}`}>{t(`policies.modes.${p.mode}`)}</span>
              </dd>
              <dt>{t('policies.fields.deployed')}</dt>
              <dd>{p.deployed_version ?? '—'}</dd>
              <dt>{t('policies.fields.previous')}</dt>
              <dd>
                {p.previous
                  ? t('policies.detail.previousValue', {
                      version: p.previous.version,
                      mode: t(`policies.modes.${p.previous.mode}`),
                    })
                  : '—'}
              </dd>
              <dt>{t('policies.fields.latest')}</dt>
              <dd>{p.latest_version}</dd>
              <dt>{t('policies.fields.updated')}</dt>
              <dd>{formatDateTime(p.updated_at, language)}</dd>
            </dl>
          </Panel>
        )}
      </LoadedView>
      {mayChange && policy.data && items.length > 0 && (
        <Panel title={t('policies.publish.title')}>
          <PublishForm policyId={id} versions={items.map((v) => v.version)} onDone={policy.reload} />
        </Panel>
      )}
      {mayChange && policy.data?.previous && <RollbackForm policyId={id} onDone={policy.reload} />}
      <Panel title={t('policies.versions.title')} className="panel-wide">
        <LoadedView state={versions} isEmpty={(d) => d.items.length === 0} empty={null}>
          {(d) => (
            <table className="table">
              <thead>
                <tr>
                  <th className="num">{t('policies.versions.version')}</th>
                  <th>{t('policies.versions.status')}</th>
                  <th>{t('policies.versions.author')}</th>
                  <th>{t('policies.versions.created')}</th>
                  <th>{t('policies.versions.checksum')}</th>
                  <th>
                    <span className="visually-hidden">{t('policies.versions.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.items.map((v) => (
                  <tr key={v.version} className={v.version === viewing ? 'selected-row' : undefined}>
                    <td className="num">{v.version}</td>
                    <td>
                      <span className={`badge status-${v.status}`}>{t(`policies.statuses.${v.status}`)}</span>
                    </td>
                    <td className="mono">{v.created_by_id}</td>
                    <td>{formatDateTime(v.created_at, language)}</td>
                    <td className="mono small">{v.checksum.slice(0, 19)}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setShown(v.version)}
                        aria-pressed={v.version === viewing}
                      >
                        {t('policies.versions.view', { version: v.version })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </LoadedView>
      </Panel>
      {items.length > 1 && (
        <Panel title={t('policies.diff.title')} className="panel-wide">
          <form className="filters" onSubmit={chooseDiff} aria-label={t('policies.diff.title')}>
            <label>
              {t('policies.diff.from')}
              <select name="from" defaultValue={items[1]?.version}>
                {items.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('policies.diff.to')}
              <select name="to" defaultValue={items[0]?.version}>
                {items.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('policies.diff.compare')}</button>
          </form>
          {compare && <PolicyDiffView policyId={id} from={compare.from} to={compare.to} />}
        </Panel>
      )}
      <Panel
        title={
          viewing === undefined
            ? t('policies.source.title')
            : t('policies.source.titleOf', { version: viewing })
        }
        className="panel-wide"
      >
        <LoadedView state={source} isEmpty={(v) => v === undefined} empty={null}>
          {(v) =>
            v && (
              // Read-only text field: the source mixes both languages (descriptions, comments) and
              // is data, shown as written; it keeps its own scroll for long policies.
              <textarea
                className="code-text json-input policy-source"
                readOnly
                value={v.source}
                rows={Math.min(32, v.source.split('\n').length + 1)}
                wrap="off"
                aria-label={t('policies.source.titleOf', { version: v.version })}
              />
            )
          }
        </LoadedView>
      </Panel>
    </div>
  );
}

/** Asks for the previous deployment back, with a reason; a second person approves. */
function RollbackForm({ policyId, onDone }: { policyId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const [change, setChange] = useState<ChangeRef | undefined>(undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setError(undefined);
    api
      .post<ChangeRef>(`/policies/${encodeURIComponent(policyId)}/rollback`, { reason })
      .then((c) => {
        setChange(c);
        onDone();
      })
      .catch(setError);
  };
  return (
    <Panel title={t('policies.rollback.title')}>
      <p className="muted small">{t('policies.rollback.hint')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      {change ? (
        <p role="status">
          {t('policies.publish.submitted')}{' '}
          <Link to={`/changes/${change.id}`}>{t('policies.publish.openChange')}</Link>
        </p>
      ) : (
        <form className="inline-form" onSubmit={submit}>
          <input
            name="reason"
            required
            maxLength={2000}
            aria-label={t('policies.rollback.reason')}
            placeholder={t('policies.rollback.reason')}
          />
          <button type="submit" className="danger">
            {t('policies.rollback.submit')}
          </button>
        </form>
      )}
    </Panel>
  );
}
