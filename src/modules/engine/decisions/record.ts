/**
 * What one decision writes: the event (its idempotency record), the decision with the exact response
 * body, the search index rows, shadow outcomes, the review-queue row and the audit entry. Built before
 * the commit so that the bytes stored are the bytes sent.
 */
import type { Lang } from '../../../kernel/i18n.js';
import type {
  DecisionModelScoreTable,
  DecisionRuleHitTable,
  DecisionShadowTable,
  DecisionSubjectTable,
  DecisionTable,
  EventTable,
  ReviewTable,
} from '../../../store/schema.js';
import type { Actor, AuditInput } from '../../audit/index.js';
import type { CompiledPolicy, EngineEvent, Outcome, RuleError, RuleHit } from '../contracts.js';
import type { PolicyRun } from '../runtime/run.js';

/** Why the fallback outcome applied instead of the policy's. */
export type FallbackReason =
  | 'no_active_policy'
  | 'velocity_unavailable'
  | 'latency_budget_exceeded'
  | 'database_unavailable';

const FALLBACK_TEXT: Record<FallbackReason, { en: string; zh: string }> = {
  no_active_policy: { en: 'No policy is active for this event type', zh: '该事件类型没有生效的策略' },
  velocity_unavailable: {
    en: 'The velocity feature store is unavailable',
    zh: '频次特征存储不可用',
  },
  latency_budget_exceeded: {
    en: 'The decision could not be computed within its latency budget',
    zh: '未能在时延预算内完成决策',
  },
  database_unavailable: { en: 'The database is unavailable', zh: '数据库不可用' },
};

/** The fallback member of a response: why, in the caller's language. */
export function fallbackInfo(
  reason: FallbackReason,
  lang: Lang,
): { reason: FallbackReason; message: string } {
  return { reason, message: FALLBACK_TEXT[reason][lang] };
}

/** A policy's conclusion, or the fallback that replaced it. */
export interface Conclusion {
  readonly policy: CompiledPolicy | undefined;
  readonly run: PolicyRun | undefined;
  readonly outcome: Outcome;
  readonly fallback: FallbackReason | null;
}

/** A shadow policy's conclusion on the same event. */
export interface ShadowConclusion {
  readonly policy: CompiledPolicy;
  readonly outcome: Outcome;
  readonly score: number | null;
  readonly rule_hits: readonly string[];
  readonly rule_errors: readonly RuleError[];
}

/** The rows of one decision. */
export interface DecisionRecord {
  readonly event: EventTable;
  readonly decision: DecisionTable;
  readonly subjects: readonly DecisionSubjectTable[];
  readonly hits: readonly DecisionRuleHitTable[];
  readonly shadows: readonly DecisionShadowTable[];
  readonly modelScores: readonly DecisionModelScoreTable[];
  readonly review: ReviewTable | null;
  readonly audit: AuditInput;
}

function hitView(hit: RuleHit) {
  return {
    rule_id: hit.rule_id,
    action: hit.action,
    score: hit.score,
    description: hit.description,
    values: hit.values,
  };
}

/** Each explaining model's reason codes, in the caller's language. */
function modelReasons(run: PolicyRun | undefined, lang: Lang) {
  const out: Record<string, { variable: string; points: number; max_points: number; text: string }[]> = {};
  for (const [model, d] of Object.entries(run?.model_details ?? {})) {
    out[model] = d.reasons.map((r) => ({
      variable: r.variable,
      points: r.points,
      max_points: r.max_points,
      text: r[lang],
    }));
  }
  return out;
}

