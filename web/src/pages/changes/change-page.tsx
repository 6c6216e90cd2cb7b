import { lazy, type MouseEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeDetail } from '../../api/admin-types.js';
import { PersonName } from '../../components/people.js';
import { ErrorNotice, LoadedView, Loading, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { formatDateTime } from '../../i18n/format.js';
import { languageOf } from '../../i18n/language.js';
import { Link } from '../../router.js';
import type { PageProps } from '../../routes.js';
import { useSession } from '../../session/session.js';

type Decision = 'approve' | 'reject';

/** What a policy publication changes, loaded only for such changes (it brings the policy pages' code). */
const PolicyChangeDetail = lazy(() =>
  import('../policies/policy-change-detail.js').then((m) => ({ default: m.PolicyChangeDetail })),
);

/**
 * One four-eyes change: its description in both languages, what it proposes and why, and for a
 * pending one the approve / reject form with a note. The page does not guess who may decide: the
 * server checks the kind's approving permission and refuses self-approval, and its answer is shown.
 */
export default function ChangePage({ params }: PageProps) {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const { api, state } = useSession();
  const me = state.status === 'signed_in' ? state.session.user.id : '';
  const id = params['id'] ?? '';
  const change = useApiData(`change:${id}`, (a, signal) =>
    a.get<ChangeDetail>(`/changes/${encodeURIComponent(id)}`, {}, { signal }),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const decide = (decision: Decision) => (event: MouseEvent<HTMLButtonElement>) => {
    const form = event.currentTarget.form;
    const note = String(form ? (new FormData(form).get('note') ?? '') : '').trim();
    setError(undefined);
    setBusy(true);
    api
      .post(`/changes/${encodeURIComponent(id)}/${decision}`, note ? { comment: note } : {})
      .then(() => change.reload())
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <LoadedView state={change} isEmpty={() => false} empty={null}>
      {(c) => (
        <div className="trace">
          <Panel title={t('changes.detail')} actions={<Link to="/changes">{t('changes.back')}</Link>}>
            <dl className="facts">
              <dt>{t('changes.descriptionEn')}</dt>
              <dd lang="en">{c.summary.en}</dd>
              <dt>{t('changes.descriptionZh')}</dt>
              <dd lang="zh-CN">{c.summary.zh}</dd>
              <dt>{t('changes.status')}</dt>
              <dd>
                <span className={`badge change-${c.status}`}>{t(`changes.statuses.${c.status}`)}</span>
              </dd>
              <dt>{t('changes.kind')}</dt>
              <dd className="mono">{c.kind}</dd>
              <dt>{t('changes.target')}</dt>
              <dd className="mono">
                {c.target.type}/{c.target.id}
              </dd>
              <dt>{t('changes.reason')}</dt>
              <dd>{c.reason}</dd>
              <dt>{t('changes.maker')}</dt>
              <dd>
                <PersonName id={c.maker.id} />
              </dd>
              <dt>{t('changes.submittedAt')}</dt>
              <dd>{formatDateTime(c.submitted_at, language)}</dd>
              <dt>{t('changes.expiresAt')}</dt>
              <dd>{formatDateTime(c.expires_at, language)}</dd>
              {c.decided_at && (
                <>
                  <dt>{t('changes.decidedBy')}</dt>
                  <dd>{c.decided_by ? <PersonName id={c.decided_by.id} /> : '—'}</dd>
                  <dt>{t('changes.decidedAt')}</dt>
                  <dd>{formatDateTime(c.decided_at, language)}</dd>
                  <dt>{t('changes.comment')}</dt>
                  <dd>{c.decision_comment ?? '—'}</dd>
                </>
              )}
            </dl>
          </Panel>
          {c.kind === 'policy.publish' && (
            <Suspense fallback={<Loading />}>
              <PolicyChangeDetail change={c} />
            </Suspense>
          )}
          <Panel title={t('changes.content')}>
            <pre className="json">{JSON.stringify(c.content, null, 2)}</pre>
          </Panel>
          {c.status === 'pending' && (
            <Panel title={t('changes.decide')}>
              {c.maker.id === me && <p className="muted">{t('changes.ownChange')}</p>}
              {error !== undefined && <ErrorNotice error={error} />}
              <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
                <input
                  name="note"
                  aria-label={t('changes.note')}
                  placeholder={t('changes.note')}
                  maxLength={2000}
                />
                <button type="submit" className="primary" disabled={busy} onClick={decide('approve')}>
                  {t('changes.approve')}
                </button>
                <button type="button" disabled={busy} onClick={decide('reject')}>
                  {t('changes.reject')}
                </button>
              </form>
            </Panel>
          )}
        </div>
      )}
    </LoadedView>
  );
}
