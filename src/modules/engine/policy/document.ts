/**
 * The policy document a risk officer writes (YAML or JSON, snake_case keys), as a TypeBox schema.
 * It is published in the OpenAPI document and validated field by field by parse.ts. A policy names
 * the event type it decides, the velocity features, lists and models its rules read, the rules (CEL
 * `when` expressions with an action), how fired rules become an outcome, and what applies when no
 * decision can be computed in time.
 */
import Type, { type Static } from 'typebox';
import { AGGREGATES } from '../velocity/feature.js';

/** Policy ids: lower-case, digits, `_` and `-`, starting with a letter. */
export const POLICY_ID = '^[a-z][a-z0-9_-]{0,63}$';
/** Feature, model, list and event type names. */
export const NAME = '^[a-z][a-z0-9_]{0,63}$';
/** Rule ids: letters, digits, `_`, `.` and `-`, starting with a letter (`R001_blacklisted_id`). */
export const RULE_ID = '^[A-Za-z][A-Za-z0-9_.-]{0,63}$';
/** Windows written as an integer and a unit: seconds, minutes, hours or days. */
export const WINDOW = '^[1-9][0-9]{0,8}(s|m|h|d)$';

/** Default latency budget of one decision (ms). */
export const DEFAULT_LATENCY_BUDGET_MS = 50;
/** Default fallback: a decision that cannot be computed goes to a person, never straight through. */
export const DEFAULT_FALLBACK = 'review';

const Outcome = Type.Enum(['approve', 'review', 'reject']);

/** Text in Simplified Chinese and English. */
export const BilingualText = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 2000 }),
    zh: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** A velocity feature declaration (see velocity/feature.ts for the exact window semantics). */
export const FeatureDeclaration = Type.Object(
  {
    name: Type.String({ pattern: NAME }),
    key: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 4 }),
    aggregate: Type.Enum([...AGGREGATES]),
    /** A top-level field of `data`, or `subject.<key>` (e.g. users per device: distinct of subject.user_id). */
    field: Type.Optional(Type.String({ minLength: 1, maxLength: 72 })),
    window: Type.Optional(Type.String({ pattern: WINDOW })),
    window_ms: Type.Optional(Type.Integer({ minimum: 1 })),
    include_current: Type.Optional(Type.Boolean()),
    default: Type.Optional(Type.Number()),
    events: Type.Optional(Type.Array(Type.String({ pattern: NAME }), { minItems: 1, maxItems: 32 })),
    description: Type.Optional(BilingualText),
  },
  { additionalProperties: false },
);

/** A model declaration: `name` and `kind`, the rest is read by the model factory. */
export const ModelDeclaration = Type.Object(
  { name: Type.String({ pattern: NAME }), kind: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: true },
);

/** One rule: when its CEL expression is true, its action applies. */
export const RuleDeclaration = Type.Object(
  {
    id: Type.String({ pattern: RULE_ID }),
    description: BilingualText,
    when: Type.String({ minLength: 1, maxLength: 4000 }),
    action: Type.Enum(['approve', 'review', 'reject', 'score']),
    score: Type.Optional(Type.Number({ minimum: -1e6, maximum: 1e6 })),
    priority: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
    /** When the rule fires on live traffic, raise an alert of this severity (deduplicated per rule and subject). */
    alert: Type.Optional(Type.Enum(['low', 'medium', 'high', 'critical'])),
  },
  { additionalProperties: false },
);

/** A score band of score mode. */
export const Threshold = Type.Object(
  { min_score: Type.Number({ minimum: -1e9, maximum: 1e9 }), outcome: Outcome },
  { additionalProperties: false },
);

/** How fired rules become the outcome. */
export const OutcomeMapping = Type.Object(
  {
    mode: Type.Enum(['first_match', 'score']),
    thresholds: Type.Optional(Type.Array(Threshold, { maxItems: 16 })),
    default: Outcome,
  },
  { additionalProperties: false },
);

/** The whole document. */
export const PolicyDocumentSchema = Type.Object(
  {
    id: Type.String({ pattern: POLICY_ID }),
    event_type: Type.String({ pattern: NAME }),
    description: BilingualText,
    features: Type.Optional(Type.Array(FeatureDeclaration, { maxItems: 200 })),
    lists: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 64 })),
    models: Type.Optional(Type.Array(ModelDeclaration, { maxItems: 16 })),
    rules: Type.Array(RuleDeclaration, { minItems: 1, maxItems: 500 }),
    outcome: OutcomeMapping,
    fallback: Type.Optional(Outcome),
    latency_budget_ms: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);

/** A model declaration as written: `name`, `kind` and whatever the kind reads. */
export type ModelDeclaration = Static<typeof ModelDeclaration> & { [field: string]: unknown };

/** A policy document as written. */
export type PolicyDocument = Omit<Static<typeof PolicyDocumentSchema>, 'models'> & {
  models?: ModelDeclaration[];
};
/** One feature declaration. */
export type FeatureDeclaration = Static<typeof FeatureDeclaration>;
/** One rule declaration. */
export type RuleDeclaration = Static<typeof RuleDeclaration>;

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `1h`, `30d` in milliseconds, or null when not of that form. */
export function windowToMs(window: string): number | null {
  const m = new RegExp(WINDOW).exec(window);
  if (!m) return null;
  return Number(window.slice(0, -1)) * (UNIT_MS[m[1] as string] as number);
}

/** A feature's window in milliseconds (`window_ms` or `window`), null when absent or malformed. */
export function featureWindowMs(f: Pick<FeatureDeclaration, 'window' | 'window_ms'>): number | null {
  if (f.window_ms !== undefined) return f.window_ms;
  return f.window === undefined ? null : windowToMs(f.window);
}

/** Whether the event being decided counts in its own window when the document does not say. */
export function defaultIncludeCurrent(aggregate: string): boolean {
  return aggregate !== 'since_last';
}
