/**
 * The answers of `/api/v1/cases…`, `/incidents…`, `/plans…`, `/activations…` and `/drills…` as the
 * response pages read them, written from `src/modules/cases/*-schemas.ts`. Words (statuses,
 * priorities, dispositions…) are plain values; their labels come from `GET /cases/vocabulary`.
 */
import type { Bilingual } from '../../api/types.js';

export type { Bilingual };

/** Who did something. */
export interface Actor {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

/** A page of records with the total that match. */
export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** A word with its labels. */
export interface Word {
  readonly value: string;
  readonly label: Bilingual;
}

/** `GET /cases/vocabulary`. */
export interface Vocabulary {
  readonly case_types: readonly Word[];
  readonly priorities: readonly Word[];
  readonly case_statuses: readonly Word[];
  readonly dispositions: readonly Word[];
  readonly incident_types: readonly Word[];
  readonly severities: readonly Word[];
  readonly incident_statuses: readonly Word[];
  readonly drill_outcomes: readonly Word[];
  readonly checklist_statuses: readonly Word[];
  readonly due_hours: Readonly<Record<'P1' | 'P2' | 'P3' | 'P4', number>>;
}

export type CaseStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

/** A case in a list. */
export interface CaseSummary {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly priority: string;
  readonly status: CaseStatus;
  readonly assignee_id: string | null;
  readonly due_at: string;
  readonly overdue: boolean;
  readonly disposition: string | null;
  readonly subjects: readonly { readonly key: string; readonly value: string }[];
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** One list proposal of a case (a four-eyes change request). */
export interface Proposal {
  readonly change_id: string;
  readonly list: string;
  readonly op: string;
  readonly entries: readonly string[];
  readonly reason: string;
  readonly proposed_by: Actor;
  readonly proposed_at: string;
}

/** `GET /cases/{id}`. */
export interface CaseDetail extends CaseSummary {
  readonly description: string;
  readonly decision_ids: readonly string[];
  readonly alert_ids: readonly string[];
  readonly disposition_note: string | null;
  readonly resolved_at: string | null;
  readonly resolved_by: Actor | null;
  readonly closed_at: string | null;
  readonly created_by: Actor;
  readonly activity: readonly {
    readonly seq: number;
    readonly kind: string;
    readonly author: Actor;
    readonly at: string;
    readonly text: string;
  }[];
  readonly labels: readonly {
    readonly decision_id: string;
    readonly label: 'fraud' | 'legitimate';
    readonly outcome: 'labelled' | 'failed';
    readonly detail: string | null;
    readonly at: string;
  }[];
  readonly proposals: readonly Proposal[];
}

export type IncidentStatus = 'open' | 'mitigated' | 'resolved' | 'reviewed';

/** An incident in a list. */
export interface IncidentSummary {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly severity: string;
  readonly status: IncidentStatus;
  readonly owner_id: string | null;
  readonly impacted_services: readonly string[];
  readonly started_at: string;
  readonly mitigated_at: string | null;
  readonly resolved_at: string | null;
  readonly reviewed_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** One entry of an incident's timeline. */
export interface TimelineEntry {
  readonly seq: number;
  readonly at: string;
  readonly recorded_at: string;
  readonly kind: string;
  readonly author: Actor;
  readonly text: string;
}

/** One follow-up action of a post-incident review. */
export interface ReviewAction {
  readonly title: string;
  readonly owner: string;
  readonly due_date: string;
}

/** `GET /incidents/{id}`. */
export interface IncidentDetail extends IncidentSummary {
  readonly description: string;
  readonly created_by: Actor;
  readonly alert_ids: readonly string[];
  readonly timeline: readonly TimelineEntry[];
  readonly review: {
    readonly summary: string;
    readonly root_cause: string;
    readonly actions: readonly ReviewAction[];
    readonly written_by: Actor;
    readonly written_at: string;
  } | null;
  readonly plan_activations: readonly {
    readonly id: string;
    readonly plan_id: string;
    readonly plan_version: number;
    readonly status: string;
    readonly activated_at: string;
  }[];
}

/** Who does a plan step: a role or a user. */
export interface Owner {
  readonly type: 'role' | 'user';
  readonly id: string;
}

/** When a plan was last drilled and when it is due again. */
interface DrillState {
  readonly last_drill_at: string | null;
  readonly next_drill_due: string;
  readonly drill_overdue: boolean;
}

/** A plan in `GET /plans`. */
export interface PlanSummary extends DrillState {
  readonly id: string;
  readonly scenario: string;
  readonly current_version: number;
  readonly title: Bilingual;
  readonly rto_minutes: number;
  readonly rpo_minutes: number;
  readonly drill_frequency_days: number;
  readonly steps: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** `GET /plans/{id}`. */
export interface PlanDetail extends DrillState {
  readonly id: string;
  readonly scenario: string;
  readonly version: number;
  readonly current_version: number;
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly rto_minutes: number;
  readonly rpo_minutes: number;
  readonly drill_frequency_days: number;
  readonly steps: readonly {
    readonly seq: number;
    readonly title: Bilingual;
    readonly owner: Owner;
    readonly expected_minutes: number;
    readonly offset_minutes: number;
  }[];
  readonly contacts: readonly {
    readonly name: string;
    readonly role: string;
    readonly phone?: string;
    readonly email?: string;
  }[];
  readonly change_note: string;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly versions: readonly {
    readonly version: number;
    readonly change_note: string;
    readonly created_by: Actor;
    readonly created_at: string;
  }[];
}

export type ChecklistStatus = 'pending' | 'done' | 'skipped';

/** One item of an activated plan's checklist. */
export interface ChecklistItem {
  readonly seq: number;
  readonly title: Bilingual;
  readonly owner: Owner;
  readonly expected_minutes: number;
  readonly due_at: string;
  readonly status: ChecklistStatus;
  readonly overdue: boolean;
  readonly done_by: Actor | null;
  readonly done_at: string | null;
  readonly note: string | null;
}

/** `GET /activations/{id}`: a plan activation with its checklist. */
export interface Activation {
  readonly id: string;
  readonly plan_id: string;
  readonly plan_version: number;
  readonly plan_title: Bilingual;
  readonly source: { readonly type: 'alert' | 'incident'; readonly id: string };
  readonly status: 'active' | 'completed';
  readonly activated_at: string;
  readonly activated_by: Actor;
  readonly completed_at: string | null;
  readonly overdue_items: number;
  readonly items: readonly ChecklistItem[];
}

/** One step of a drill with the time it took. */
export interface DrillStep {
  readonly seq: number;
  readonly title: Bilingual;
  readonly expected_minutes: number;
  readonly completed_at: string | null;
  readonly completed_by: Actor | null;
  readonly note: string | null;
  readonly took_minutes: number | null;
  readonly over_expected: boolean | null;
}

/** `GET /drills/{id}`. */
export interface Drill {
  readonly id: string;
  readonly plan_id: string;
  readonly plan_version: number;
  readonly status: 'in_progress' | 'finished';
  readonly started_at: string;
  readonly started_by: Actor;
  readonly finished_at: string | null;
  readonly outcome: 'passed' | 'passed_with_gaps' | 'failed' | null;
  readonly gaps: readonly string[];
  readonly note: string;
  readonly total_minutes: number | null;
  readonly rto_minutes: number;
  readonly within_rto: boolean | null;
  readonly steps: readonly DrillStep[];
}
