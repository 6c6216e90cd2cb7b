/**
 * Queries of drills and their steps, one SQL path for SQLite and PostgreSQL. Completing a step or
 * finishing a drill moves the drill's version first (`lockDrill`), only while it is in progress.
 */
import type { Executor } from '../../store/transaction.js';
import type { Page } from './case-repo.js';
import { casesDb, type PlanDrillStepTable, type PlanDrillTable } from './tables.js';

/** Filters and paging of drills. */
export interface DrillFilter {
  readonly plan_id?: string | undefined;
  readonly status?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Writes a drill and its steps. */
export async function insertDrill(
  db: Executor,
  row: PlanDrillTable,
  steps: readonly PlanDrillStepTable[],
): Promise<void> {
  const q = casesDb(db);
  await q.insertInto('plan_drill').values(row).execute();
  await q
    .insertInto('plan_drill_step')
    .values([...steps])
    .execute();
}

/** One drill, or undefined. */
export function findDrill(db: Executor, id: string): Promise<PlanDrillTable | undefined> {
  return casesDb(db).selectFrom('plan_drill').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves an in-progress drill's version and applies `set`; undefined when none is in progress with `id`. */
export function lockDrill(
  db: Executor,
  id: string,
  set: Partial<PlanDrillTable> = {},
): Promise<PlanDrillTable | undefined> {
  return casesDb(db)
    .updateTable('plan_drill')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .returningAll()
    .executeTakeFirst();
}

/** Records a step's completion; false when it was already complete (or does not exist). */
export async function completeStep(
  db: Executor,
  drillId: string,
  seq: number,
  set: Pick<PlanDrillStepTable, 'completed_at' | 'completed_by_type' | 'completed_by_id' | 'note'>,
): Promise<boolean> {
  const result = await casesDb(db)
    .updateTable('plan_drill_step')
    .set(set)
    .where('drill_id', '=', drillId)
    .where('seq', '=', seq)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The steps of several drills, by drill then step. */
export function stepsOfDrills(db: Executor, ids: readonly string[]): Promise<PlanDrillStepTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return casesDb(db)
    .selectFrom('plan_drill_step')
    .selectAll()
    .where('drill_id', 'in', [...ids])
    .orderBy('drill_id')
    .orderBy('seq')
    .execute();
}

/** A page of drills, newest first. */
export async function queryDrills(db: Executor, filter: DrillFilter): Promise<Page<PlanDrillTable>> {
  let base = casesDb(db).selectFrom('plan_drill');
  if (filter.plan_id) base = base.where('plan_id', '=', filter.plan_id);
  if (filter.status) base = base.where('status', '=', filter.status);
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
