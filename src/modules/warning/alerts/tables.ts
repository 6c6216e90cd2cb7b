/**
 * Table types of alerts (migration `0009-alerts`), for Kysely. An alert is deduplicated per
 * (`key`, `subject`): at most one open or acknowledged alert exists for a pair, which a partial
 * unique index enforces. Times are UTC ISO-8601 text; JSON documents are canonical JSON text;
 * actors are stored as `type:id` text.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** One alert and where it stands in its lifecycle and escalation. */
export interface AlertTable {
  id: string;
  /** kri | engine | manual */
  source: string;
  /** Deduplication key, e.g. `kri:<id>`. */
  key: string;
  /** What the alert is about (`portfolio`, a product, a customer reference); `*` when global. */
  subject: string;
  /** low | medium | high | critical */
  severity: string;
  /** open | acknowledged | resolved */
  status: string;
  /** Canonical JSON `{en, zh}`. */
  title: string;
  /** Canonical JSON of the latest raise's details. */
  details: string;
  owner_id: string | null;
  /** How many raises this alert absorbed (1 for a new one). */
  occurrences: number;
  first_seen_at: string;
  last_seen_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
  /** 0 while with its owner; the position reached in the escalation chain, 1-based. */
  escalation_level: number;
  escalated_at: string | null;
  /** Canonical JSON `{level, rule, recipients}` of the last escalation; null before any. */
  escalated_to: string | null;
  /** When it escalates next unless acknowledged; null when acknowledged, resolved or out of levels. */
  escalate_due_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The alert table, to add to a `Kysely<Database>` with `withTables`. */
export type AlertTables = {
  alert: AlertTable;
};

/** A query handle that knows the alert table. */
export type AlertDb = Kysely<Database & AlertTables>;

/** The alert table with the columns that order its rows (for backups and checksums). */
export const ALERT_TABLES = [{ name: 'alert', orderBy: ['id'] }] as const;

/** `db` (a store handle or a transaction) seen with the alert table. */
export function alertDb(db: Executor): AlertDb {
  return db.withTables<AlertTables>();
}
