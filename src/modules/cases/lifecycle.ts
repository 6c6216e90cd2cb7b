/**
 * Which status moves cases and incidents allow. A case goes open → in progress → resolved (with a
 * disposition) or closed (with a reason); a resolved case may be closed; a resolved or closed case
 * may be reopened with a reason. An incident only moves forward (open → mitigated → resolved), may
 * skip mitigation, and becomes reviewed only through its post-incident review.
 */
import type { CaseStatus, IncidentStatus } from './vocabulary.js';
import { INCIDENT_STATUSES } from './vocabulary.js';

/** The statuses `POST /cases/{id}/status` moves a case to, from each status. */
export const CASE_MOVES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['in_progress', 'closed'],
  in_progress: ['closed'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/** The statuses a case can be resolved from. */
export const RESOLVABLE: readonly CaseStatus[] = ['open', 'in_progress'];

/** The statuses in which a case is still being worked (assignable, linkable, can be overdue). */
export const ACTIVE_CASE: readonly CaseStatus[] = ['open', 'in_progress'];

/** The statuses a case can move to `to` from. */
export function caseMovesInto(to: CaseStatus): CaseStatus[] {
  return (Object.keys(CASE_MOVES) as CaseStatus[]).filter((from) => CASE_MOVES[from].includes(to));
}

/** Whether moving a case to `to` needs a reason: closing it, or reopening it. */
export function caseMoveNeedsReason(to: CaseStatus): boolean {
  return to === 'closed' || to === 'open';
}

/** The statuses an incident can move to `to` from by a plain status change (never into `reviewed`). */
export function incidentMovesInto(to: IncidentStatus): IncidentStatus[] {
  if (to === 'reviewed') return [];
  const target = INCIDENT_STATUSES.indexOf(to);
  return INCIDENT_STATUSES.filter((_, i) => i < target);
}
