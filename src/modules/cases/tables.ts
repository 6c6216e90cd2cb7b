/**
 * Table types of cases, incidents, emergency plans and drills (migration `0010-cases`), for Kysely.
 * Times are UTC ISO-8601 text; JSON documents (bilingual titles, steps, contacts, reviews, gaps)
 * are canonical JSON text; actors are stored as a type and an id column.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';

/** A case (`case` is an SQL keyword, hence `risk_case`). */
export interface RiskCaseTable {
  id: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  status: string;
  assignee_id: string | null;
  due_at: string;
  disposition: string | null;
  disposition_note: string | null;
  resolved_at: string | null;
  resolved_by_type: string | null;
  resolved_by_id: string | null;
  closed_at: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One subject a case is about (`user_id = u-42`); identity numbers, phones, cards as keyed hashes. */
export interface CaseSubjectTable {
  case_id: string;
  key: string;
  value: string;
}

/** A decision or an alert linked to a case. */
export interface CaseLinkTable {
  case_id: string;
  /** decision | alert */
  kind: string;
  ref_id: string;
}

/** The append-only activity of a case: notes people write and the changes they made. */
export interface CaseNoteTable {
  case_id: string;
  seq: number;
  /** note | status | assignment | resolution | reopen | link */
  kind: string;
  author_type: string;
  author_id: string;
  at: string;
  text: string;
}

/** The review-queue label a resolution gave one linked decision, and how that went. */
export interface CaseLabelTable {
  case_id: string;
  seq: number;
  decision_id: string;
  /** fraud | legitimate */
  label: string;
  /** labelled | failed */
  outcome: string;
  detail: string | null;
  at: string;
}

/** A list entry a case proposed through four eyes: the change request that carries it. */
export interface CaseListProposalTable {
  change_id: string;
  case_id: string;
  list_name: string;
  op: string;
  /** Canonical JSON array of the masked displays of the proposed values (never clear values). */
  entries: string;
  reason: string;
  proposed_by_type: string;
  proposed_by_id: string;
  proposed_at: string;
}

/** An incident. */
export interface IncidentTable {
  id: string;
  title: string;
  description: string;
  type: string;
  severity: string;
  status: string;
  owner_id: string | null;
  /** Canonical JSON array of service names. */
  impacted_services: string;
  started_at: string;
  mitigated_at: string | null;
  resolved_at: string | null;
  reviewed_at: string | null;
  /** Canonical JSON of the post-incident review, once written. */
  review: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An alert linked to an incident. */
export interface IncidentAlertTable {
  incident_id: string;
  alert_id: string;
}

/** One append-only timeline entry of an incident. */
export interface IncidentTimelineTable {
  incident_id: string;
  seq: number;
  /** When it happened (may be before it was written down). */
  at: string;
  recorded_at: string;
  /** note | status | plan | review | alert */
  kind: string;
  author_type: string;
  author_id: string;
  text: string;
}

/** An emergency plan; its content lives in versions. */
export interface EmergencyPlanTable {
  id: string;
  scenario: string;
  current_version: number;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
}

/** One version of a plan, never changed once written. */
export interface EmergencyPlanVersionTable {
  plan_id: string;
  version: number;
  /** Canonical JSON `{ en, zh }`. */
  title: string;
  /** Canonical JSON `{ en, zh }`. */
  description: string;
  rto_minutes: number;
  rpo_minutes: number;
  drill_frequency_days: number;
  /** Canonical JSON array of steps. */
  steps: string;
  /** Canonical JSON array of contacts. */
  contacts: string;
  change_note: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** A plan activated for an alert or an incident. */
export interface PlanActivationTable {
  id: string;
  plan_id: string;
  plan_version: number;
  /** alert | incident */
  source_type: string;
  source_id: string;
  /** active | completed */
  status: string;
  activated_at: string;
  activated_by_type: string;
  activated_by_id: string;
  completed_at: string | null;
  version: number;
}

/** One item of an activation's checklist: one step of the plan with its due time. */
export interface PlanChecklistItemTable {
  activation_id: string;
  seq: number;
  /** Canonical JSON `{ en, zh }`. */
  title: string;
  /** Canonical JSON `{ type, id }`. */
  owner: string;
  expected_minutes: number;
  due_at: string;
  /** pending | done | skipped */
  status: string;
  done_by_type: string | null;
  done_by_id: string | null;
  done_at: string | null;
  note: string | null;
}

/** A drill (rehearsal) of a plan. */
export interface PlanDrillTable {
  id: string;
  plan_id: string;
  plan_version: number;
  /** in_progress | finished */
  status: string;
  started_at: string;
  started_by_type: string;
  started_by_id: string;
  finished_at: string | null;
  outcome: string | null;
  /** Canonical JSON array of the gaps found, once finished. */
  gaps: string;
  note: string;
  version: number;
}

/** One step of a drill and when it was completed. */
export interface PlanDrillStepTable {
  drill_id: string;
  seq: number;
  /** Canonical JSON `{ en, zh }`. */
  title: string;
  expected_minutes: number;
  completed_at: string | null;
  completed_by_type: string | null;
  completed_by_id: string | null;
  note: string | null;
}

/** The case tables, to add to a `Kysely<Database>` with `withTables`. */
export type CasesTables = {
  risk_case: RiskCaseTable;
  case_subject: CaseSubjectTable;
  case_link: CaseLinkTable;
  case_note: CaseNoteTable;
  case_label: CaseLabelTable;
  case_list_proposal: CaseListProposalTable;
  incident: IncidentTable;
  incident_alert: IncidentAlertTable;
  incident_timeline: IncidentTimelineTable;
  emergency_plan: EmergencyPlanTable;
  emergency_plan_version: EmergencyPlanVersionTable;
  plan_activation: PlanActivationTable;
  plan_checklist_item: PlanChecklistItemTable;
  plan_drill: PlanDrillTable;
  plan_drill_step: PlanDrillStepTable;
};

/** A query handle that knows the case tables. */
export type CasesDb = Kysely<Database & CasesTables>;

/**
 * The case tables with the columns that order their rows, in restore order: what `TABLES` in
 * `store/schema.ts` lists for backups and checksums.
 */
export const CASES_TABLES = [
  { name: 'risk_case', orderBy: ['id'] },
  { name: 'case_subject', orderBy: ['case_id', 'key', 'value'] },
  { name: 'case_link', orderBy: ['case_id', 'kind', 'ref_id'] },
  { name: 'case_note', orderBy: ['case_id', 'seq'] },
  { name: 'case_label', orderBy: ['case_id', 'seq'] },
  { name: 'case_list_proposal', orderBy: ['change_id'] },
  { name: 'incident', orderBy: ['id'] },
  { name: 'incident_alert', orderBy: ['incident_id', 'alert_id'] },
  { name: 'incident_timeline', orderBy: ['incident_id', 'seq'] },
  { name: 'emergency_plan', orderBy: ['id'] },
  { name: 'emergency_plan_version', orderBy: ['plan_id', 'version'] },
  { name: 'plan_activation', orderBy: ['id'] },
  { name: 'plan_checklist_item', orderBy: ['activation_id', 'seq'] },
  { name: 'plan_drill', orderBy: ['id'] },
  { name: 'plan_drill_step', orderBy: ['drill_id', 'seq'] },
] as const;

/** `db` (a store handle or a transaction) seen with the case tables. */
export function casesDb(db: Executor): CasesDb {
  return db.withTables<CasesTables>();
}