/** The response body, as the object that is serialised once, stored, and replayed byte for byte. */
export function responseBody(
  decisionId: string,
  event: EngineEvent,
  c: Conclusion,
  lang: Lang,
  latencyMs: number,
  decidedAt: string,
) {
  const hits = c.run?.result.rule_hits ?? [];
  return {
    decision_id: decisionId,
    event_id: event.id,
    event_type: event.type,
    outcome: c.outcome,
    score: c.fallback === null ? (c.run?.result.score ?? null) : null,
    reasons: hits.map((h) => ({ rule_id: h.rule_id, text: h.description[lang] })),
    rule_hits: hits.map(hitView),
    features: c.run?.features ?? {},
    truncated_features: c.run?.truncated ?? [],
    models: c.run?.models ?? {},
    model_reasons: modelReasons(c.run, lang),
    rule_errors: c.run?.rule_errors ?? [],
    policy: c.policy ? { id: c.policy.id, version: c.policy.version } : null,
    fallback: c.fallback === null ? null : fallbackInfo(c.fallback, lang),
    latency_ms: Math.round(latencyMs * 1000) / 1000,
    decided_at: decidedAt,
  };
}

/** Builds the rows of a decision; `response` is the exact JSON text sent to the caller. */
export function decisionRecord(input: {
  readonly decisionId: string;
  readonly event: EngineEvent;
  readonly bodyHash: string;
  readonly receivedAt: string;
  readonly conclusion: Conclusion;
  readonly shadows: readonly ShadowConclusion[];
  readonly response: string;
  readonly actor: Actor;
}): DecisionRecord {
  const { decisionId: id, event, conclusion: c } = input;
  const hits = c.run?.result.rule_hits ?? [];
  return {
    event: {
      id: event.id,
      type: event.type,
      occurred_at: event.occurred_at,
      subject: JSON.stringify(event.subject),
      data: JSON.stringify(event.data),
      body_hash: input.bodyHash,
      received_at: input.receivedAt,
    },
    decision: {
      id,
      event_id: event.id,
      event_type: event.type,
      occurred_at: event.occurred_at,
      created_at: input.receivedAt,
      outcome: c.outcome,
      score: c.fallback === null ? (c.run?.result.score ?? null) : null,
      policy_id: c.policy?.id ?? null,
      policy_version: c.policy?.version ?? null,
      fallback: c.fallback,
      response: input.response,
    },
    subjects: Object.entries(event.subject).map(([key, value]) => ({ key, value, decision_id: id })),
    hits: [...new Set(hits.map((h) => h.rule_id))].map((rule_id) => ({ rule_id, decision_id: id })),
    shadows: input.shadows.map((s) => ({
      decision_id: id,
      policy_id: s.policy.id,
      policy_version: s.policy.version,
      outcome: s.outcome,
      score: s.score,
      result: JSON.stringify({ rule_hits: s.rule_hits, rule_errors: s.rule_errors }),
    })),
    // Configuration gaps (no policy for the type) are not cases for an analyst: kept out of the queue.
    modelScores: Object.entries(c.run?.model_details ?? {}).map(([model, d]) => ({
      decision_id: id,
      model,
      source: d.source,
      checksum: d.checksum,
      event_type: event.type,
      occurred_at: event.occurred_at,
      score: c.run?.models[model] as number,
      bins: JSON.stringify(d.bins),
    })),
    review:
      c.outcome === 'review' && c.fallback !== 'no_active_policy'
        ? {
            decision_id: id,
            event_type: event.type,
            status: 'open',
            created_at: input.receivedAt,
            resolved_by_type: null,
            resolved_by_id: null,
            resolved_at: null,
            resolution: null,
            comment: null,
          }
        : null,
    audit: {
      actor: input.actor,
      action: 'decision.create',
      target: { type: 'decision', id },
      payload: {
        event_id: event.id,
        event_type: event.type,
        outcome: c.outcome,
        score: c.fallback === null ? (c.run?.result.score ?? null) : null,
        policy: c.policy ? `${c.policy.id}@${c.policy.version}` : null,
        fallback: c.fallback,
        rules: hits.map((h) => h.rule_id),
        body_hash: input.bodyHash,
      },
    },
  };
}
