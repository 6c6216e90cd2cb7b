/**
 * Queries of the four-eyes module. The one that matters for correctness is `claimPending`: a
 * conditional update that moves a change out of `pending` and reports whether this caller did it.
 * Exactly one of any number of concurrent callers sees `true` — on PostgreSQL the row lock taken by
 * the first UPDATE makes the others re-check `status = 'pending'` after it commits (READ COMMITTED
 * re-evaluation), and SQLite runs one writer at a time.
 */
import type { ChangeRequestTable } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import type { Change, ChangeStatus } from './registry.js';

/** Filters for listing changes; combined with AND. `status` is the status a reader sees (see `toChange`). */
export interface ChangeQuery {
  readonly status?: ChangeStatus;
  readonly kind?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly makerId?: string;
  /** Ids sort by submission time (UUIDv7): return changes with a smaller id (the next page). */
  readonly beforeId?: string;
  readonly limit: number;
}

/** Stores a new change. */
export async function insertChange(db: Executor, row: ChangeRequestTable): Promise<void> {
  await db.insertInto('change_request').values(row).execute();
}

/** One change, or undefined. */
export function findChange(db: Executor, id: string): Promise<ChangeRequestTable | undefined> {
  return db.selectFrom('change_request').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves a pending change to `status`, recording who decided, when and why. Returns false when the
 * change was no longer pending: someone else decided first.
 */
export async function claimPending(
  db: Executor,
  id: string,
  status: Exclude<ChangeStatus, 'pending'>,
  decider: Actor,
  at: string,
  comment: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('change_request')
    .set({
      status,
      decided_by_type: decider.type,
      decided_by_id: decider.id,
      decided_at: at,
      decision_comment: comment,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Sets the final status and result of a change this transaction has already claimed. */
export async function settle(
  db: Executor,
  id: string,
  status: Exclude<ChangeStatus, 'pending'>,
  result: string | null,
): Promise<void> {
  await db.updateTable('change_request').set({ status, result }).where('id', '=', id).execute();
}

/** Pending changes whose expiry has passed at `at`, oldest expiry first. */
export async function overdueIds(db: Executor, at: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('change_request')
    .select('id')
    .where('status', '=', 'pending')
    .where('expires_at', '<=', at)
    .orderBy('expires_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A page of changes, newest first. */
export function queryChanges(db: Executor, q: ChangeQuery, at: string): Promise<ChangeRequestTable[]> {
  let query = db.selectFrom('change_request').selectAll();
  if (q.status === 'pending') {
    query = query.where('status', '=', 'pending').where('expires_at', '>', at);
  } else if (q.status === 'expired') {
    query = query.where((eb) =>
      eb.or([
        eb('status', '=', 'expired'),
        eb.and([eb('status', '=', 'pending'), eb('expires_at', '<=', at)]),
      ]),
    );
  } else if (q.status !== undefined) {
    query = query.where('status', '=', q.status);
  }
  if (q.kind !== undefined) query = query.where('kind', '=', q.kind);
  if (q.targetType !== undefined) query = query.where('target_type', '=', q.targetType);
  if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
  if (q.makerId !== undefined) query = query.where('maker_id', '=', q.makerId);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

/**
 * The change a row stores, as readers see it at `at`: a pending change past its expiry reads as
 * `expired` even before the sweep (`ChangeService.expire`) records that, so nobody is invited to
 * decide something that can no longer be decided.
 */
export function toChange(row: ChangeRequestTable, at: string): Change {
  const overdue = row.status === 'pending' && row.expires_at <= at;
  return {
    id: row.id,
    kind: row.kind,
    target: { type: row.target_type, id: row.target_id },
    content: JSON.parse(row.content) as unknown,
    reason: row.reason,
    maker: { type: row.maker_type as Actor['type'], id: row.maker_id },
    fingerprint: row.fingerprint,
    status: overdue ? 'expired' : (row.status as ChangeStatus),
    submitted_at: row.submitted_at,
    expires_at: row.expires_at,
    decided_by:
      row.decided_by_type !== null && row.decided_by_id !== null
        ? { type: row.decided_by_type as Actor['type'], id: row.decided_by_id }
        : null,
    decided_at: row.decided_at,
    decision_comment: row.decision_comment,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
  };
}
