/**
 * Queries of emergency plans and their versions, one SQL path for SQLite and PostgreSQL. A new
 * version is written only if the plan is still at the version its author saw (`bumpPlan`), so two
 * editors cannot both make "version 3".
 */
import type { Executor } from '../../store/transaction.js';
import { casesDb, type EmergencyPlanTable, type EmergencyPlanVersionTable } from './tables.js';

/** A plan with its current version. */
export type PlanWithVersion = EmergencyPlanTable & { readonly content: EmergencyPlanVersionTable };

/** Writes a new plan and its first version. */
export async function insertPlan(
  db: Executor,
  plan: EmergencyPlanTable,
  version: EmergencyPlanVersionTable,
): Promise<void> {
  const q = casesDb(db);
  await q.insertInto('emergency_plan').values(plan).execute();
  await q.insertInto('emergency_plan_version').values(version).execute();
}

/** Writes a version. */
export async function insertVersion(db: Executor, version: EmergencyPlanVersionTable): Promise<void> {
  await casesDb(db).insertInto('emergency_plan_version').values(version).execute();
}

/** One plan, or undefined. */
export function findPlan(db: Executor, id: string): Promise<EmergencyPlanTable | undefined> {
  return casesDb(db).selectFrom('emergency_plan').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One version of a plan, or undefined. */
export function findVersion(
  db: Executor,
  planId: string,
  version: number,
): Promise<EmergencyPlanVersionTable | undefined> {
  return casesDb(db)
    .selectFrom('emergency_plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every version of a plan, oldest first. */
export function versionsOf(db: Executor, planId: string): Promise<EmergencyPlanVersionTable[]> {
  return casesDb(db)
    .selectFrom('emergency_plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('version')
    .execute();
}

/**
 * Moves the plan to version `expected + 1` if it is still at `expected`; with `expected`
 * undefined, only touches the row (holding it until commit on PostgreSQL). Undefined when the plan
 * does not exist or moved on.
 */
export function bumpPlan(
  db: Executor,
  id: string,
  at: string,
  expected?: number,
): Promise<EmergencyPlanTable | undefined> {
  let update = casesDb(db).updateTable('emergency_plan').where('id', '=', id);
  if (expected === undefined) {
    return update
      .set((eb) => ({ current_version: eb.ref('current_version') }))
      .returningAll()
      .executeTakeFirst();
  }
  update = update.where('current_version', '=', expected);
  return update
    .set({ current_version: expected + 1, updated_at: at })
    .returningAll()
    .executeTakeFirst();
}

/** Every plan (of `scenario`, when given) with its current version, by scenario then creation. */
export async function plansWithCurrent(db: Executor, scenario?: string): Promise<PlanWithVersion[]> {
  const q = casesDb(db);
  let plans = q.selectFrom('emergency_plan').selectAll();
  if (scenario) plans = plans.where('scenario', '=', scenario);
  const rows = await plans.orderBy('scenario').orderBy('created_at').orderBy('id').execute();
  if (rows.length === 0) return [];
  const versions = await q
    .selectFrom('emergency_plan_version as v')
    .innerJoin('emergency_plan as p', (join) =>
      join.onRef('p.id', '=', 'v.plan_id').onRef('p.current_version', '=', 'v.version'),
    )
    .selectAll('v')
    .where(
      'v.plan_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byPlan = new Map(versions.map((v) => [v.plan_id, v]));
  return rows.flatMap((row) => {
    const content = byPlan.get(row.id);
    return content ? [{ ...row, content }] : [];
  });
}

/**
 * The start of the last finished drill of each plan that began no later than `at` (every finished
 * drill when `at` is undefined), by plan id.
 */
export async function lastDrills(db: Executor, at?: string): Promise<Map<string, string>> {
  let q = casesDb(db)
    .selectFrom('plan_drill')
    .select(['plan_id', (eb) => eb.fn.max('started_at').as('last')])
    .where('status', '=', 'finished');
  if (at !== undefined) q = q.where('started_at', '<=', at);
  const rows = await q.groupBy('plan_id').execute();
  return new Map(rows.flatMap((r) => (r.last === null ? [] : [[r.plan_id, String(r.last)] as const])));
}
