/** Queries of the risk register; the service decides, this file only reads and writes rows. */
import type { Executor } from '../../../store/transaction.js';
import { type RiskControlTable, type RiskTable, registerDb } from './tables.js';

/** Filters of `queryRisks`. */
export interface RiskQuery {
  readonly category?: string | undefined;
  readonly owner?: string | undefined;
  readonly status?: string | undefined;
}

/** One risk, or undefined. */
export function findRisk(db: Executor, id: string): Promise<RiskTable | undefined> {
  return registerDb(db).selectFrom('risk').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Risks matching `query`, by id. */
export function queryRisks(db: Executor, query: RiskQuery = {}): Promise<RiskTable[]> {
  let q = registerDb(db).selectFrom('risk').selectAll();
  if (query.category !== undefined) q = q.where('category', '=', query.category);
  if (query.owner !== undefined) q = q.where('owner', '=', query.owner);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  return q.orderBy('id').execute();
}

/** Ids starting with `prefix`, for numbering a new risk. */
export async function idsStartingWith(db: Executor, prefix: string): Promise<string[]> {
  const rows = await registerDb(db)
    .selectFrom('risk')
    .select('id')
    .where('id', '>=', prefix)
    .where('id', '<', `${prefix}\uffff`)
    .execute();
  return rows.map((r) => r.id);
}

/** Inserts a risk; false when the id is taken. */
export async function insertRisk(db: Executor, row: RiskTable): Promise<boolean> {
  const result = await registerDb(db)
    .insertInto('risk')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Writes `set` and bumps the version; when `expected` is given, only if the risk is still at that
 * version (the four-eyes path). Returns the row after, or undefined when nothing matched.
 */
export async function updateRisk(
  db: Executor,
  id: string,
  at: string,
  set: Partial<Omit<RiskTable, 'id' | 'version' | 'updated_at'>>,
  expected?: number,
): Promise<RiskTable | undefined> {
  let q = registerDb(db)
    .updateTable('risk')
    .set((eb) => ({ ...set, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expected !== undefined) q = q.where('version', '=', expected);
  const result = await q.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return findRisk(db, id);
}

/** The controls of the given risks, by risk then control id. */
export async function controlsOf(db: Executor, riskIds: readonly string[]): Promise<RiskControlTable[]> {
  if (riskIds.length === 0) return [];
  return registerDb(db)
    .selectFrom('risk_control')
    .selectAll()
    .where('risk_id', 'in', [...riskIds])
    .orderBy('risk_id')
    .orderBy('id')
    .execute();
}

/** Inserts or replaces one control. */
export async function upsertControl(db: Executor, row: RiskControlTable): Promise<void> {
  const { risk_id: _risk, id: _id, ...rest } = row;
  await registerDb(db)
    .insertInto('risk_control')
    .values(row)
    .onConflict((oc) => oc.columns(['risk_id', 'id']).doUpdateSet(rest))
    .execute();
}

/** Deletes one control; the row deleted, or undefined. */
export async function deleteControl(
  db: Executor,
  riskId: string,
  id: string,
): Promise<RiskControlTable | undefined> {
  const row = await registerDb(db)
    .selectFrom('risk_control')
    .selectAll()
    .where('risk_id', '=', riskId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  await registerDb(db)
    .deleteFrom('risk_control')
    .where('risk_id', '=', riskId)
    .where('id', '=', id)
    .execute();
  return row;
}
