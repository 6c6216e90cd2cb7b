/**
 * Queries of incidents, one SQL path for SQLite and PostgreSQL. Every change starts with
 * `lockIncident` (it moves the version and, on PostgreSQL, holds the row until commit), and
 * timeline entries are numbered after that lock, so concurrent writers queue instead of colliding.
 */
import type { Executor } from '../../store/transaction.js';
import type { Page } from './case-repo.js';
import {
  casesDb,
  type IncidentTable,
  type IncidentTimelineTable,
  type PlanActivationTable,
} from './tables.js';

/** Filters and paging of the incident list. */
export interface IncidentFilter {
  readonly status?: string | undefined;
  readonly type?: string | undefined;
  readonly severity?: string | undefined;
  readonly alert_id?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Writes a new incident with its linked alerts. */
export async function insertIncident(
  db: Executor,
  row: IncidentTable,
  alertIds: readonly string[],
): Promise<void> {
  await casesDb(db).insertInto('incident').values(row).execute();
  await insertAlerts(db, row.id, alertIds);
}

/** Links alerts; ones already linked are kept once. */
export async function insertAlerts(
  db: Executor,
  incidentId: string,
  alertIds: readonly string[],
): Promise<void> {
  if (alertIds.length === 0) return;
  await casesDb(db)
    .insertInto('incident_alert')
    .values(alertIds.map((alert_id) => ({ incident_id: incidentId, alert_id })))
    .onConflict((oc) => oc.columns(['incident_id', 'alert_id']).doNothing())
    .execute();
}

/** One incident, or undefined. */
export function findIncident(db: Executor, id: string): Promise<IncidentTable | undefined> {
  return casesDb(db).selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves the incident's version and applies `set`, only while its status is one of `from` (any when absent). */
export function lockIncident(
  db: Executor,
  id: string,
  at: string,
  from?: readonly string[],
  set: Partial<IncidentTable> = {},
): Promise<IncidentTable | undefined> {
  let update = casesDb(db)
    .updateTable('incident')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id);
  if (from) update = update.where('status', 'in', [...from]);
  return update.returningAll().executeTakeFirst();
}

/** Appends timeline entries after the incident's last, numbering them. */
export async function appendTimeline(
  db: Executor,
  incidentId: string,
  entries: readonly Omit<IncidentTimelineTable, 'incident_id' | 'seq'>[],
): Promise<void> {
  if (entries.length === 0) return;
  const q = casesDb(db);
  const last = await q
    .selectFrom('incident_timeline')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  const first = Number(last?.seq ?? 0) + 1;
  await q
    .insertInto('incident_timeline')
    .values(entries.map((e, i) => ({ ...e, incident_id: incidentId, seq: first + i })))
    .execute();
}

/** Everything recorded about one incident beside its row. */
export interface IncidentParts {
  readonly alertIds: string[];
  readonly timeline: IncidentTimelineTable[];
  readonly activations: PlanActivationTable[];
}

/** The alerts, timeline (in time order) and plan activations of an incident. */
export async function incidentParts(db: Executor, id: string): Promise<IncidentParts> {
  const q = casesDb(db);
  const [alerts, timeline, activations] = await Promise.all([
    q
      .selectFrom('incident_alert')
      .select('alert_id')
      .where('incident_id', '=', id)
      .orderBy('alert_id')
      .execute(),
    q
      .selectFrom('incident_timeline')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('at')
      .orderBy('seq')
      .execute(),
    q
      .selectFrom('plan_activation')
      .selectAll()
      .where('source_type', '=', 'incident')
      .where('source_id', '=', id)
      .orderBy('activated_at')
      .orderBy('id')
      .execute(),
  ]);
  return { alertIds: alerts.map((a) => a.alert_id), timeline, activations };
}

/** A page of incidents, newest first, with the total. */
export async function queryIncidents(db: Executor, filter: IncidentFilter): Promise<Page<IncidentTable>> {
  let base = casesDb(db).selectFrom('incident');
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.type) base = base.where('type', '=', filter.type);
  if (filter.severity) base = base.where('severity', '=', filter.severity);
  if (filter.alert_id) {
    const alertId = filter.alert_id;
    base = base.where('id', 'in', (eb) =>
      eb.selectFrom('incident_alert').select('incident_id').where('alert_id', '=', alertId),
    );
  }
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}
