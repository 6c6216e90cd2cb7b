/**
 * `risk.grade`: a change of a risk's likelihood and impact — inherent, residual or both — under four
 * eyes (reference text 三: risks are graded; 七: controls against one person's unchecked judgement). A
 * person with `kri:write` submits; another person with `change:approve` approves, and the grading is
 * written in the approval's transaction, conditional on the risk's version at submission: any change
 * to the risk in between (a control retested, a field edited) makes the request stale, because the
 * approver would be signing off a grading of something else.
 */
import Type from 'typebox';
import Value from 'typebox/value';
import type { JsonValue } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import { type ChangeKind, ChangeStale, ChangeTargetNotFound } from '../../identity/changes/index.js';
import { type Grading, gradeOf, gradeView, levelOf } from './grading.js';
import * as repo from './repo.js';

const Step = Type.Integer({ minimum: 1, maximum: 5 });
const GradingSchema = Type.Object({ likelihood: Step, impact: Step }, { additionalProperties: false });

/** The content of a `risk.grade` change, as stored. */
export const RiskGradeContent = Type.Object(
  { inherent: Type.Optional(GradingSchema), residual: Type.Optional(GradingSchema) },
  { additionalProperties: false },
);

/** What a `risk.grade` proposes. */
export interface RiskGradeChange {
  readonly inherent?: Grading;
  readonly residual?: Grading;
}

function problemsOf(content: unknown): ErrorField[] {
  const problems: ErrorField[] = [];
  for (const e of Value.Errors(RiskGradeContent, content)) {
    if (e.keyword === 'boolean') continue;
    problems.push({ path: `body.content${e.instancePath.replaceAll('/', '.')}`, message: e.message });
  }
  if (problems.length > 0) return problems;
  const change = content as RiskGradeChange;
  if (!change.inherent && !change.residual)
    problems.push({ path: 'body.content', message: 'must give an inherent or a residual grading' });
  return problems;
}

function text(g: Grading): string {
  return `${g.likelihood}×${g.impact}=${gradeOf(g)}`;
}

/** The `risk.grade` kind: target `{ type: 'risk', id }`, fingerprint the risk's version. */
export function riskGradeKind(): ChangeKind<RiskGradeChange> {
  return {
    kind: 'risk.grade',
    targetType: 'risk',
    submitPermission: 'kri:write',
    approvePermission: 'change:approve',
    title: { en: 'Change the grading of a risk', zh: '变更风险评级' },

    validate: (content) => problemsOf(content),

    describe({ target, content }) {
      const en: string[] = [];
      const zh: string[] = [];
      if (content.inherent) {
        en.push(`inherent ${text(content.inherent)} (${levelOf(gradeOf(content.inherent))})`);
        zh.push(`固有风险 ${text(content.inherent)}`);
      }
      if (content.residual) {
        en.push(`residual ${text(content.residual)} (${levelOf(gradeOf(content.residual))})`);
        zh.push(`剩余风险 ${text(content.residual)}`);
      }
      return {
        en: `Grade risk ${target.id}: ${en.join(', ')}`,
        zh: `将风险 ${target.id} 评级调整为：${zh.join('，')}`,
      };
    },

    async fingerprint(db, target) {
      const row = await repo.findRisk(db, target.id);
      if (!row) throw ChangeTargetNotFound(`risk ${target.id} does not exist`);
      return String(row.version);
    },

    async apply(trx, change): Promise<JsonValue> {
      const id = change.target.id;
      const before = await repo.findRisk(trx, id);
      if (!before) throw ChangeStale(`risk ${id} was removed since this change was submitted`);
      const inherent = change.content.inherent ?? {
        likelihood: before.inherent_likelihood,
        impact: before.inherent_impact,
      };
      const residual = change.content.residual ?? {
        likelihood: before.residual_likelihood,
        impact: before.residual_impact,
      };
      if (gradeOf(residual) > gradeOf(inherent))
        throw ChangeStale(`risk ${id}'s residual grade would exceed its inherent grade`);
      const after = await repo.updateRisk(
        trx,
        id,
        change.decided_at,
        {
          inherent_likelihood: inherent.likelihood,
          inherent_impact: inherent.impact,
          residual_likelihood: residual.likelihood,
          residual_impact: residual.impact,
        },
        Number(change.fingerprint),
      );
      if (!after) throw ChangeStale(`risk ${id} was changed since this change was submitted`);
      return {
        risk: id,
        version: after.version,
        before: {
          inherent: {
            ...gradeView({ likelihood: before.inherent_likelihood, impact: before.inherent_impact }),
          },
          residual: {
            ...gradeView({ likelihood: before.residual_likelihood, impact: before.residual_impact }),
          },
        },
        after: { inherent: { ...gradeView(inherent) }, residual: { ...gradeView(residual) } },
      };
    },
  };
}
