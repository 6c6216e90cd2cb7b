/**
 * Queries of alerts. Changes to an existing alert are conditional on its `version`, so two people (or
 * a person and the escalation job) acting on one alert at once cannot both win; the loser sees
 * undefined and reloads or reports `FK_ERR_ALERT_CHANGED`.
 */
import type { Executor } from '../../../store/transaction.js';
import { type AlertTable, alertDb } from './tables.js';

/** The columns a change may set. */
export type AlertChange = Partial<Omit<AlertTable, 'id' | 'version' | 'created_at' | 'created_by'>>;

/** Filters of the alert list. */
export interface AlertQuery {
  readonly status?: string | undefined;
  readonly severity?: string | undefined;
  readonly owner?: string | undefined;
  readonly key?: string | undefined;
  readonly subject?: string | undefined;
  readonly source?: string | undefined;
  readonly limit?: number | undefined;
  /** Only alerts older than this id (the previous page's `next_cursor`). */
  readonly before?: string | undefined;
}

/** One alert, or undefined. */
export function findAlert(db: Executor, id: string): Promise<AlertTable | undefined> {
  return alertDb(db).selectFrom('alert').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The open or acknowledged alert of a key and subject (the unique index allows one). */
export function findActive(db: Executor, key: string, subject: string): Promise<AlertTable | undefined> {
  return alertDb(db)
    .selectFrom('alert')
    .selectAll()
    .where('key', '=', key)
    .where('subject', '=', subject)
    .where('status', 'in', ['open', 'acknowledged'])
    .executeTakeFirst();
}

/**
 * The open or acknowledged alert of a key and subject, locked until the transaction ends: an update
 * that changes nothing takes the row lock on PostgreSQL (and waits for a concurrent raise of the
 * pair to commit), so concurrent raises count into the alert one after the other. SQLite has a
 * single writer anyway.
 */
export function lockActive(db: Executor, key: string, subject: string): Promise<AlertTable | undefined> {
  return alertDb(db)
    .updateTable('alert')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('key', '=', key)
    .where('subject', '=', subject)
    .where('status', 'in', ['open', 'acknowledged'])
    .returningAll()
    .executeTakeFirst();
}

/** The most recently resolved alert of a key and subject. */
export function findLastResolved(
  db: Executor,
  key: string,
  subject: string,
): Promise<AlertTable | undefined> {
  return alertDb(db)
    .selectFrom('alert')
    .selectAll()
    .where('key', '=', key)
    .where('subject', '=', subject)
    .where('status', '=', 'resolved')
    .orderBy('resolved_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stores a new alert; false when an active alert of its key and subject appeared meanwhile. */
export async function insertAlert(db: Executor, row: AlertTable): Promise<boolean> {
  const result = await alertDb(db)
    .insertInto('alert')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Applies `set` and moves the version, only while the alert is at `version`; the row after, or undefined. */
export function updateAlert(
  db: Executor,
  id: string,
  version: number,
  set: AlertChange,
): Promise<AlertTable | undefined> {
  return alertDb(db)
    .updateTable('alert')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Open alerts whose acknowledgement time ran out by `now`, oldest deadline first. */
export function overdueAlerts(db: Executor, now: string, limit: number): Promise<AlertTable[]> {
  return alertDb(db)
    .selectFrom('alert')
    .selectAll()
    .where('status', '=', 'open')
    .where('escalate_due_at', 'is not', null)
    .where('escalate_due_at', '<=', now)
    .orderBy('escalate_due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A page of alerts, newest first, and whether more follow. */
export async function queryAlerts(
  db: Executor,
  query: AlertQuery,
): Promise<{ rows: AlertTable[]; more: boolean }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  let select = alertDb(db).selectFrom('alert').selectAll();
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  if (query.severity !== undefined) select = select.where('severity', '=', query.severity);
  if (query.owner !== undefined) select = select.where('owner_id', '=', query.owner);
  if (query.key !== undefined) select = select.where('key', '=', query.key);
  if (query.subject !== undefined) select = select.where('subject', '=', query.subject);
  if (query.source !== undefined) select = select.where('source', '=', query.source);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  const rows = await select
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}
