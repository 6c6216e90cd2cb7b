import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/admin-types.js';
import { LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';

/** One audit entry in full: who did what to which target, its payload and its place in the chain. */
export default function AuditEntryPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const seq = params['seq'] ?? '';
  const entry = useApiData(`audit:${seq}`, (api, signal) =>
    api.get<AuditEntry>(`/audit/${encodeURIComponent(seq)}`, {}, { signal }),
  );
  return (
    <LoadedView state={entry} isEmpty={() => false} empty={null}>
      {(e) => (
        <div className="trace">
          <Panel title={t('auditLog.entry')} actions={<Link to="/audit">{t('auditLog.back')}</Link>}>
            <dl className="facts">
              <dt>{t('auditLog.seq')}</dt>
              <dd>{e.seq}</dd>
              <dt>{t('auditLog.time')}</dt>
              <dd>{formatDateTime(e.ts, language)}</dd>
              <dt>{t('auditLog.action')}</dt>
              <dd className="mono">{e.action}</dd>
              <dt>{t('auditLog.actor')}</dt>
              <dd className="mono">
                {t(`auditLog.actorTypes.${e.actor.type}`)} {e.actor.id}
              </dd>
              <dt>{t('auditLog.target')}</dt>
              <dd className="mono">
                {e.target.type}/{e.target.id}
              </dd>
              <dt>{t('auditLog.outcome')}</dt>
              <dd className="mono">{e.outcome}</dd>
              <dt>{t('auditLog.prevHash')}</dt>
              <dd className="mono small">{e.prev_hash}</dd>
              <dt>{t('auditLog.hash')}</dt>
              <dd className="mono small">{e.hash}</dd>
            </dl>
          </Panel>
          <Panel title={t('auditLog.payload')}>
            <pre className="json">{JSON.stringify(e.payload, null, 2)}</pre>
          </Panel>
        </div>
      )}
    </LoadedView>
  );
}
