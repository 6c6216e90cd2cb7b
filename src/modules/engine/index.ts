/**
 * The real-time decision engine: events, policies compiled to closures, velocity features, lists,
 * models, durable idempotent decisions, shadow policies, the review queue and backtests. Other
 * modules and the composition root use only what is exported here.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.js';
import type { Database } from '../../store/schema.js';
import type { AuditLog } from '../audit/index.js';
import type { ChangeService } from '../identity/changes/index.js';
import { backtestRoutes } from './backtest/routes.js';
import { BacktestService } from './backtest/service.js';
import type { IdentifierHasher, ListLookup, Outcome } from './contracts.js';
import { ReviewService } from './decisions/reviews.js';
import { decisionRoutes } from './decisions/routes.js';
import { DecisionService } from './decisions/service.js';
import { EventTypes } from './events/event-types.js';
import { eventTypeRoutes } from './events/routes.js';
import { EventTypeService } from './events/service.js';
import type { ScorecardSource } from './policies/compile-context.js';
import { policyPublishKind } from './policies/publish-kind.js';
import { policyRoutes } from './policies/routes.js';
import { PolicyRuntime } from './policies/runtime.js';
import { PolicyService } from './policies/service.js';
import type { CounterStore } from './velocity/counter-store.js';
import type { FeatureDefinition } from './velocity/feature.js';
import { InMemoryWindowStore } from './velocity/window-store.js';

export { type BacktestReport, type ReplayEvent, runBacktest } from './backtest/backtest.js';
export { decideOffline } from './backtest/decide-offline.js';
export { compileFile, listsFromFile, OfflineInputError, offlineHasher } from './backtest/offline.js';
export { cachingHasher, replayFile, type SkippedLine } from './backtest/replay-file.js';
export type * from './contracts.js';
export { OUTCOMES } from './contracts.js';
export type { CommittedDecision, DecisionAnswer } from './decisions/service.js';
export { DecisionService } from './decisions/service.js';

import { BUILTIN_EVENT_TYPES } from './events/builtin.js';

export { BUILTIN_EVENT_TYPES, SUBJECT_KEYS } from './events/builtin.js';
export { EventTypes } from './events/event-types.js';
export { createIdentifierHasher } from './events/hasher.js';
export * from './models/index.js';
export type { ScorecardSource } from './policies/compile-context.js';
export { PolicyRuntime } from './policies/runtime.js';
export { PolicyService } from './policies/service.js';
export { principalOf } from './principal.js';

/** Dependencies of the engine. */
export interface EngineDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly changes: ChangeService;
  readonly hasher: IdentifierHasher;
  readonly lists: ListLookup;
  /** Per-key cap of the in-process velocity store. */
  readonly maxEventsPerKey?: number;
  /** Outcome when no policy is active for an event type (never `approve` by default). */
  readonly noPolicyOutcome?: Outcome;
  /** Replaces the in-process velocity store (tests of failure, a Redis store later). */
  readonly createStore?: (features: readonly FeatureDefinition[]) => CounterStore;
  readonly onDecision?: ConstructorParameters<typeof DecisionService>[0]['onDecision'];
  /** Called after each new decision commits (the credit module opens loan applications). */
  readonly onCommitted?: ConstructorParameters<typeof DecisionService>[0]['onCommitted'];
  /** Published scorecards by name (the credit module's registry), for `kind: scorecard` models. */
  readonly scorecards?: ScorecardSource;
}

/** The wired engine. */
export interface Engine {
  readonly types: EventTypes;
  readonly eventTypes: EventTypeService;
  readonly runtime: PolicyRuntime;
  readonly policies: PolicyService;
  readonly decisions: DecisionService;
  readonly reviews: ReviewService;
  readonly backtests: BacktestService;
  readonly hasher: IdentifierHasher;
  /** The live list lookup (what `in_list` and `ip_in` read). */
  readonly lists: ListLookup;
  readonly db: Kysely<Database>;
  /** Where policies find published scorecards. */
  readonly scorecards: ScorecardSource | undefined;
  /** Reloads custom event types and deployed policies (after a change, or on a timer). */
  refresh(): Promise<void>;
}

/**
 * Builds the engine and registers `policy.publish` with the change registry of `deps.changes`. Call
 * `refresh()` before serving: it loads custom event types, compiles the deployed policies and
 * rebuilds the velocity state from stored events.
 */
export function createEngine(deps: EngineDeps): Engine {
  const types = new EventTypes();
  const eventTypes = new EventTypeService({ db: deps.db, clock: deps.clock, audit: deps.audit, types });
  const createStore =
    deps.createStore ??
    ((features) => new InMemoryWindowStore({ features, maxEventsPerKey: deps.maxEventsPerKey }));
  const runtime = new PolicyRuntime({
    db: deps.db,
    log: deps.log,
    types,
    createStore,
    now: () => deps.clock.now(),
    scorecards: deps.scorecards,
  });
  const refresh = async () => {
    await eventTypes.load();
    await runtime.load();
  };
  deps.changes.kinds.register(
    policyPublishKind(() =>
      refresh().catch((error: unknown) => deps.log.error({ err: error }, 'reloading policies failed')),
    ),
  );
  const policies = new PolicyService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    changes: deps.changes,
    types,
    scorecards: deps.scorecards,
  });
  const decisions = new DecisionService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    log: deps.log,
    types,
    hasher: deps.hasher,
    policies: runtime,
    lists: deps.lists,
    noPolicyOutcome: deps.noPolicyOutcome,
    onDecision: deps.onDecision,
    onCommitted: deps.onCommitted,
  });
  const reviews = new ReviewService({ db: deps.db, clock: deps.clock, audit: deps.audit });
  const backtests = new BacktestService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    types,
    policies,
    lists: deps.lists,
    scorecards: deps.scorecards,
  });
  return {
    types,
    eventTypes,
    runtime,
    policies,
    decisions,
    reviews,
    backtests,
    hasher: deps.hasher,
    lists: deps.lists,
    db: deps.db,
    scorecards: deps.scorecards,
    refresh,
  };
}

/**
 * The built-in event types' data schemas by component name (`EventData_loan_application`), for the
 * OpenAPI document's `components.schemas`.
 */
export function eventDataSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(BUILTIN_EVENT_TYPES).map(([name, t]) => [
      `EventData_${name}`,
      {
        ...(JSON.parse(JSON.stringify(t.data)) as Record<string, unknown>),
        title: `${t.title.en} / ${t.title.zh}`,
      },
    ]),
  );
}

/** The engine's HTTP surface under the prefix it is registered with (`/api/v1`). */
export const enginePlugin: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  await app.register(eventTypeRoutes, { deps: { types: engine.types, eventTypes: engine.eventTypes } });
  await app.register(policyRoutes, {
    deps: {
      policies: engine.policies,
      types: engine.types,
      db: engine.db,
      scorecards: engine.scorecards,
      hasher: engine.hasher,
      lists: engine.lists,
    },
  });
  await app.register(backtestRoutes, { deps: { backtests: engine.backtests } });
  await app.register(decisionRoutes, {
    deps: { decisions: engine.decisions, reviews: engine.reviews, hasher: engine.hasher, db: engine.db },
  });
};
