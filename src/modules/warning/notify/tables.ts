/**
 * Table types of notifications (migration `0009-alerts`), for Kysely: where notices go (targets),
 * the delivery queue with one row per notice and target, every delivery attempt, and each person's
 * in-app inbox. Times are UTC ISO-8601 text; JSON documents are canonical JSON text; flags are 0 / 1.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** A webhook or an e-mail target that receives notices from a minimum severity on. */
export interface NotificationTargetTable {
  id: string;
  name: string;
  /** webhook | email */
  kind: string;
  /** The webhook URL; null for e-mail. */
  url: string | null;
  /** The webhook's signing secret, sealed when a sealer is configured; null for e-mail. */
  secret: string | null;
  /** Canonical JSON array of e-mail addresses; null for webhooks. */
  recipients: string | null;
  /** Canonical JSON array of the notice events sent (`alert.raised`, …). */
  events: string;
  min_severity: string;
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/**
 * One notice to deliver to one target, and its fate: `pending` until delivered or out of attempts.
 * The target's name, kind and destination are copied so the log still reads after it is deleted.
 */
export interface NotificationDeliveryTable {
  id: string;
  target_id: string;
  target_name: string;
  kind: string;
  /** The webhook's host, or the e-mail addresses: never a URL path (it may hold a token). */
  destination: string;
  event: string;
  alert_id: string | null;
  severity: string;
  /** Canonical JSON of the webhook body (e-mails are written from the same document). */
  payload: string;
  /** pending | delivered | failed */
  status: string;
  attempts: number;
  max_attempts: number;
  /** When the next attempt is due; also moved forward while a process holds the delivery. */
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** One attempt of one delivery: the HTTP status or SMTP reply code, or the error. */
export interface NotificationAttemptTable {
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  /** success | failure */
  outcome: string;
}

/** A notice in one person's in-app inbox. */
export interface NotificationInboxTable {
  id: string;
  user_id: string;
  event: string;
  alert_id: string | null;
  severity: string;
  /** Canonical JSON `{en, zh}`. */
  title: string;
  /** Canonical JSON `{en, zh}`. */
  body: string;
  created_at: string;
  read_at: string | null;
}

/** The notification tables, to add to a `Kysely<Database>` with `withTables`. */
export type NotifyTables = {
  notification_target: NotificationTargetTable;
  notification_delivery: NotificationDeliveryTable;
  notification_attempt: NotificationAttemptTable;
  notification_inbox: NotificationInboxTable;
};

/** A query handle that knows the notification tables. */
export type NotifyDb = Kysely<Database & NotifyTables>;

/** The notification tables with the columns that order their rows, in restore order. */
export const NOTIFY_TABLES = [
  { name: 'notification_target', orderBy: ['id'] },
  { name: 'notification_delivery', orderBy: ['id'] },
  { name: 'notification_attempt', orderBy: ['delivery_id', 'attempt'] },
  { name: 'notification_inbox', orderBy: ['id'] },
] as const;

/** `db` (a store handle or a transaction) seen with the notification tables. */
export function notifyDb(db: Executor): NotifyDb {
  return db.withTables<NotifyTables>();
}
