/**
 * Decisions: an event in, an outcome out, stored durably before the answer leaves.
 *
 * Idempotency by event id: the same id with the same body returns the stored response byte for byte;
 * with another body `FK_ERR_EVENT_ID_REUSED` (422). While the first request is still being decided in
 * this process, a retry with the same body waits for it and gets the same bytes, and a request with
 * another body gets `FK_ERR_DECISION_IN_FLIGHT` (409). Across processes the event table's primary key
 * settles races: the loser replays the winner's stored response.
 *
 * Fallbacks (never a silent `approve`): no active policy → `review`; the velocity store fails or the
 * evaluation overruns the policy's latency budget → the policy's fallback outcome, stored and
 * answered with `fallback.reason`; the database cannot store the decision → 503 problem carrying the
 * fallback outcome, and nothing is acknowledged (retry with the same id).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Lang } from '../../../kernel/i18n.js';
import { newId } from '../../../kernel/ids.js';
import { GroupCommitter } from '../../../store/group-commit.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type {
  CompiledPolicy,
  EngineEvent,
  IdentifierHasher,
  ListLookup,
  ModelDetails,
  Outcome,
} from '../contracts.js';
import {
  DecisionInFlight,
  DecisionUnavailable,
  EventIdReused,
  EventInvalid,
  EventTypeUnknown,
} from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventTypes } from '../events/event-types.js';
import { normaliseEvent } from '../events/normalise.js';
import type { FeatureEngine } from '../runtime/features.js';
import { runPolicy } from '../runtime/run.js';
import {
  type Conclusion,
  type DecisionRecord,
  decisionRecord,
  fallbackInfo,
  responseBody,
  type ShadowConclusion,
} from './record.js';
import * as repo from './repo.js';

/** The policies deployed for one event type. */
export interface PolicySet {
  readonly active: CompiledPolicy | undefined;
  readonly shadows: readonly CompiledPolicy[];
}

/** Where the decision service finds the deployed policies and the feature engine serving them. */
export interface PolicyProvider {
  forType(type: string): PolicySet;
  readonly features: FeatureEngine;
  /** Records the event in the velocity state once its decision is made. */
  observe(event: EngineEvent): void;
  /** Takes it back when the decision could not be stored. */
  unobserve(event: EngineEvent): void;
}

/** Dependencies of {@link DecisionService}. */
export interface DecisionDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly log: Logger;
  readonly types: EventTypes;
  readonly hasher: IdentifierHasher;
  readonly policies: PolicyProvider;
  readonly lists: ListLookup;
  /** The outcome when no policy is active for an event type. */
  readonly noPolicyOutcome?: Outcome;
  /** Largest number of decisions committed in one transaction. */
  readonly maxBatch?: number;
  /**
   * Called once a new decision is committed (never for replays), for modules that act on decisions:
   * the credit module opens a loan application for each `loan_application`. It must not throw.
   */
  readonly onCommitted?: (decision: CommittedDecision) => void;
  /** Observes each decision's outcome and latency (metrics). */
  readonly onDecision?: (
    outcome: Outcome,
    eventType: string,
    seconds: number,
    fallback: string | null,
  ) => void;
}

/** A decision just committed, as other modules see it. */
export interface CommittedDecision {
  readonly decision_id: string;
  readonly event: EngineEvent;
  readonly outcome: Outcome;
  readonly fallback: string | null;
  readonly models: Readonly<Record<string, number | null>>;
  readonly model_details: Readonly<Record<string, ModelDetails>>;
  /** The active policy that decided, when one did. */
  readonly policy: { readonly id: string; readonly version: number } | null;
  /** Rules that fired and asked for an alert, with its severity and the rule's description. */
  readonly alerts: readonly {
    readonly rule_id: string;
    readonly severity: 'low' | 'medium' | 'high' | 'critical';
    readonly description: { readonly en: string; readonly zh: string };
  }[];
}

