/**
 * The canonical form of a policy document, stored beside the text it was written as and used for
 * diffs: windows in milliseconds (`window_ms`, never `window`), every default written out
 * (`include_current`, `events`, `priority`, `lists`, `models`, `features`, `fallback`,
 * `latency_budget_ms`), keys in one order. Two texts that mean the same policy normalise to the same
 * document; the canonical form is itself a valid document and normalising it again changes nothing.
 * `fallback` is filled with `review`, never `approve`: approving on failure must be written.
 */
import {
  DEFAULT_FALLBACK,
  DEFAULT_LATENCY_BUDGET_MS,
  defaultIncludeCurrent,
  type FeatureDeclaration,
  featureWindowMs,
  type PolicyDocument,
  type RuleDeclaration,
} from './document.js';

function feature(f: FeatureDeclaration, eventType: string): FeatureDeclaration {
  return {
    name: f.name,
    key: [...f.key],
    aggregate: f.aggregate,
    ...(f.field === undefined ? {} : { field: f.field }),
    window_ms: featureWindowMs(f) ?? 0,
    include_current: f.include_current ?? defaultIncludeCurrent(f.aggregate),
    ...(f.default === undefined ? {} : { default: f.default }),
    events: [...(f.events ?? [eventType])],
    ...(f.description === undefined ? {} : { description: { en: f.description.en, zh: f.description.zh } }),
  };
}

function rule(r: RuleDeclaration): RuleDeclaration {
  return {
    id: r.id,
    description: { en: r.description.en, zh: r.description.zh },
    when: r.when,
    action: r.action,
    ...(r.score === undefined ? {} : { score: r.score }),
    priority: r.priority ?? 0,
    ...(r.alert === undefined ? {} : { alert: r.alert }),
  };
}

/** The canonical form of a valid document (see the module comment). */
export function normalisePolicy(document: PolicyDocument): PolicyDocument {
  const { outcome } = document;
  return {
    id: document.id,
    event_type: document.event_type,
    description: { en: document.description.en, zh: document.description.zh },
    features: (document.features ?? []).map((f) => feature(f, document.event_type)),
    lists: [...(document.lists ?? [])],
    models: (document.models ?? []).map((m) => structuredClone(m)),
    rules: document.rules.map(rule),
    outcome: {
      mode: outcome.mode,
      ...(outcome.thresholds === undefined
        ? {}
        : { thresholds: outcome.thresholds.map((t) => ({ min_score: t.min_score, outcome: t.outcome })) }),
      default: outcome.default,
    },
    fallback: document.fallback ?? DEFAULT_FALLBACK,
    latency_budget_ms: document.latency_budget_ms ?? DEFAULT_LATENCY_BUDGET_MS,
  };
}
