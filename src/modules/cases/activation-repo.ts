/**
 * Queries of plan activations and their checklists, one SQL path for SQLite and PostgreSQL. Ticking
 * an item moves the activation's version first (`lockActivation`), so two people ticking the last
 * two items queue and exactly one of them completes the activation.
 */
import type { Executor } from '../../store/transaction.js';
import type { Page } from './case-repo.js';
import { casesDb, type PlanActivationTable, type PlanChecklistItemTable } from './tables.js';

/** Filters and paging of activations. */
export interface ActivationFilter {
  readonly status?: string | undefined;
  readonly plan_id?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Writes an activation and its checklist. */
export async function insertActivation(
  db: Executor,
  row: PlanActivationTable,
  items: readonly PlanChecklistItemTable[],
): Promise<void> {
  const q = casesDb(db);
  await q.insertInto('plan_activation').values(row).execute();
  await q
    .insertInto('plan_checklist_item')
    .values([...items])
    .execute();
}

/** The active activation of `planId` for a source, if any. */
export function activeFor(
  db: Executor,
  planId: string,
  sourceType: string,
  sourceId: string,
): Promise<PlanActivationTable | undefined> {
  return casesDb(db)
    .selectFrom('plan_activation')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** One activation, or undefined. */
export function findActivation(db: Executor, id: string): Promise<PlanActivationTable | undefined> {
  return casesDb(db).selectFrom('plan_activation').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves an active activation's version and applies `set`; undefined when none is active with `id`. */
export function lockActivation(
  db: Executor,
  id: string,
  set: Partial<PlanActivationTable> = {},
): Promise<PlanActivationTable | undefined> {
  return casesDb(db)
    .updateTable('plan_activation')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

/** Closes a pending item; false when it is not pending (or does not exist). */
export async function closeItem(
  db: Executor,
  activationId: string,
  seq: number,
  set: Pick<PlanChecklistItemTable, 'status' | 'done_by_type' | 'done_by_id' | 'done_at' | 'note'>,
): Promise<boolean> {
  const result = await casesDb(db)
    .updateTable('plan_checklist_item')
    .set(set)
    .where('activation_id', '=', activationId)
    .where('seq', '=', seq)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The checklists of several activations, by activation then step. */
export function itemsOf(db: Executor, ids: readonly string[]): Promise<PlanChecklistItemTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return casesDb(db)
    .selectFrom('plan_checklist_item')
    .selectAll()
    .where('activation_id', 'in', [...ids])
    .orderBy('activation_id')
    .orderBy('seq')
    .execute();
}

/** A page of activations, newest first. */
export async function queryActivations(
  db: Executor,
  filter: ActivationFilter,
): Promise<Page<PlanActivationTable>> {
  let base = casesDb(db).selectFrom('plan_activation');
  if (filter.status) base = base.where('status', '=', filter.status);
  if (filter.plan_id) base = base.where('plan_id', '=', filter.plan_id);
  const [items, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('activated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items, total: Number(count?.n ?? 0) };
}
