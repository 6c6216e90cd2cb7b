/**
 * Alerts as the API, notifications and the console show them: JSON documents parsed, actors as
 * objects, and the last escalation as `{level, rule, recipients}`.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Actor } from '../../audit/index.js';
import { actorOf, type Severity } from '../notify/index.js';
import type { AlertTable } from './tables.js';

/** Where an alert comes from. */
export type AlertSource = 'kri' | 'engine' | 'manual';

/** Where an alert stands. */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** The last escalation of an alert. */
export interface EscalationView {
  /** Position in the escalation chain, 1-based. */
  readonly level: number;
  /** The chain entry: `manager`, `role:<name>` or `user:<id>`. */
  readonly rule: string;
  /** The users notified. */
  readonly recipients: string[];
}

/** An alert as shown. */
export interface AlertView {
  readonly id: string;
  readonly source: AlertSource;
  readonly key: string;
  readonly subject: string;
  readonly severity: Severity;
  readonly status: AlertStatus;
  readonly title: Text;
  readonly details: unknown;
  readonly owner_id: string | null;
  readonly occurrences: number;
  readonly first_seen_at: string;
  readonly last_seen_at: string;
  readonly acknowledged_at: string | null;
  readonly acknowledged_by: Actor | null;
  readonly resolved_at: string | null;
  readonly resolved_by: Actor | null;
  readonly resolution_note: string | null;
  readonly escalation_level: number;
  readonly escalated_at: string | null;
  readonly escalated_to: EscalationView | null;
  readonly escalate_due_at: string | null;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** The view of a stored alert. */
export function toAlertView(row: AlertTable): AlertView {
  return {
    id: row.id,
    source: row.source as AlertSource,
    key: row.key,
    subject: row.subject,
    severity: row.severity as Severity,
    status: row.status as AlertStatus,
    title: JSON.parse(row.title) as Text,
    details: JSON.parse(row.details) as unknown,
    owner_id: row.owner_id,
    occurrences: row.occurrences,
    first_seen_at: row.first_seen_at,
    last_seen_at: row.last_seen_at,
    acknowledged_at: row.acknowledged_at,
    acknowledged_by: row.acknowledged_by === null ? null : actorOf(row.acknowledged_by),
    resolved_at: row.resolved_at,
    resolved_by: row.resolved_by === null ? null : actorOf(row.resolved_by),
    resolution_note: row.resolution_note,
    escalation_level: row.escalation_level,
    escalated_at: row.escalated_at,
    escalated_to: row.escalated_to === null ? null : (JSON.parse(row.escalated_to) as EscalationView),
    escalate_due_at: row.escalate_due_at,
    created_by: actorOf(row.created_by),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** The audit target of an alert. */
export function alertTarget(id: string): { type: string; id: string } {
  return { type: 'alert', id };
}
