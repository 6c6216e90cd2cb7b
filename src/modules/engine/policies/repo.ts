/** Queries of policies, their versions and deployments, and the history the velocity state replays. */
import type { Database, EventTable, PolicyTable, PolicyVersionTable } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** A deployed version: which policy, how (active or shadow) and its stored document. */
export interface DeployedRow {
  readonly id: string;
  readonly event_type: string;
  readonly mode: 'active' | 'shadow';
  readonly version: number;
  readonly document: string;
}

/** Every deployed version, active first. */
export async function deployedVersions(db: Executor): Promise<DeployedRow[]> {
  const rows = await db
    .selectFrom('policy as p')
    .innerJoin('policy_version as v', (j) =>
      j.onRef('v.policy_id', '=', 'p.id').onRef('v.version', '=', 'p.deployed_version'),
    )
    .select(['p.id', 'p.event_type', 'p.mode', 'v.version', 'v.document'])
    .where('p.mode', 'in', ['active', 'shadow'])
    .orderBy('p.mode')
    .orderBy('p.id')
    .execute();
  return rows as DeployedRow[];
}

/** Names of the lists that exist. */
export async function listNames(db: Executor): Promise<string[]> {
  return (await db.selectFrom('risk_list').select('name').orderBy('name').execute()).map((r) => r.name);
}

/** The latest `occurred_at` of any stored event. */
export async function newestEventTime(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('event')
    .select((eb) => eb.fn.max<string>('occurred_at').as('t'))
    .executeTakeFirst();
  return row?.t ?? undefined;
}

/** Stored events after `since`, in time order, a page after the (occurred_at, id) cursor. */
export function eventsSince(
  db: Executor,
  since: string,
  after: { occurred_at: string; id: string } | undefined,
  limit: number,
): Promise<EventTable[]> {
  let q = db.selectFrom('event').selectAll().where('occurred_at', '>', since);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('occurred_at', '>', after.occurred_at),
        eb.and([eb('occurred_at', '=', after.occurred_at), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('occurred_at').orderBy('id').limit(limit).execute();
}

/** One policy row. */
export function findPolicy(db: Executor, id: string): Promise<PolicyTable | undefined> {
  return db.selectFrom('policy').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every policy, by id. */
export function allPolicies(db: Executor): Promise<PolicyTable[]> {
  return db.selectFrom('policy').selectAll().orderBy('id').execute();
}

/** The versions of a policy, newest first, without their documents. */
export function versionsOf(db: Executor, id: string) {
  return db
    .selectFrom('policy_version')
    .select([
      'policy_id',
      'version',
      'event_type',
      'checksum',
      'created_by_type',
      'created_by_id',
      'created_at',
    ])
    .where('policy_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

/** One version with its document and source. */
export function findVersion(
  db: Executor,
  id: string,
  version: number,
): Promise<PolicyVersionTable | undefined> {
  return db
    .selectFrom('policy_version')
    .selectAll()
    .where('policy_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The highest version number of a policy, 0 when it has none. */
export async function latestVersion(db: Executor, id: string): Promise<number> {
  const row = await db
    .selectFrom('policy_version')
    .select((eb) => eb.fn.max<number>('version').as('v'))
    .where('policy_id', '=', id)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Inserts a policy row (first version saved). */
export async function insertPolicy(db: Executor, row: Database['policy']): Promise<void> {
  await db.insertInto('policy').values(row).execute();
}

/** Inserts a version. */
export async function insertVersion(db: Executor, row: PolicyVersionTable): Promise<void> {
  await db.insertInto('policy_version').values(row).execute();
}

/**
 * Moves a policy's deployment, only if its row version is still `expected` (nobody deployed it in
 * between); returns whether it did.
 */
export async function setDeployment(
  db: Executor,
  id: string,
  expected: number,
  next: Pick<PolicyTable, 'mode' | 'deployed_version' | 'previous_version' | 'previous_mode' | 'updated_at'>,
): Promise<boolean> {
  const res = await db
    .updateTable('policy')
    .set((eb) => ({ ...next, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .where('row_version', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The other active policies of an event type (to retire when another becomes active). */
export function activeOfType(db: Executor, eventType: string, except: string): Promise<PolicyTable[]> {
  return db
    .selectFrom('policy')
    .selectAll()
    .where('event_type', '=', eventType)
    .where('mode', '=', 'active')
    .where('id', '!=', except)
    .execute();
}
