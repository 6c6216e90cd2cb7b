/**
 * Post-loan monitoring (reference text 五.3 贷后管理, 五.1 periodic re-evaluation): every active loan's
 * borrower is re-scored with the card now published under the name that scored the application, on
 * the application's data plus behaviour features (`features.dpd`, `features.overdue_yuan`,
 * `features.months_on_book`) that a behaviour card may read, and put on the watch list when the loan
 * is past due or the score has fallen (see `watch.ts`). Each run is stored, so a borrower's path is
 * visible and the watch list is the latest run's.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import { compileScorecard, type ScorecardModel } from '../../engine/index.js';
import type { JobDefinition } from '../../warning/scheduler/job.js';
import type { LoanService } from '../loans/index.js';
import type { ScorecardRegistry } from '../scorecards/service.js';
import type { LoanRescoreTable } from './tables.js';
import { DEFAULT_WATCH_RULES, type WatchReason, type WatchRules, watchReasons } from './watch.js';

/** Dependencies of the monitor. */
export interface PostLoanDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly loans: LoanService;
  readonly scorecards: ScorecardRegistry;
  readonly rules?: WatchRules;
}

/** A borrower on the watch list, as the API shows it. */
export interface WatchEntry {
  readonly loan_id: string;
  readonly borrower_id: string;
  readonly scored_at: string;
  readonly scorecard: string | null;
  readonly score: number | null;
  readonly origination_score: number | null;
  readonly dpd: number;
  readonly bucket: string;
  readonly reasons: WatchReason[];
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** Re-scores active loans and keeps the watch list. */
export class PostLoanMonitor {
  constructor(private readonly deps: PostLoanDeps) {}

  /** Where the application of a loan was scored: its event's data and subject and the card's name. */
  async #origin(applicationId: string | null) {
    if (applicationId === null) return undefined;
    const { db } = this.deps;
    const app = await db
      .selectFrom('loan_application')
      .select(['event_id', 'decision_id', 'score'])
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!app?.event_id) return undefined;
    const event = await db
      .selectFrom('event')
      .select(['subject', 'data'])
      .where('id', '=', app.event_id)
      .executeTakeFirst();
    const scored = app.decision_id
      ? await db
          .selectFrom('decision_model_score')
          .select(['source'])
          .where('decision_id', '=', app.decision_id)
          .orderBy('model')
          .executeTakeFirst()
      : undefined;
    return {
      score: app.score,
      data: event ? (JSON.parse(event.data) as Record<string, unknown>) : {},
      subject: event ? (JSON.parse(event.subject) as Record<string, string>) : {},
      card: scored?.source ?? null,
    };
  }

  /** Re-scores every active loan now; returns how many were scored and how many are watched. */
  async rescore(): Promise<{ scored: number; watched: number }> {
    const { db, clock, loans } = this.deps;
    const at = isoUtc(clock.now());
    const models = new Map<string, ScorecardModel | null>();
    const active = await db
      .selectFrom('loan')
      .select(['id', 'borrower_id', 'application_id', 'disbursed_on'])
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    let watched = 0;
    for (const loan of active) {
      const { position } = await loans.loan(loan.id);
      const origin = await this.#origin(loan.application_id);
      let score: number | null = null;
      let checksum: string | null = null;
      const cardName = origin?.card ?? null;
      if (origin && cardName) {
        if (!models.has(cardName)) {
          const published = await this.deps.scorecards.published(cardName);
          models.set(cardName, published ? compileScorecard(published.card, cardName) : null);
        }
        const model = models.get(cardName);
        if (model) {
          try {
            score = model.score({
              event: { type: 'loan_application', id: loan.id, occurred_at: at },
              subject: origin.subject,
              data: origin.data,
              features: {
                dpd: position.dpd,
                overdue_yuan: Number(position.overdue),
                months_on_book: monthsBetween(loan.disbursed_on.slice(0, 7), position.as_of.slice(0, 7)),
              },
              models: {},
            });
            checksum = model.card.checksum;
          } catch {
            score = null; // the card reads something this loan does not have: re-scored as unscorable
          }
        }
      }
      const reasons = watchReasons(
        { dpd: position.dpd, score, originationScore: origin?.score ?? null },
        this.deps.rules ?? DEFAULT_WATCH_RULES,
      );
      if (reasons.length > 0) watched++;
      const row: LoanRescoreTable = {
        loan_id: loan.id,
        scored_at: at,
        borrower_id: loan.borrower_id,
        scorecard: cardName,
        checksum,
        score,
        origination_score: origin?.score ?? null,
        dpd: position.dpd,
        bucket: position.bucket,
        watch: reasons.length > 0 ? 1 : 0,
        reasons: canonicalJson(reasons),
      };
      await db
        .insertInto('loan_rescore')
        .values(row)
        .onConflict((c) => c.doNothing())
        .execute();
    }
    return { scored: active.length, watched };
  }

  /** The watch list: each active loan's latest re-scoring, where it put the borrower on watch. */
  async watchlist(): Promise<WatchEntry[]> {
    const { db } = this.deps;
    const latest = db
      .selectFrom('loan_rescore')
      .select(['loan_id'])
      .select((eb) => eb.fn.max('scored_at').as('scored_at'))
      .groupBy('loan_id')
      .as('latest');
    const rows = await db
      .selectFrom('loan_rescore')
      .innerJoin(latest, (j) =>
        j
          .onRef('latest.loan_id', '=', 'loan_rescore.loan_id')
          .onRef('latest.scored_at', '=', 'loan_rescore.scored_at'),
      )
      .innerJoin('loan', 'loan.id', 'loan_rescore.loan_id')
      .selectAll('loan_rescore')
      .where('loan_rescore.watch', '=', 1)
      .where('loan.status', '=', 'active')
      .orderBy('loan_rescore.dpd', 'desc')
      .orderBy('loan_rescore.loan_id')
      .execute();
    return rows.map((r) => ({
      loan_id: r.loan_id,
      borrower_id: r.borrower_id,
      scored_at: r.scored_at,
      scorecard: r.scorecard,
      score: r.score,
      origination_score: r.origination_score,
      dpd: Number(r.dpd),
      bucket: r.bucket,
      reasons: JSON.parse(r.reasons) as WatchReason[],
    }));
  }
}

/** The daily re-scoring as a scheduler job. */
export function rescoreJob(monitor: PostLoanMonitor): JobDefinition {
  return { name: 'credit.rescore', everyMs: 86_400_000, run: async () => void (await monitor.rescore()) };
}
