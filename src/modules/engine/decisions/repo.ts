/** Queries of decisions, their events, shadows and the review queue. */
import type { Transaction } from 'kysely';
import { insertRows } from '../../../store/bulk-insert.js';
import { runCompiled } from '../../../store/compiled.js';
import type { Database, DecisionTable, ReviewTable } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';
import type { DecisionRecord } from './record.js';

/** Writes the rows of several decisions inside `trx` (the caller appends their audit entries). */
export async function insertDecisions(
  trx: Transaction<Database>,
  records: readonly DecisionRecord[],
): Promise<void> {
  await insertRows(
    trx,
    'event',
    records.map((r) => r.event),
  );
  await insertRows(
    trx,
    'decision',
    records.map((r) => r.decision),
  );
  await insertRows(
    trx,
    'decision_subject',
    records.flatMap((r) => r.subjects),
  );
  await insertRows(
    trx,
    'decision_rule_hit',
    records.flatMap((r) => r.hits),
  );
  await insertRows(
    trx,
    'decision_shadow',
    records.flatMap((r) => r.shadows),
  );
  await insertRows(
    trx,
    'decision_model_score',
    records.flatMap((r) => r.modelScores),
  );
  await insertRows(
    trx,
    'review',
    records.flatMap((r) => (r.review ? [r.review] : [])),
  );
}

/** The stored idempotency record of an event id, with its decision's response. */
export async function findByEventId(
  db: Executor,
  eventId: string,
): Promise<{ body_hash: string; response: string } | undefined> {
  const { rows } = await runCompiled(db, 'decision by event id', [eventId], () =>
    db
      .selectFrom('event')
      .innerJoin('decision', 'decision.event_id', 'event.id')
      .select(['event.body_hash', 'decision.response'])
      .where('event.id', '=', eventId),
  );
  return rows[0];
}

/** Filters of the decision search, combined with AND. */
export interface DecisionQuery {
  readonly subjectKey?: string | undefined;
  readonly subjectValue?: string | undefined;
  readonly outcome?: string | undefined;
  readonly rule?: string | undefined;
  readonly eventType?: string | undefined;
  readonly policyId?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Page backwards: decisions created before this (created_at, id) pair. */
  readonly before?: { readonly createdAt: string; readonly id: string } | undefined;
  readonly limit: number;
}

/** A page of decisions, newest first. */
export function searchDecisions(db: Executor, q: DecisionQuery): Promise<Omit<DecisionTable, 'response'>[]> {
  let query = db
    .selectFrom('decision as d')
    .select([
      'd.id',
      'd.event_id',
      'd.event_type',
      'd.occurred_at',
      'd.created_at',
      'd.outcome',
      'd.score',
      'd.policy_id',
      'd.policy_version',
      'd.fallback',
    ]);
  if (q.subjectKey !== undefined && q.subjectValue !== undefined) {
    const { subjectKey, subjectValue } = q;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('decision_subject as s')
          .select('s.decision_id')
          .whereRef('s.decision_id', '=', 'd.id')
          .where('s.key', '=', subjectKey)
          .where('s.value', '=', subjectValue),
      ),
    );
  }
  if (q.rule !== undefined) {
    const rule = q.rule;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('decision_rule_hit as h')
          .select('h.decision_id')
          .whereRef('h.decision_id', '=', 'd.id')
          .where('h.rule_id', '=', rule),
      ),
    );
  }
  if (q.outcome !== undefined) query = query.where('d.outcome', '=', q.outcome);
  if (q.eventType !== undefined) query = query.where('d.event_type', '=', q.eventType);
  if (q.policyId !== undefined) query = query.where('d.policy_id', '=', q.policyId);
  if (q.from !== undefined) query = query.where('d.created_at', '>=', q.from);
  if (q.to !== undefined) query = query.where('d.created_at', '<', q.to);
  if (q.before !== undefined) {
    const { createdAt, id } = q.before;
    query = query.where((eb) =>
      eb.or([
        eb('d.created_at', '<', createdAt),
        eb.and([eb('d.created_at', '=', createdAt), eb('d.id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(q.limit).execute();
}

/** One decision with its event, shadows and review. */
export async function decisionTrace(db: Executor, id: string) {
  const decision = await db.selectFrom('decision').selectAll().where('id', '=', id).executeTakeFirst();
  if (!decision) return undefined;
  const [event, shadows, review] = await Promise.all([
    db.selectFrom('event').selectAll().where('id', '=', decision.event_id).executeTakeFirstOrThrow(),
    db.selectFrom('decision_shadow').selectAll().where('decision_id', '=', id).orderBy('policy_id').execute(),
    db.selectFrom('review').selectAll().where('decision_id', '=', id).executeTakeFirst(),
  ]);
  return { decision, event, shadows, review };
}

/** A page of the review queue, oldest first (first come, first served). */
export function listReviews(
  db: Executor,
  q: {
    status: 'open' | 'resolved';
    eventType?: string | undefined;
    limit: number;
    after?: string | undefined;
  },
): Promise<(ReviewTable & { outcome: string; score: number | null; event_id: string })[]> {
  let query = db
    .selectFrom('review as r')
    .innerJoin('decision as d', 'd.id', 'r.decision_id')
    .selectAll('r')
    .select(['d.outcome', 'd.score', 'd.event_id'])
    .where('r.status', '=', q.status);
  if (q.eventType !== undefined) query = query.where('r.event_type', '=', q.eventType);
  if (q.after !== undefined) query = query.where('r.decision_id', '>', q.after);
  return query.orderBy('r.decision_id').limit(q.limit).execute();
}

/** Resolves an open review; false when it was not open (resolved meanwhile, or absent). */
export async function resolveReview(
  db: Executor,
  id: string,
  r: { byType: string; byId: string; at: string; resolution: string; comment: string | null },
): Promise<boolean> {
  const res = await db
    .updateTable('review')
    .set({
      status: 'resolved',
      resolved_by_type: r.byType,
      resolved_by_id: r.byId,
      resolved_at: r.at,
      resolution: r.resolution,
      comment: r.comment,
    })
    .where('decision_id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
