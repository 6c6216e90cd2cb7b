/**
 * `POST /policies/try`: one sample event decided by a draft policy text, for the console's editor.
 * Nothing is stored and nothing is observed into the live velocity state: the draft is compiled the
 * way saving and publishing compile it, the event is normalised the way live decisions normalise it
 * (keyed hashes of identity numbers, phones and cards), and it is evaluated by the same runner as live
 * decisions over fresh in-memory windows, so velocity features see this one event only.
 */
import type { Lang } from '../../../kernel/i18n.js';
import type { Executor } from '../../../store/transaction.js';
import type { IdentifierHasher, ListLookup, Outcome, RuleError, RuleHit } from '../contracts.js';
import { EventInvalid, PolicyInvalid } from '../errors.js';
import type { EventEnvelope } from '../events/envelope.js';
import type { EventTypes } from '../events/event-types.js';
import { normaliseEvent } from '../events/normalise.js';
import { parsePolicySource } from '../policy/index.js';
import { FeatureEngine } from '../runtime/features.js';
import { runPolicy } from '../runtime/run.js';
import { InMemoryWindowStore } from '../velocity/window-store.js';
import { compileEnvironment, compileStored, type ScorecardSource } from './compile-context.js';

/** What trying a draft needs: the registries live decisions use. */
export interface PolicyTryDeps {
  readonly db: Executor;
  readonly types: EventTypes;
  readonly hasher: IdentifierHasher;
  readonly lists: ListLookup;
  readonly scorecards?: ScorecardSource | undefined;
}

/** The sample event: the decision envelope, where the type, id and time may be left out. */
export interface TryEvent {
  readonly type?: string | undefined;
  readonly id?: string | undefined;
  readonly occurred_at?: string | undefined;
  readonly subject?: Readonly<Record<string, string>> | undefined;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the draft concluded about the sample event (the shape of a decision trace, never stored). */
export interface TryResult {
  readonly policy: { readonly id: string; readonly event_type: string };
  readonly event: { readonly id: string; readonly type: string; readonly occurred_at: string };
  readonly outcome: Outcome;
  readonly score: number | null;
  readonly reasons: readonly { readonly rule_id: string; readonly text: string }[];
  readonly rule_hits: readonly RuleHit[];
  readonly rule_errors: readonly RuleError[];
  readonly features: Readonly<Record<string, number | null>>;
  readonly models: Readonly<Record<string, number | null>>;
  /** Always true: velocity windows start empty (the sample event is the only one they hold). */
  readonly fresh_windows: true;
}

/**
 * Decides `event` with the draft `source`. Throws `FK_ERR_POLICY_INVALID` with every problem of the
 * draft (paths prefixed `policy.`), and `FK_ERR_EVENT_INVALID` when the event is of another type or
 * does not match its type (paths prefixed `event.`).
 */
export async function tryPolicy(
  deps: PolicyTryDeps,
  input: { readonly source: string; readonly format?: 'yaml' | 'json' | undefined; readonly event: TryEvent },
  lang: Lang,
  now: () => Date = () => new Date(),
): Promise<TryResult> {
  // The compile path of saving and publishing (`checkPolicySource`), keeping the compiled policy.
  const parsed = parsePolicySource(input.source, input.format);
  const compiled = parsed.ok
    ? compileStored(parsed.document, 1, deps.types, await compileEnvironment(deps.db, deps.scorecards))
    : parsed;
  if (!compiled.ok) {
    throw PolicyInvalid(
      compiled.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      compiled.problems.map((p) => ({ path: `policy.${p.path}`, message: p.message })),
    );
  }
  const policy = compiled.policy;
  const type = input.event.type ?? policy.eventType;
  if (type !== policy.eventType) {
    throw EventInvalid(`the policy decides ${policy.eventType} events; this event is a ${type}`, [
      { path: 'event.type', message: `must be ${policy.eventType}` },
    ]);
  }
  const envelope: EventEnvelope = {
    type,
    id: input.event.id ?? 'try-1',
    occurred_at: input.event.occurred_at ?? now().toISOString(),
    subject: { ...(input.event.subject ?? {}) },
    data: { ...input.event.data },
  };
  const n = normaliseEvent(envelope, deps.types, deps.hasher);
  if (!n.ok) {
    const fields = n.problems.map((p) => ({ path: p.path.replace(/^body\./, 'event.'), message: p.message }));
    throw EventInvalid(fields.map((f) => `${f.path} ${f.message}`).join('; '), fields);
  }
  const engine = new FeatureEngine(new InMemoryWindowStore({ features: policy.features }), policy.features);
  const run = runPolicy(policy, n.event, engine, deps.lists);
  return {
    policy: { id: policy.id, event_type: policy.eventType },
    event: { id: n.event.id, type: n.event.type, occurred_at: n.event.occurred_at },
    outcome: run.result.outcome,
    score: run.result.score,
    reasons: run.result.rule_hits.map((h) => ({ rule_id: h.rule_id, text: h.description[lang] })),
    rule_hits: run.result.rule_hits,
    rule_errors: run.rule_errors,
    features: run.features,
    models: run.models,
    fresh_windows: true,
  };
}
