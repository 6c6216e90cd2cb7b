/**
 * The manual review queue: every decision whose outcome was `review` waits here until an analyst
 * resolves it as `fraud` or `legitimate`. Those verdicts are the labels backtests measure policies
 * against (reference text 七: a human in the loop for what the rules cannot settle).
 */
import type { Kysely } from 'kysely';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Database, ReviewTable } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import { ReviewNotFound, ReviewResolved } from '../errors.js';
import * as repo from './repo.js';

/** A review as the API shows it. */
export function reviewView(r: ReviewTable & { score: number | null; event_id: string }) {
  return {
    decision_id: r.decision_id,
    event_id: r.event_id,
    event_type: r.event_type,
    score: r.score,
    status: r.status,
    created_at: r.created_at,
    resolution: r.resolution as 'fraud' | 'legitimate' | null,
    comment: r.comment,
    resolved_by:
      r.resolved_by_type && r.resolved_by_id ? { type: r.resolved_by_type, id: r.resolved_by_id } : null,
    resolved_at: r.resolved_at,
  };
}

/** Lists and resolves reviews. */
export class ReviewService {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; audit: AuditLog }) {}

  /** A page of the queue, oldest first. */
  async list(q: Parameters<typeof repo.listReviews>[1]) {
    return (await repo.listReviews(this.deps.db, q)).map(reviewView);
  }

  /** Resolves an open review with the analyst's verdict; refused if already resolved. */
  async resolve(
    actor: Actor,
    decisionId: string,
    resolution: 'fraud' | 'legitimate',
    comment: string | null,
  ) {
    const at = isoUtc(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      const done = await repo.resolveReview(trx, decisionId, {
        byType: actor.type,
        byId: actor.id,
        at,
        resolution,
        comment,
      });
      if (!done) {
        const exists = await trx
          .selectFrom('review')
          .select('status')
          .where('decision_id', '=', decisionId)
          .executeTakeFirst();
        throw exists
          ? ReviewResolved(`review ${decisionId} was already resolved`)
          : ReviewNotFound(`no review for decision ${decisionId}`);
      }
      await this.deps.audit.append(trx, {
        actor,
        action: 'review.resolve',
        target: { type: 'decision', id: decisionId },
        payload: { resolution, comment },
      });
    });
    const [row] = await this.deps.db
      .selectFrom('review as r')
      .innerJoin('decision as d', 'd.id', 'r.decision_id')
      .selectAll('r')
      .select(['d.score', 'd.event_id'])
      .where('r.decision_id', '=', decisionId)
      .execute();
    if (!row) throw ReviewNotFound(`no review for decision ${decisionId}`);
    return reviewView(row);
  }
}
