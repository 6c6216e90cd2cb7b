/** Queries of the KRI tables; the service decides, this file only reads and writes rows. */
import type { Executor } from '../../../store/transaction.js';
import { type KriEvaluationTable, type KriTable, type KriValueTable, kriDb } from './tables.js';

/** Filters of `queryKris`. */
export interface KriQuery {
  readonly risk_type?: string | undefined;
  readonly frequency?: string | undefined;
  readonly status?: string | undefined;
  readonly owner?: string | undefined;
}

/** One KRI, or undefined. */
export function findKri(db: Executor, id: string): Promise<KriTable | undefined> {
  return kriDb(db).selectFrom('kri').selectAll().where('id', '=', id).executeTakeFirst();
}

/** KRIs matching `query`, by id. */
export function queryKris(db: Executor, query: KriQuery = {}): Promise<KriTable[]> {
  let q = kriDb(db).selectFrom('kri').selectAll();
  if (query.risk_type !== undefined) q = q.where('risk_type', '=', query.risk_type);
  if (query.frequency !== undefined) q = q.where('frequency', '=', query.frequency);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  if (query.owner !== undefined) q = q.where('owner', '=', query.owner);
  return q.orderBy('id').execute();
}

/** Which of `ids` exist. */
export async function existingIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await kriDb(db)
    .selectFrom('kri')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Inserts a KRI; false when the id is taken. */
export async function insertKri(db: Executor, row: KriTable): Promise<boolean> {
  const result = await kriDb(db)
    .insertInto('kri')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Writes `set` and bumps the version; the row after, or undefined when there is no such KRI. */
export async function updateKri(
  db: Executor,
  id: string,
  at: string,
  set: Partial<Omit<KriTable, 'id' | 'version' | 'updated_at'>>,
): Promise<KriTable | undefined> {
  const result = await kriDb(db)
    .updateTable('kri')
    .set((eb) => ({ ...set, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return findKri(db, id);
}

/** The pushed value of one period, or undefined. */
export function findValue(
  db: Executor,
  kriId: string,
  periodStart: string,
): Promise<KriValueTable | undefined> {
  return kriDb(db)
    .selectFrom('kri_value')
    .selectAll()
    .where('kri_id', '=', kriId)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
}

/** Inserts or replaces pushed values; which periods held a value before. */
export async function upsertValues(db: Executor, rows: readonly KriValueTable[]): Promise<Set<string>> {
  const existed = new Set<string>();
  for (const row of rows) {
    const before = await findValue(db, row.kri_id, row.period_start);
    if (before) existed.add(`${row.kri_id}\u0000${row.period_start}`);
    await kriDb(db)
      .insertInto('kri_value')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['kri_id', 'period_start']).doUpdateSet({
          value: row.value,
          source: row.source,
          received_by_type: row.received_by_type,
          received_by_id: row.received_by_id,
          received_at: row.received_at,
        }),
      )
      .execute();
  }
  return existed;
}

/** The stored evaluation of one period, or undefined. */
export function findEvaluation(
  db: Executor,
  kriId: string,
  periodStart: string,
): Promise<KriEvaluationTable | undefined> {
  return kriDb(db)
    .selectFrom('kri_evaluation')
    .selectAll()
    .where('kri_id', '=', kriId)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
}

/** The latest evaluation of a KRI (by period), or undefined. */
export function latestEvaluation(db: Executor, kriId: string): Promise<KriEvaluationTable | undefined> {
  return kriDb(db)
    .selectFrom('kri_evaluation')
    .selectAll()
    .where('kri_id', '=', kriId)
    .orderBy('period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts an evaluation; false when the period is already evaluated (another process won). */
export async function insertEvaluation(db: Executor, row: KriEvaluationTable): Promise<boolean> {
  const result = await kriDb(db)
    .insertInto('kri_evaluation')
    .values(row)
    .onConflict((oc) => oc.columns(['kri_id', 'period_start']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records that the evaluation hook accepted an evaluation. */
export async function markNotified(
  db: Executor,
  kriId: string,
  periodStart: string,
  at: string,
): Promise<void> {
  await kriDb(db)
    .updateTable('kri_evaluation')
    .set({ notified_at: at })
    .where('kri_id', '=', kriId)
    .where('period_start', '=', periodStart)
    .execute();
}

/** Evaluations of a KRI with a period starting in [from, to), latest `limit` of them, oldest first. */
export async function evaluations(
  db: Executor,
  kriId: string,
  range: { from?: string | undefined; to?: string | undefined; limit: number },
): Promise<KriEvaluationTable[]> {
  let q = kriDb(db).selectFrom('kri_evaluation').selectAll().where('kri_id', '=', kriId);
  if (range.from !== undefined) q = q.where('period_start', '>=', range.from);
  if (range.to !== undefined) q = q.where('period_start', '<', range.to);
  const rows = await q.orderBy('period_start', 'desc').limit(range.limit).execute();
  return rows.reverse();
}

/** The latest evaluation of each of `ids`, by KRI id. */
export async function latestOf(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, KriEvaluationTable>> {
  const out = new Map<string, KriEvaluationTable>();
  for (const id of ids) {
    const row = await latestEvaluation(db, id);
    if (row) out.set(id, row);
  }
  return out;
}