/** A decision as answered: the JSON text (stored byte for byte) and whether it is a replay. */
export interface DecisionAnswer {
  readonly body: string;
  readonly replayed: boolean;
}

/** The SHA-256 of an envelope's canonical JSON: what "the same body" means for idempotency. */
export function bodyHash(envelope: EventEnvelope): string {
  return createHash('sha256').update(canonicalJson(envelope)).digest('hex');
}

/** Makes, stores and answers decisions. */
export class DecisionService {
  readonly #inFlight = new Map<string, { readonly hash: string; readonly answer: Promise<DecisionAnswer> }>();
  readonly #committer: GroupCommitter<DecisionRecord>;

  constructor(private readonly deps: DecisionDeps) {
    this.#committer = new GroupCommitter(
      (records) =>
        transact(deps.db, async (trx) => {
          await repo.insertDecisions(trx, records);
          await deps.audit.appendAll(
            trx,
            records.map((r) => r.audit),
          );
        }),
      deps.maxBatch ?? 512,
    );
  }

  /** Decides on one envelope (already checked against the envelope schema). */
  async decide(envelope: EventEnvelope, actor: Actor, lang: Lang): Promise<DecisionAnswer> {
    const started = performance.now();
    const hash = bodyHash(envelope);
    const running = this.#inFlight.get(envelope.id);
    if (running) {
      // A retry of the same request waits for the first and gets the very same bytes; another body
      // under the same id cannot be judged until the first is stored (it may yet fail): retry later.
      if (running.hash !== hash) throw DecisionInFlight(`event ${envelope.id} is being decided`);
      return { body: (await running.answer).body, replayed: true };
    }
    const answer = this.#decideOnce(envelope, hash, actor, lang, started);
    this.#inFlight.set(envelope.id, { hash, answer });
    try {
      return await answer;
    } finally {
      this.#inFlight.delete(envelope.id);
    }
  }

  async #decideOnce(
    envelope: EventEnvelope,
    hash: string,
    actor: Actor,
    lang: Lang,
    started: number,
  ): Promise<DecisionAnswer> {
    const stored = await this.#stored(envelope, hash, lang);
    if (stored) return stored;
    const normalised = normaliseEvent(envelope, this.deps.types, this.deps.hasher);
    if (!normalised.ok) {
      const make = normalised.unknownType ? EventTypeUnknown : EventInvalid;
      throw make(normalised.problems.map((p) => `${p.path} ${p.message}`).join('; '), normalised.problems);
    }
    return this.#decideNew(normalised.event, hash, actor, lang, started);
  }

  /** Resolves when every accepted decision has been committed (graceful shutdown). */
  drain(): Promise<void> {
    return this.#committer.drain();
  }

  async #stored(envelope: EventEnvelope, hash: string, lang: Lang): Promise<DecisionAnswer | undefined> {
    let row: { body_hash: string; response: string } | undefined;
    try {
      row = await repo.findByEventId(this.deps.db, envelope.id);
    } catch (error) {
      throw this.#unavailable(envelope.type, lang, error);
    }
    if (!row) return undefined;
    if (row.body_hash !== hash) {
      throw EventIdReused(`event ${envelope.id} was decided with a different body`, [
        { path: 'body.id', message: 'was already used for another event' },
      ]);
    }
    return { body: row.response, replayed: true };
  }

  async #decideNew(
    event: EngineEvent,
    hash: string,
    actor: Actor,
    lang: Lang,
    started: number,
  ): Promise<DecisionAnswer> {
    const { policies } = this.deps;
    const set = policies.forType(event.type);
    const engine = policies.features;
    const conclusion = this.#conclude(set.active, event, engine);
    const shadows = this.#shadows(set.shadows, event, engine);
    let observed = false;
    try {
      policies.observe(event);
      observed = true;
    } catch (error) {
      this.deps.log.warn({ err: error, event_id: event.id }, 'velocity store refused an event');
    }
    const decisionId = newId(this.deps.clock.now());
    const receivedAt = isoUtc(this.deps.clock.now());
    const latency = performance.now() - started;
    const body = JSON.stringify(responseBody(decisionId, event, conclusion, lang, latency, receivedAt));
    const record = decisionRecord({
      decisionId,
      event,
      bodyHash: hash,
      receivedAt,
      conclusion,
      shadows,
      response: body,
      actor,
    });
    try {
      await this.#committer.submit(record);
    } catch (error) {
      if (observed) policies.unobserve(event);
      // Another server stored this id first: answer as the retry it is.
      const stored = await repo.findByEventId(this.deps.db, event.id).catch(() => undefined);
      if (stored) {
        if (stored.body_hash !== hash)
          throw EventIdReused(`event ${event.id} was decided with a different body`);
        return { body: stored.response, replayed: true };
      }
      throw this.#unavailable(event.type, lang, error, conclusion.policy?.fallback);
    }
    this.deps.onDecision?.(conclusion.outcome, event.type, latency / 1000, conclusion.fallback);
    this.deps.onCommitted?.({
      decision_id: decisionId,
      event,
      outcome: conclusion.outcome,
      fallback: conclusion.fallback,
      models: conclusion.run?.models ?? {},
      model_details: conclusion.run?.model_details ?? {},
      policy: conclusion.policy ? { id: conclusion.policy.id, version: conclusion.policy.version } : null,
      alerts: (conclusion.run?.result.rule_hits ?? []).flatMap((h) => {
        const severity = conclusion.policy?.alertRules[h.rule_id];
        return severity ? [{ rule_id: h.rule_id, severity, description: h.description }] : [];
      }),
    });
    return { body, replayed: false };
  }

  #conclude(policy: CompiledPolicy | undefined, event: EngineEvent, engine: FeatureEngine): Conclusion {
    // The budget covers computing the decision (features, models, rules), not waiting in line for it.
    const started = performance.now();
    if (!policy) {
      return {
        policy,
        run: undefined,
        outcome: this.deps.noPolicyOutcome ?? 'review',
        fallback: 'no_active_policy',
      };
    }
    let run: Conclusion['run'];
    try {
      run = runPolicy(policy, event, engine, this.deps.lists);
    } catch (error) {
      this.deps.log.error({ err: error, event_id: event.id }, 'velocity store failed; fallback applied');
      return { policy, run: undefined, outcome: policy.fallback, fallback: 'velocity_unavailable' };
    }
    if (performance.now() - started > policy.latencyBudgetMs) {
      return { policy, run, outcome: policy.fallback, fallback: 'latency_budget_exceeded' };
    }
    return { policy, run, outcome: run.result.outcome, fallback: null };
  }

  #shadows(
    policies: readonly CompiledPolicy[],
    event: EngineEvent,
    engine: FeatureEngine,
  ): ShadowConclusion[] {
    const out: ShadowConclusion[] = [];
    for (const policy of policies) {
      try {
        const run = runPolicy(policy, event, engine, this.deps.lists);
        out.push({
          policy,
          outcome: run.result.outcome,
          score: run.result.score,
          rule_hits: run.result.rule_hits.map((h) => h.rule_id),
          rule_errors: run.rule_errors,
        });
      } catch (error) {
        out.push({
          policy,
          outcome: policy.fallback,
          score: null,
          rule_hits: [],
          rule_errors: [{ rule_id: '*', message: `velocity store failed: ${(error as Error).message}` }],
        });
      }
    }
    return out;
  }

  #unavailable(eventType: string, lang: Lang, cause: unknown, fallback?: Outcome) {
    this.deps.log.error({ err: cause }, 'decision could not be stored');
    const outcome = fallback ?? this.deps.policies.forType(eventType).active?.fallback ?? 'review';
    return DecisionUnavailable().withExtensions({
      outcome,
      fallback: fallbackInfo('database_unavailable', lang),
    });
  }
}
