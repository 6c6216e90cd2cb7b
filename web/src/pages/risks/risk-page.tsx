import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';
import { GradeBadge, OwnerName, useTypeName } from './bits.js';
import { LinkedKris } from './linked-kris.js';
import { RegradeForm } from './regrade-form.js';
import { RiskControls } from './risk-controls.js';
import { RiskEditForm } from './risk-edit-form.js';
import type { Risk } from './types.js';
import './risks.css';

/**
 * One risk: what it is, who owns it, its grading before and after controls, its controls with their
 * last tests, and the KRIs that watch it with their current bands. People with kri:write edit the
 * fields that need no second person here; a new grading goes to four-eyes approval.
 */
export default function RiskPage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { can } = useSession();
  const id = params['id'] ?? '';
  const risk = useApiData(`risk:${id}`, (api, signal) =>
    api.get<Risk>(`/risks/${encodeURIComponent(id)}`, {}, { signal }),
  );
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const typeName = useTypeName();

  return (
    <LoadedView state={risk} isEmpty={() => false} empty={null}>
      {(r) => (
        <div className="trace risks">
          <Panel
            title={`${r.id} · ${r.title[language]}`}
            className="panel-wide"
            actions={
              <span className="panel-actions">
                {can('kri:write') && !editing && (
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(true);
                      setSaved(false);
                    }}
                  >
                    {t('risks.edit.open')}
                  </button>
                )}
                <Link to="/risks">{t('risks.risk.back')}</Link>
              </span>
            }
          >
            {saved && (
              <p className="notice" role="status">
                {t('risks.edit.saved')}
              </p>
            )}
            {editing ? (
              <RiskEditForm
                risk={r}
                onDone={(changed) => {
                  setEditing(false);
                  if (changed) {
                    setSaved(true);
                    risk.reload();
                  }
                }}
              />
            ) : (
              <dl className="facts">
                <dt>{t('risks.fields.type')}</dt>
                <dd>{typeName(r.category, r.category_label)}</dd>
                <dt>{t('risks.fields.owner')}</dt>
                <dd>
                  <OwnerName owner={r.owner} />
                </dd>
                <dt>{t('risks.fields.status')}</dt>
                <dd>{t(`risks.status.${r.status}`)}</dd>
                <dt>{t('risks.fields.cause')}</dt>
                <dd className="risk-cause">{r.cause[language]}</dd>
                <dt>{t('risks.fields.consequence')}</dt>
                <dd>{r.consequence[language]}</dd>
                <dt>{t('risks.fields.inherent')}</dt>
                <dd>
                  <GradeBadge grade={r.inherent} />{' '}
                  <span className="muted small">
                    {t('risks.gradeOf', { likelihood: r.inherent.likelihood, impact: r.inherent.impact })}
                  </span>
                </dd>
                <dt>{t('risks.fields.residual')}</dt>
                <dd>
                  <GradeBadge grade={r.residual} />{' '}
                  <span className="muted small">
                    {t('risks.gradeOf', { likelihood: r.residual.likelihood, impact: r.residual.impact })}
                  </span>
                </dd>
                <dt>{t('risks.fields.updated')}</dt>
                <dd>
                  {formatDateTime(r.updated_at, language)} ·{' '}
                  {t('risks.fields.versionN', { version: r.version })}
                </dd>
              </dl>
            )}
          </Panel>
          <RiskControls risk={r} onChange={risk.reload} />
          <LinkedKris ids={r.kri_ids} />
          {can('kri:write') && can('change:submit') && <RegradeForm risk={r} />}
        </div>
      )}
    </LoadedView>
  );
}
