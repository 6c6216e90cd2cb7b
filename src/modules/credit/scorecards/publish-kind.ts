/**
 * `scorecard.publish`: making a registered scorecard version the one live policies score with, under
 * four eyes. A scorecard decides who gets credit (reference text 五.3: standardized approval, no single
 * person changes the criteria), so the person who uploads it cannot also put it live. Rollback is the
 * same kind with the previous version as content: one step, still two people.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import type { ErrorField } from '../../../kernel/errors.js';
import { type ChangeKind, ChangeStale, ChangeTargetNotFound } from '../../identity/changes/index.js';
import * as repo from './repo.js';

/** What `scorecard.publish` proposes. */
export const ScorecardPublishContent = Type.Object(
  { version: Type.Integer({ minimum: 1 }), rollback: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** The content of a `scorecard.publish` change. */
export interface ScorecardPublish {
  readonly version: number;
  readonly rollback?: boolean;
}

/** Builds the kind; `onApplied` runs after the approval commits (policies recompile with the card). */
export function scorecardPublishKind(onApplied: () => Promise<void>): ChangeKind<ScorecardPublish> {
  return {
    kind: 'scorecard.publish',
    targetType: 'scorecard',
    submitPermission: 'scorecard:write',
    approvePermission: 'policy:approve',
    title: { en: 'Publish a scorecard version', zh: '发布评分卡版本' },

    validate(content: unknown): readonly ErrorField[] {
      return [...Value.Errors(ScorecardPublishContent, content)].map((e) => ({
        path: `body.content${e.instancePath.replaceAll('/', '.')}`,
        message: e.message,
      }));
    },

    describe({ target, content }) {
      return content.rollback
        ? {
            en: `Roll back scorecard ${target.id} to version ${content.version}`,
            zh: `将评分卡 ${target.id} 回滚到第 ${content.version} 版`,
          }
        : {
            en: `Publish scorecard ${target.id} version ${content.version}`,
            zh: `发布评分卡 ${target.id} 第 ${content.version} 版`,
          };
    },

    async fingerprint(db, target) {
      const card = await repo.findCard(db, target.id);
      if (!card) throw ChangeTargetNotFound(`scorecard ${target.id} does not exist`);
      return `scorecard:${card.row_version}`;
    },

    async apply(trx, change) {
      const name = change.target.id;
      const { version } = change.content;
      const card = await repo.findCard(trx, name);
      const stale = () => ChangeStale(`scorecard ${name} was published by another change meanwhile`);
      if (!card || `scorecard:${card.row_version}` !== change.fingerprint) throw stale();
      if (!(await repo.findVersion(trx, name, version)))
        throw ChangeTargetNotFound(`scorecard ${name} has no version ${version}`);
      const ok = await repo.setPublished(trx, name, card.row_version, {
        published_version: version,
        previous_version: card.published_version,
        updated_at: change.decided_at,
      });
      if (!ok) throw stale();
      return { scorecard: name, version, previous: card.published_version };
    },

    afterCommit() {
      return onApplied();
    },
  };
}
