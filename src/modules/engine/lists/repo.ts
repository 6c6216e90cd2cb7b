/**
 * Queries of the lists. Every change to a list's entries goes through `bumpVersion` first, in the
 * same transaction: it moves the list's `version` (what snapshots compare and four-eyes changes
 * fingerprint) and, on PostgreSQL, locks the list row until commit, so two writers of one list
 * queue and classify `added` / `updated` correctly.
 */
import type { RiskListEntryTable, RiskListTable } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** Rows per multi-row statement: 8 columns × 500 stays far below SQLite's 32,766 parameters. */
const BATCH = 500;

/** One list, or undefined. */
export function findList(db: Executor, name: string): Promise<RiskListTable | undefined> {
  return db.selectFrom('risk_list').selectAll().where('name', '=', name).executeTakeFirst();
}

/** Every list by name, with its number of entries (expired ones included). */
export async function allLists(db: Executor): Promise<(RiskListTable & { entries: number })[]> {
  const rows = await db
    .selectFrom('risk_list as l')
    .leftJoin('risk_list_entry as e', 'e.list_name', 'l.name')
    .selectAll('l')
    .select((eb) => eb.fn.count<number | string | bigint>('e.value').as('entries'))
    .groupBy([
      'l.name',
      'l.kind',
      'l.purpose',
      'l.protected',
      'l.description',
      'l.created_by',
      'l.created_at',
      'l.updated_at',
      'l.version',
    ])
    .orderBy('l.name')
    .execute();
  return rows.map((r) => ({ ...r, entries: Number(r.entries) }));
}

/** Stores a new list; false when the name is taken. */
export async function insertList(db: Executor, row: RiskListTable): Promise<boolean> {
  const result = await db
    .insertInto('risk_list')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/**
 * Moves the list to its next version (and applies `set`), only while it is at `expected` when one
 * is given. Returns the row after the update, or undefined when the list is gone or has moved on.
 */
export async function bumpVersion(
  db: Executor,
  name: string,
  at: string,
  expected?: number,
  set: Partial<Pick<RiskListTable, 'description' | 'protected'>> = {},
): Promise<RiskListTable | undefined> {
  let query = db
    .updateTable('risk_list')
    .set((eb) => ({ ...set, updated_at: at, version: eb('version', '+', 1) }))
    .where('name', '=', name);
  if (expected !== undefined) query = query.where('version', '=', expected);
  return query.returningAll().executeTakeFirst();
}

/** Deletes a list and its entries; returns how many entries it had. */
export async function deleteList(db: Executor, name: string): Promise<number> {
  const entries = await db.deleteFrom('risk_list_entry').where('list_name', '=', name).executeTakeFirst();
  await db.deleteFrom('risk_list').where('name', '=', name).execute();
  return Number(entries.numDeletedRows);
}

/** One entry, or undefined. */
export function findEntry(
  db: Executor,
  name: string,
  value: string,
): Promise<RiskListEntryTable | undefined> {
  return db
    .selectFrom('risk_list_entry')
    .selectAll()
    .where('list_name', '=', name)
    .where('value', '=', value)
    .executeTakeFirst();
}

/**
 * Inserts or overwrites entries of one list (all of `rows` share `list_name`; values unique) and
 * returns the values that already existed, i.e. were updated rather than added.
 */
export async function upsertEntries(
  db: Executor,
  rows: readonly RiskListEntryTable[],
  progress?: (done: number) => void,
): Promise<Set<string>> {
  const existed = new Set<string>();
  for (let i = 0; i < rows.length; i += BATCH) {
    progress?.(i);
    const batch = rows.slice(i, i + BATCH);
    const name = batch[0]!.list_name;
    const found = await db
      .selectFrom('risk_list_entry')
      .select('value')
      .where('list_name', '=', name)
      .where(
        'value',
        'in',
        batch.map((r) => r.value),
      )
      .execute();
    for (const f of found) existed.add(f.value);
    await db
      .insertInto('risk_list_entry')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['list_name', 'value']).doUpdateSet((eb) => ({
          display: eb.ref('excluded.display'),
          reason: eb.ref('excluded.reason'),
          source: eb.ref('excluded.source'),
          created_by: eb.ref('excluded.created_by'),
          created_at: eb.ref('excluded.created_at'),
          expires_at: eb.ref('excluded.expires_at'),
        })),
      )
      .execute();
  }
  return existed;
}

/** Deletes entries of one list; returns the rows that existed (and are now gone). */
export async function deleteEntries(
  db: Executor,
  name: string,
  values: readonly string[],
): Promise<RiskListEntryTable[]> {
  const gone: RiskListEntryTable[] = [];
  for (let i = 0; i < values.length; i += BATCH) {
    const batch = values.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('risk_list_entry')
      .selectAll()
      .where('list_name', '=', name)
      .where('value', 'in', batch)
      .execute();
    if (rows.length === 0) continue;
    await db
      .deleteFrom('risk_list_entry')
      .where('list_name', '=', name)
      .where(
        'value',
        'in',
        rows.map((r) => r.value),
      )
      .execute();
    gone.push(...rows);
  }
  return gone;
}

/** How many entries a list has, expired ones included. */
export async function countEntries(db: Executor, name: string): Promise<number> {
  const row = await db
    .selectFrom('risk_list_entry')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('list_name', '=', name)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of entries ordered by stored value, after `after` (keyset paging on the primary key). */
export function pageEntries(
  db: Executor,
  name: string,
  page: { readonly after?: string | undefined; readonly limit: number },
): Promise<RiskListEntryTable[]> {
  let query = db.selectFrom('risk_list_entry').selectAll().where('list_name', '=', name);
  if (page.after !== undefined) query = query.where('value', '>', page.after);
  // The cursor comparison and the order use the same (column) collation, so pages never overlap.
  return query.orderBy('value').limit(page.limit).execute();
}

/** The version of every list, for the cheap convergence check of the snapshots. */
export function listVersions(
  db: Executor,
): Promise<Pick<RiskListTable, 'name' | 'kind' | 'version' | 'created_at'>[]> {
  return db.selectFrom('risk_list').select(['name', 'kind', 'version', 'created_at']).execute();
}

/** Every entry of a list, as the snapshot needs it. */
export function snapshotEntries(
  db: Executor,
  name: string,
): Promise<Pick<RiskListEntryTable, 'value' | 'expires_at'>[]> {
  return db
    .selectFrom('risk_list_entry')
    .select(['value', 'expires_at'])
    .where('list_name', '=', name)
    .execute();
}
