import { useTranslation } from 'react-i18next';
import { EmptyState, LoadedView, Panel } from '../../components/states.js';
import { useApiData } from '../../components/use-api-data.js';
import { Link } from '../../router.js';
import { PolicyDiffView } from './policy-diff.js';
import './policies.css';
import type { PolicyView, PublishContent } from './types.js';

/** The change kind that deploys a policy version (`src/modules/engine/policies/publish-kind.ts`). */
export const POLICY_PUBLISH_KIND = 'policy.publish';

/** What the approver's view needs of a change (`GET /changes/{id}`). */
export interface PolicyChangeLike {
  readonly kind: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly content: unknown;
  readonly status?: string;
}

/**
 * For a `policy.publish` change: what the submitted version changes against the version deployed
 * now (rules added, removed and changed with their CEL), so the approver sees what they approve.
 * Renders nothing for other kinds. After approval the deployed version is the submitted one, so the
 * diff is then taken from the version before it.
 */
export function PolicyChangeDetail({ change }: { change: PolicyChangeLike }) {
  if (change.kind !== POLICY_PUBLISH_KIND || change.target.type !== 'policy') return null;
  return <PublishDiff policyId={change.target.id} content={change.content as PublishContent} />;
}

function PublishDiff({ policyId, content }: { policyId: string; content: PublishContent }) {
  const { t } = useTranslation();
  const policy = useApiData(`policy:${policyId}`, (api, signal) =>
    api.get<PolicyView>(`/policies/${encodeURIComponent(policyId)}`, {}, { signal }),
  );
  return (
    <Panel
      title={t('policies.changeDetail.title')}
      className="panel-wide"
      actions={
        <Link to={`/policies/${encodeURIComponent(policyId)}`}>{t('policies.changeDetail.open')}</Link>
      }
    >
      <LoadedView state={policy} isEmpty={() => false} empty={null}>
        {(p) => {
          const deployed = p.deployed_version;
          const from =
            deployed !== null && deployed !== content.version
              ? deployed
              : content.version > 1
                ? content.version - 1
                : null;
          return (
            <>
              <p className="small">
                {t('policies.changeDetail.summary', {
                  version: content.version,
                  mode: t(`policies.publishModes.${content.mode}`),
                  deployed: deployed ?? '—',
                })}
              </p>
              {from === null ? (
                <EmptyState
                  title={t('policies.changeDetail.firstTitle')}
                  hint={t('policies.changeDetail.firstHint')}
                />
              ) : (
                <PolicyDiffView policyId={policyId} from={from} to={content.version} />
              )}
            </>
          );
        }}
      </LoadedView>
    </Panel>
  );
}
