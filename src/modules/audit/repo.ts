import { insertRows } from '../../store/bulk-insert.js';
import { runCompiled } from '../../store/compiled.js';
import type { Dialect } from '../../store/database.js';
import type { AuditCheckpointTable, AuditLogTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';
import type { ChainPoint } from './chain.js';

/** Filters for listing entries; all optional, combined with AND. */
export interface AuditQuery {
  readonly action?: string;
  readonly actorType?: string;
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly outcome?: string;
  readonly from?: string;
  readonly to?: string;
  /** Return entries with a sequence number below this one (paging backwards from the newest). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** Reads the chain head; on PostgreSQL locks it until the transaction ends, serialising appenders. */
export async function readHead(db: Executor, dialect: Dialect, lock: boolean): Promise<ChainPoint> {
  const forUpdate = lock && dialect === 'postgres';
  const { rows } = await runCompiled(db, `audit head${forUpdate ? ' for update' : ''}`, [1], () => {
    const q = db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    return forUpdate ? q.forUpdate() : q;
  });
  return rows[0] ?? { seq: 0, hash: '0'.repeat(64) };
}

/** Appends consecutive entries with multi-row inserts and moves the head once, within the caller's transaction. */
export async function insertEntries(db: Executor, entries: readonly AuditLogTable[]): Promise<void> {
  const last = entries.at(-1);
  if (!last) return;
  await insertRows(db, 'audit_log', entries);
  await runCompiled(db, 'move audit head', [last.seq, last.hash, 1], () =>
    db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1),
  );
}

/** Entries with `seq > afterSeq`, ascending, at most `limit`: the verification scan. */
export function entriesAfter(db: Executor, afterSeq: number, limit: number): Promise<AuditLogTable[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** A page of entries, newest first. */
export function queryEntries(db: Executor, q: AuditQuery): Promise<AuditLogTable[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.action !== undefined) query = query.where('action', '=', q.action);
  if (q.actorType !== undefined) query = query.where('actor_type', '=', q.actorType);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.targetType !== undefined) query = query.where('target_type', '=', q.targetType);
  if (q.targetId !== undefined) query = query.where('target_id', '=', q.targetId);
  if (q.outcome !== undefined) query = query.where('outcome', '=', q.outcome);
  if (q.from !== undefined) query = query.where('ts', '>=', q.from);
  if (q.to !== undefined) query = query.where('ts', '<', q.to);
  if (q.beforeSeq !== undefined) query = query.where('seq', '<', q.beforeSeq);
  return query.orderBy('seq', 'desc').limit(q.limit).execute();
}

/** One entry by sequence number. */
export function entryBySeq(db: Executor, seq: number): Promise<AuditLogTable | undefined> {
  return db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** The newest checkpoint, or undefined. */
export function latestCheckpoint(db: Executor): Promise<AuditCheckpointTable | undefined> {
  return db.selectFrom('audit_checkpoint').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Every stored checkpoint, ascending. */
export function allCheckpoints(db: Executor): Promise<AuditCheckpointTable[]> {
  return db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
}

/** Stores a checkpoint (append-only table). */
export async function insertCheckpoint(db: Executor, cp: AuditCheckpointTable): Promise<void> {
  await db.insertInto('audit_checkpoint').values(cp).execute();
}
