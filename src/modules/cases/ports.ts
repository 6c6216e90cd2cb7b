/**
 * What the cases module needs from the rest of Fengkong, as small interfaces it owns. The
 * composition root wires them: decisions from the engine's tables (or `tableDecisionLookup`), alerts
 * from the warning module, labels through the engine's review queue, list proposals through the
 * list service's four-eyes submission; tests pass fakes.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../store/schema.js';
import type { Actor, AuditLog } from '../audit/index.js';
import type { IdentifierHasher } from '../engine/index.js';
import type { ChangeCaller } from '../identity/changes/index.js';
import type { CasePriority } from './vocabulary.js';

/** A decision as a case sees it. */
export interface DecisionSummary {
  readonly id: string;
  readonly event_type: string;
  readonly outcome: string;
  /** Subject identifiers of the decision's event (identity numbers, phones, cards as keyed hashes). */
  readonly subject: Readonly<Record<string, string>>;
}

/** Reads one decision; undefined when there is none with that id. */
export interface DecisionLookup {
  get(id: string): Promise<DecisionSummary | undefined>;
}

/** An alert as a case or an incident sees it. */
export interface AlertSummary {
  readonly id: string;
  readonly title: string;
  /** The alert module's severity word (`red`, `critical`, `SEV2`, …); mapped to a case priority. */
  readonly severity: string;
  readonly subject: Readonly<Record<string, string>>;
}

/** Reads one alert; undefined when there is none with that id. */
export interface AlertLookup {
  get(id: string): Promise<AlertSummary | undefined>;
}

/**
 * Labels a decision in the review queue (the engine's `ReviewService.resolve`): what backtests then
 * measure policies against. Throws when the decision has no open review.
 */
export interface DecisionLabeler {
  label(
    decisionId: string,
    label: 'fraud' | 'legitimate',
    actor: Actor,
    comment: string | null,
  ): Promise<unknown>;
}

/** What a case proposes to add to, or remove from, a list. */
export interface ListProposalRequest {
  readonly op: 'add' | 'remove';
  readonly reason: string;
  readonly entries: readonly {
    readonly value: string;
    readonly reason?: string | undefined;
    readonly expires_at?: string | null | undefined;
  }[];
  readonly source?: string | undefined;
}

/**
 * Submits a `list.change` four-eyes change request (the list service's `submitChange`, which
 * normalises and hashes the values and calls `ChangeService.submit`). Nothing reaches the list until
 * a second person approves the change.
 */
export interface ListChangeProposer {
  submitChange(
    caller: ChangeCaller,
    list: string,
    request: ListProposalRequest,
  ): Promise<{ readonly id: string; readonly status: string; readonly content: unknown }>;
}

/**
 * The figures the KRI module reads from cases and plans (the same names the warning module's port
 * declares): the share of resolved cases confirmed as fraud in `[start, end)`, null when none was
 * resolved, and how many emergency plans are overdue for a drill at `at`.
 */
export interface CaseFigures {
  fraudConfirmedRate(start: string, end: string): Promise<number | null>;
  overdueDrills(at: string): Promise<number>;
}

/** Dependencies of the case, incident, plan and drill services. */
export interface CasesDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Where linked decisions are read; linking decisions is refused without it. */
  readonly decisions?: DecisionLookup | undefined;
  /** Where linked alerts are read; linking alerts is refused without it. */
  readonly alerts?: AlertLookup | undefined;
  /** Labels linked decisions when a case is resolved as confirmed fraud or false positive. */
  readonly labeler?: DecisionLabeler | undefined;
  /** Submits list proposals through four eyes; proposing is refused without it. */
  readonly lists?: ListChangeProposer | undefined;
  /** Hashes identity numbers, phones and cards that a person types as case subjects. */
  readonly hasher?: IdentifierHasher | undefined;
  /** Hours a case of each priority may stay unresolved (default `DEFAULT_DUE_HOURS`). */
  readonly dueHours?: Partial<Record<CasePriority, number>> | undefined;
}
