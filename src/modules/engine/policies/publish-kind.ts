/**
 * `policy.publish`: deploying a policy version (active, shadow or withdrawn) under four eyes. A risk
 * officer submits, someone else with `policy:approve` approves, and only then does the version reach
 * live traffic (reference text 七: controls against internal misconduct). Rollback is the same kind
 * with the previous deployment as content, so it too needs a second person, and it is one step.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import type { ErrorField } from '../../../kernel/errors.js';
import { type ChangeKind, ChangeStale, ChangeTargetNotFound } from '../../identity/changes/index.js';
import * as repo from './repo.js';

/** What `policy.publish` proposes. */
export const PublishContent = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    mode: Type.Union([Type.Literal('active'), Type.Literal('shadow'), Type.Literal('inactive')]),
    rollback: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The content of a `policy.publish` change. */
export interface PublishChange {
  readonly version: number;
  readonly mode: 'active' | 'shadow' | 'inactive';
  readonly rollback?: boolean;
}

/** Builds the kind; `onApplied` runs after the approval commits (reload the compiled policies). */
export function policyPublishKind(onApplied: () => Promise<void>): ChangeKind<PublishChange> {
  return {
    kind: 'policy.publish',
    targetType: 'policy',
    submitPermission: 'policy:write',
    approvePermission: 'policy:approve',
    title: { en: 'Deploy a policy version', zh: '发布策略版本' },

    validate(content: unknown): readonly ErrorField[] {
      const problems: ErrorField[] = [];
      for (const e of Value.Errors(PublishContent, content)) {
        if (e.keyword === 'boolean') continue;
        problems.push({ path: `body.content${e.instancePath.replaceAll('/', '.')}`, message: e.message });
      }
      return problems;
    },

    describe({ target, content }) {
      const mode = {
        active: ['make active', '设为生效'],
        shadow: ['run as shadow', '作为影子策略运行'],
        inactive: ['withdraw', '下线'],
      }[content.mode];
      const verb = content.rollback ? ['Roll back', '回滚'] : ['Deploy', '发布'];
      return {
        en: `${verb[0]} policy ${target.id} version ${content.version}: ${mode[0]}`,
        zh: `${verb[1]}策略 ${target.id} 第 ${content.version} 版：${mode[1]}`,
      };
    },

    async fingerprint(db, target) {
      const policy = await repo.findPolicy(db, target.id);
      if (!policy) throw ChangeTargetNotFound(`policy ${target.id} does not exist`);
      return `policy:${policy.row_version}`;
    },

    async apply(trx, change) {
      const id = change.target.id;
      const { version, mode } = change.content;
      const policy = await repo.findPolicy(trx, id);
      const stale = () => ChangeStale(`policy ${id} was deployed by another change meanwhile`);
      if (!policy || `policy:${policy.row_version}` !== change.fingerprint) throw stale();
      if (!(await repo.findVersion(trx, id, version)))
        throw ChangeTargetNotFound(`policy ${id} has no version ${version}`);
      const at = change.decided_at;
      const retired: string[] = [];
      if (mode === 'active') {
        // One active policy per event type: the one it replaces is withdrawn in the same transaction.
        for (const other of await repo.activeOfType(trx, policy.event_type, id)) {
          const ok = await repo.setDeployment(trx, other.id, other.row_version, {
            mode: 'inactive',
            deployed_version: other.deployed_version,
            previous_version: other.deployed_version,
            previous_mode: other.mode,
            updated_at: at,
          });
          if (!ok) throw stale();
          retired.push(other.id);
        }
      }
      const ok = await repo.setDeployment(trx, id, policy.row_version, {
        mode,
        deployed_version: version,
        previous_version: policy.deployed_version,
        previous_mode: policy.mode,
        updated_at: at,
      });
      if (!ok) throw stale();
      return {
        policy: id,
        version,
        mode,
        previous:
          policy.deployed_version === null ? null : { version: policy.deployed_version, mode: policy.mode },
        retired,
      };
    },

    afterCommit() {
      return onApplied();
    },
  };
}
