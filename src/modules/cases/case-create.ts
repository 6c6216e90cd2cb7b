/**
 * Opening a case: the linked decisions and alerts are read through the ports (each must exist),
 * their subjects join the case, and what the person left out is filled from them — the title from
 * the first alert or decision, the priority from the most urgent alert (P2 for decisions alone), the
 * type `fraud` for review-queue decisions — and the due time from the priority. The case, its
 * links, its first activity entry and its audit entry commit together.
 */
import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import {
  type Linked,
  mergeSubjects,
  mostUrgent,
  priorityOfSeverity,
  readLinks,
  type SubjectPair,
  titleOf,
} from './case-links.js';
import { appendNotes, insertCase } from './case-repo.js';
import type { CaseDetail } from './case-schemas.js';
import type { CaseService } from './case-service.js';
import { CaseInvalid } from './errors.js';
import { optionalText, parseTime, requireText } from './fields.js';
import type { RiskCaseTable } from './tables.js';
import type { CasePriority, CaseType } from './vocabulary.js';

/** A new case, as a person or another module gives it. */
export interface NewCase {
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly type?: CaseType | undefined;
  readonly priority?: CasePriority | undefined;
  readonly assignee_id?: string | undefined;
  readonly due_at?: string | undefined;
  readonly decision_ids?: readonly string[] | undefined;
  readonly alert_ids?: readonly string[] | undefined;
  readonly subjects?: readonly SubjectPair[] | undefined;
}

/** Opens case `input` as `actor`. */
export async function createCase(service: CaseService, actor: Actor, input: NewCase): Promise<CaseDetail> {
  const linked: Linked = await readLinks(service.deps, input.decision_ids, input.alert_ids);
  const subjects = mergeSubjects(service.deps, linked, input.subjects);
  const title = input.title?.trim()
    ? requireText(CaseInvalid, input.title, 'body.title', 200)
    : titleOf(linked);
  if (!title)
    throw CaseInvalid('body.title must not be blank for a case without decisions or alerts', [
      { path: 'body.title', message: 'must not be blank' },
    ]);
  const nowMs = service.deps.clock.now();
  const at = isoUtc(nowMs);
  const priority =
    input.priority ??
    mostUrgent(linked.alerts.map((a) => priorityOfSeverity(a.severity))) ??
    (linked.decisions.length > 0 ? 'P2' : 'P3');
  const type = input.type ?? (linked.decisions.length > 0 ? 'fraud' : 'other');
  const due =
    input.due_at === undefined
      ? service.dueAt(priority, nowMs)
      : isoUtc(parseTime(CaseInvalid, input.due_at, 'body.due_at'));
  const row: RiskCaseTable = {
    id: newId(nowMs),
    title,
    description: optionalText(CaseInvalid, input.description, 'body.description', 4000),
    type,
    priority,
    status: 'open',
    assignee_id: input.assignee_id?.trim() || null,
    due_at: due,
    disposition: null,
    disposition_note: null,
    resolved_at: null,
    resolved_by_type: null,
    resolved_by_id: null,
    closed_at: null,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const decisionIds = linked.decisions.map((d) => d.id);
  const alertIds = linked.alerts.map((a) => a.id);
  await transact(service.deps.db, async (trx) => {
    await insertCase(
      trx,
      row,
      subjects.map((s) => ({ case_id: row.id, ...s })),
      [
        ...decisionIds.map((ref_id) => ({ case_id: row.id, kind: 'decision', ref_id })),
        ...alertIds.map((ref_id) => ({ case_id: row.id, kind: 'alert', ref_id })),
      ],
    );
    await appendNotes(trx, row.id, [
      { kind: 'status', text: 'open', author_type: actor.type, author_id: actor.id, at },
    ]);
    await service.deps.audit.append(trx, {
      actor,
      action: 'case.create',
      target: { type: 'case', id: row.id },
      payload: {
        title,
        type,
        priority,
        assignee_id: row.assignee_id,
        due_at: due,
        decision_ids: decisionIds,
        alert_ids: alertIds,
        subjects,
      },
    });
  });
  return service.get(row.id);
}
