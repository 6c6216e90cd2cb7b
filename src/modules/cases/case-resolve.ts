/**
 * Resolving a case. The disposition is what the investigation found; two of them are also labels
 * that backtests measure policies against (reference text 七: learning from confirmed cases):
 * `confirmed_fraud` labels every linked decision `fraud` in the review queue, `false_positive`
 * labels them `legitimate`. The resolution commits first, with its audit entry; each label is then
 * given through the `DecisionLabeler` (the review queue audits it in its own transaction), and what
 * became of each is recorded on the case with one more audit entry. A label that cannot be given (a
 * decision that never went to review, a review already resolved) is recorded as failed with the
 * reason, never hidden and never a reason to undo the resolution.
 */
import { FkError } from '../../kernel/errors.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import * as repo from './case-repo.js';
import type { CaseDetail } from './case-schemas.js';
import type { CaseService } from './case-service.js';
import { CaseConflict, CaseInvalid } from './errors.js';
import { optionalText, requireText } from './fields.js';
import { RESOLVABLE } from './lifecycle.js';
import type { CaseLabelTable } from './tables.js';
import type { Disposition } from './vocabulary.js';

/** The review-queue label each labelling disposition gives. */
export const LABEL_OF: Readonly<Partial<Record<Disposition, 'fraud' | 'legitimate'>>> = {
  confirmed_fraud: 'fraud',
  false_positive: 'legitimate',
};

function reasonOf(error: unknown): string {
  if (error instanceof FkError) return `${error.code}: ${error.message}`;
  return 'the review queue refused the label';
}

/** Resolves case `id` (open or in progress) with `disposition`; `other` needs a note. */
export async function resolveCase(
  service: CaseService,
  actor: Actor,
  id: string,
  disposition: Disposition,
  note?: string,
): Promise<CaseDetail> {
  const text =
    disposition === 'other'
      ? requireText(CaseInvalid, note, 'body.note', 4000)
      : optionalText(CaseInvalid, note, 'body.note', 4000);
  const at = service.now();
  const resolved = await service.change(
    actor,
    id,
    RESOLVABLE,
    {
      status: 'resolved',
      disposition,
      disposition_note: text || null,
      resolved_at: at,
      resolved_by_type: actor.type,
      resolved_by_id: actor.id,
    },
    (before) => ({
      action: 'case.resolve',
      payload: { from: before.status, disposition, note: text || null },
      activity: [{ kind: 'resolution', text: `${disposition}${text ? `: ${text}` : ''}` }],
    }),
  );
  const label = LABEL_OF[disposition];
  if (!label || resolved.decision_ids.length === 0) return resolved;
  const labels = await giveLabels(service, actor, resolved, label, text);
  await transact(service.deps.db, async (trx) => {
    const locked = await repo.lockCase(trx, id, service.now());
    if (!locked) throw CaseConflict(`case ${id} disappeared while its decisions were labelled`);
    await repo.appendLabels(trx, id, labels);
    await service.deps.audit.append(trx, {
      actor,
      action: 'case.label',
      target: { type: 'case', id },
      payload: {
        disposition,
        labels: labels.map((l) => ({
          decision_id: l.decision_id,
          label: l.label,
          outcome: l.outcome,
          detail: l.detail,
        })),
      },
    });
  });
  return service.get(id);
}

async function giveLabels(
  service: CaseService,
  actor: Actor,
  resolved: CaseDetail,
  label: 'fraud' | 'legitimate',
  note: string,
): Promise<Omit<CaseLabelTable, 'case_id' | 'seq'>[]> {
  const labeler = service.deps.labeler;
  const comment = `case ${resolved.id}: ${resolved.disposition}${note ? ` – ${note}` : ''}`.slice(0, 1000);
  const out: Omit<CaseLabelTable, 'case_id' | 'seq'>[] = [];
  for (const decisionId of resolved.decision_ids) {
    let outcome: 'labelled' | 'failed' = 'labelled';
    let detail: string | null = null;
    if (!labeler) {
      outcome = 'failed';
      detail = 'labelling decisions is not available in this installation';
    } else {
      try {
        await labeler.label(decisionId, label, actor, comment);
      } catch (error) {
        outcome = 'failed';
        detail = reasonOf(error);
      }
    }
    out.push({ decision_id: decisionId, label, outcome, detail, at: service.now() });
  }
  return out;
}
