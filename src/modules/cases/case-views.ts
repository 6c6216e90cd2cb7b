/**
 * Cases as the API shows them. A case is overdue while it is open or in progress after its due time;
 * list proposals show only the masked displays of their values.
 */

import type { CaseParts } from './case-repo.js';
import type { CaseDetail, CaseSummary, Proposal } from './case-schemas.js';
import { actorOf, readJson, requiredActor } from './fields.js';
import type { CaseListProposalTable, CaseSubjectTable, RiskCaseTable } from './tables.js';
import type { CasePriority, CaseStatus, CaseType, Disposition } from './vocabulary.js';

/** Whether a case in `status` due at `dueAt` is overdue at `now` (ISO texts compare in time order). */
export function isOverdue(status: string, dueAt: string, now: string): boolean {
  return (status === 'open' || status === 'in_progress') && dueAt < now;
}

/** A case in a list. */
export function toCaseSummary(
  row: RiskCaseTable,
  subjects: readonly CaseSubjectTable[],
  now: string,
): CaseSummary {
  return {
    id: row.id,
    title: row.title,
    type: row.type as CaseType,
    priority: row.priority as CasePriority,
    status: row.status as CaseStatus,
    assignee_id: row.assignee_id,
    due_at: row.due_at,
    overdue: isOverdue(row.status, row.due_at, now),
    disposition: row.disposition as Disposition | null,
    subjects: subjects.map(({ key, value }) => ({ key, value })),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** A stored proposal. */
export function toProposal(row: CaseListProposalTable): Proposal {
  return {
    change_id: row.change_id,
    list: row.list_name,
    op: row.op,
    entries: readJson<string[]>(row.entries),
    reason: row.reason,
    proposed_by: requiredActor(row.proposed_by_type, row.proposed_by_id),
    proposed_at: row.proposed_at,
  };
}

/** One case with everything recorded about it. */
export function toCaseDetail(row: RiskCaseTable, parts: CaseParts, now: string): CaseDetail {
  const refs = (kind: string) => parts.links.filter((l) => l.kind === kind).map((l) => l.ref_id);
  return {
    ...toCaseSummary(row, parts.subjects, now),
    description: row.description,
    decision_ids: refs('decision'),
    alert_ids: refs('alert'),
    disposition_note: row.disposition_note,
    resolved_at: row.resolved_at,
    resolved_by: actorOf(row.resolved_by_type, row.resolved_by_id),
    closed_at: row.closed_at,
    created_by: requiredActor(row.created_by_type, row.created_by_id),
    activity: parts.notes.map((n) => ({
      seq: n.seq,
      kind: n.kind,
      author: requiredActor(n.author_type, n.author_id),
      at: n.at,
      text: n.text,
    })),
    labels: parts.labels.map((l) => ({
      decision_id: l.decision_id,
      label: l.label as 'fraud' | 'legitimate',
      outcome: l.outcome as 'labelled' | 'failed',
      detail: l.detail,
      at: l.at,
    })),
    proposals: parts.proposals.map(toProposal),
  };
}
