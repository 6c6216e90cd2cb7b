/**
 * Credit risk (reference text 五 and 三): the scorecard builder and its validation, the scorecard
 * registry the decision engine scores with, and (in `loans/`) loan applications, approval authority,
 * repayments, delinquency, portfolio analytics and the risk reserve. Other modules and the composition
 * root use only what is exported here.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../store/schema.js';
import type { AuditLog } from '../audit/index.js';
import type { ChangeKind, ChangeService } from '../identity/changes/index.js';
import type { LoanService } from './loans/index.js';
import { PostLoanMonitor } from './post-loan/monitor.js';
import { postLoanRoutes } from './post-loan/routes.js';
import { portfolioRoutes } from './reserve/routes.js';
import { PortfolioService } from './reserve/service.js';
import { scorecardPublishKind } from './scorecards/publish-kind.js';
import { scorecardRoutes } from './scorecards/routes.js';
import { ScorecardRegistry } from './scorecards/service.js';

export { readScorecard as readScorecardFile } from '../engine/index.js';
export { ApplicationLink, applicationOf, DEFAULT_ANNUAL_RATE } from './application-link.js';
export { PostLoanMonitor, rescoreJob, type WatchEntry } from './post-loan/monitor.js';
export { DEFAULT_WATCH_RULES, type WatchRules } from './post-loan/watch.js';
export { DEFAULT_RESERVE, RESERVE_SETTING } from './reserve/config.js';
export { PortfolioService, type ReserveStatus, reservePostingJob } from './reserve/service.js';
export { type Dataset, type DatasetOptions, readDataset } from './scorecard/dataset.js';
export { readApplicantFile } from './scorecard/labelled-file.js';
export { type ScorecardReport, scorecardReport } from './scorecard/report.js';
export { type BatchScores, scoreBatch } from './scorecard/score-batch.js';
export { seededRandom, syntheticCsv } from './scorecard/synthetic.js';
export {
  type TrainOptions,
  type TrainResult,
  trainScorecard,
  type VariableOutcome,
} from './scorecard/train.js';
export { ScorecardRegistry } from './scorecards/service.js';

/** Dependencies of the credit module. */
export interface CreditDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  /** The loan service (post-loan monitoring reads positions through it). */
  readonly loans: LoanService;
}

/** The wired credit module. */
export interface Credit {
  readonly scorecards: ScorecardRegistry;
  /** The portfolio report of the booked loans and the posted risk reserve. */
  readonly portfolio: PortfolioService;
  /** Periodic re-scoring of active borrowers and the watch list. */
  readonly postLoan: PostLoanMonitor;
  /** The four-eyes kinds to register: `scorecard.publish` (its effect reloads the engine's policies). */
  changeKinds(reloadPolicies: () => Promise<void>): ChangeKind<never>[];
}

/** Builds the credit module. */
export function createCredit(deps: CreditDeps): Credit {
  const scorecards = new ScorecardRegistry(deps);
  return {
    scorecards,
    portfolio: new PortfolioService(deps),
    postLoan: new PostLoanMonitor({ db: deps.db, clock: deps.clock, loans: deps.loans, scorecards }),
    changeKinds: (reloadPolicies) => [scorecardPublishKind(reloadPolicies) as ChangeKind<never>],
  };
}

/** Registers the credit routes (scorecards) below the caller's prefix. */
export const creditPlugin: FastifyPluginAsync<{ credit: Credit }> = async (app, { credit }) => {
  await app.register(scorecardRoutes, { registry: credit.scorecards });
  await app.register(portfolioRoutes, { portfolio: credit.portfolio });
  await app.register(postLoanRoutes, { monitor: credit.postLoan });
};
