/**
 * From decision to loan application (reference text 五.3, the standardized electronic approval): every
 * committed `loan_application` decision opens an application carrying the engine's outcome and the
 * scorecard's score and probability of bad; `approve` and `review` then wait for a person with the
 * authority for the amount, `reject` is closed. The link runs after the decision commits; should the
 * process stop in between, `catchUp` (run at start) opens the applications of the decisions that
 * have none, so no applicant is lost. Recording is idempotent by event id.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { GroupCommitter } from '../../store/group-commit.js';
import type { Database } from '../../store/schema.js';
import type { CommittedDecision, ModelDetails, ScorecardDocument } from '../engine/index.js';
import { scalingConstants } from '../engine/index.js';
import type { ApplicationInput, LoanService } from './loans/index.js';
import type { ScorecardRegistry } from './scorecards/service.js';

/** Nominal annual rate of an application whose event does not state one (a consumer cash loan). */
export const DEFAULT_ANNUAL_RATE = '0.18';

const PRODUCT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const BORROWER = /^[\x21-\x7e]{1,128}$/;

/** What the link reads of a decision: the event's parts and the models' outputs. */
export interface DecisionFacts {
  readonly decision_id: string;
  readonly event_id: string;
  readonly subject: Readonly<Record<string, unknown>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly outcome: string;
  readonly models: Readonly<Record<string, number | null>>;
  readonly model_details: Readonly<Record<string, Pick<ModelDetails, 'source' | 'checksum'>>>;
}

/** The application terms an event carries, with the defaults above for what it leaves out. */
export function applicationOf(facts: DecisionFacts, probability: number | null): ApplicationInput {
  const { subject, data } = facts;
  const borrower = [subject['user_id'], subject['account_id']].find(
    (v) => typeof v === 'string' && BORROWER.test(v),
  );
  const product =
    typeof data['product'] === 'string' && PRODUCT.test(data['product']) ? data['product'] : 'default';
  const rate = data['annual_rate'];
  const kind = data['schedule_kind'] === 'equal_principal' ? 'equal_principal' : 'annuity';
  const scored = Object.entries(facts.model_details)[0];
  const score = scored ? (facts.models[scored[0]] ?? null) : null;
  const outcome = facts.outcome;
  return {
    event_id: facts.event_id,
    decision_id: facts.decision_id,
    borrower_id: (borrower as string | undefined) ?? `event:${facts.event_id}`.slice(0, 128),
    product,
    principal: Number(data['amount']).toFixed(2),
    annual_rate: typeof rate === 'number' || typeof rate === 'string' ? String(rate) : DEFAULT_ANNUAL_RATE,
    term_months: Number(data['term_months']),
    schedule_kind: kind,
    engine_outcome: outcome === 'approve' || outcome === 'review' || outcome === 'reject' ? outcome : null,
    score,
    probability,
  };
}

/** Opens loan applications from committed decisions. */
export class ApplicationLink {
  #inFlight = new Set<Promise<void>>();
  #cards = new Map<string, ScorecardDocument | null>();
  /** Applications of decisions committed together are recorded together: one commit per batch. */
  readonly #committer: GroupCommitter<ApplicationInput>;

  constructor(
    private readonly deps: {
      readonly db: Kysely<Database>;
      readonly log: Logger;
      readonly loans: LoanService;
      readonly scorecards: ScorecardRegistry;
    },
  ) {
    this.#committer = new GroupCommitter((inputs) => deps.loans.recordApplications(inputs));
  }

  /** The engine's `onCommitted` hook: records the application in the background, never throws. */
  readonly onCommitted = (d: CommittedDecision): void => {
    if (d.event.type !== 'loan_application') return;
    const facts: DecisionFacts = {
      decision_id: d.decision_id,
      event_id: d.event.id,
      subject: d.event.subject,
      data: d.event.data,
      outcome: d.outcome,
      models: d.models,
      model_details: d.model_details,
    };
    const p = this.#record(facts).finally(() => this.#inFlight.delete(p));
    this.#inFlight.add(p);
  };

  /** Resolves when every application started so far is recorded (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /**
   * Opens the applications of committed loan-application decisions that have none (after a crash
   * between the decision and its application); returns how many it opened.
   */
  async catchUp(limit = 10_000): Promise<number> {
    const rows = await this.deps.db
      .selectFrom('decision')
      .innerJoin('event', 'event.id', 'decision.event_id')
      .leftJoin('loan_application', 'loan_application.event_id', 'decision.event_id')
      .select([
        'decision.id as decision_id',
        'event.id as event_id',
        'event.subject',
        'event.data',
        'decision.response',
      ])
      .where('decision.event_type', '=', 'loan_application')
      .where('loan_application.id', 'is', null)
      .orderBy('decision.id')
      .limit(limit)
      .execute();
    for (const row of rows) {
      const body = JSON.parse(row.response) as {
        outcome: string;
        models?: Record<string, number | null>;
      };
      const details = await this.deps.db
        .selectFrom('decision_model_score')
        .select(['model', 'source', 'checksum'])
        .where('decision_id', '=', row.decision_id)
        .execute();
      await this.#record({
        decision_id: row.decision_id,
        event_id: row.event_id,
        subject: JSON.parse(row.subject) as Record<string, unknown>,
        data: JSON.parse(row.data) as Record<string, unknown>,
        outcome: body.outcome,
        models: body.models ?? {},
        model_details: Object.fromEntries(details.map((d) => [d.model, d])),
      });
    }
    return rows.length;
  }

  async #record(facts: DecisionFacts): Promise<void> {
    try {
      await this.#committer.submit(applicationOf(facts, await this.#probability(facts)));
    } catch (error) {
      this.deps.log.error(
        { err: error, event_id: facts.event_id },
        'could not open the loan application of a decision',
      );
    }
  }

  /** P(bad) of the first scorecard's score, from the scaling of the card that gave it. */
  async #probability(facts: DecisionFacts): Promise<number | null> {
    const first = Object.entries(facts.model_details)[0];
    if (!first) return null;
    const [model, { source, checksum }] = first;
    const score = facts.models[model];
    if (typeof score !== 'number') return null;
    if (!this.#cards.has(checksum)) {
      const published = await this.deps.scorecards.published(source).catch(() => undefined);
      this.#cards.set(checksum, published?.card.checksum === checksum ? published.card : null);
    }
    const card = this.#cards.get(checksum);
    if (!card) return null;
    const { factor, offset } = scalingConstants(card.scaling);
    return 1 / (1 + Math.exp((score - offset) / factor));
  }
}
