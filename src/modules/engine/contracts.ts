/**
 * The contracts between the parts of the decision engine: the normalised event, what a rule sees,
 * the list and model ports, and the compiled policy. Each part (cel/, policy/, lists/, models/,
 * velocity/, decisions/, backtest/) implements or consumes these and nothing else of the others, so
 * the live path, the backtest and the offline `decide` run exactly the same code.
 */
import type { FeatureDefinition } from './velocity/feature.js';

/** The outcomes a decision can have, from the most to the least permissive. */
export const OUTCOMES = ['approve', 'review', 'reject'] as const;

/** One of {@link OUTCOMES}. */
export type Outcome = (typeof OUTCOMES)[number];

/** Text in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/**
 * An event after validation and normalisation: `id_number`, `phone` and `card` in `subject` are
 * already keyed hashes (64 hex digits, see {@link IdentifierHasher}), never clear text. `occurredMs` is `occurred_at` in epoch ms.
 */
export interface EngineEvent {
  readonly type: string;
  readonly id: string;
  readonly occurred_at: string;
  readonly occurredMs: number;
  readonly subject: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * The variables a CEL expression sees, and nothing else:
 * - `event`: `{ type, id, occurred_at }` (strings);
 * - `subject`: map of identifier name to string;
 * - `data`: the event's data (JSON values; numbers are doubles);
 * - `features`: map of feature name to number; a feature whose value is undefined on an empty window
 *   (avg, min, max, stddev, since_last) takes the policy's declared `default`, or is absent from the
 *   map when none is declared (so `has(features.x)` tells);
 * - `models`: map of model name to its output (a number).
 */
export interface RuleInput {
  readonly event: { readonly type: string; readonly id: string; readonly occurred_at: string };
  readonly subject: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, unknown>>;
  readonly features: Readonly<Record<string, number>>;
  readonly models: Readonly<Record<string, number>>;
}

/**
 * Lists as rules reach them: `in_list(name, value)` and `ip_in(name, ip)`. Implementations answer
 * from an in-memory snapshot (no I/O on the hot path); an unknown list name is refused at publish
 * time, so at run time it is a bug and throws. Expired entries do not match.
 */
export interface ListLookup {
  /** Whether `value` is an unexpired entry of list `name` (exact match on the stored value). */
  inList(name: string, value: string, atMs: number): boolean;
  /** Whether `ip` (IPv4 or IPv6 text) lies in a range or address of list `name`; false for a malformed ip. */
  ipIn(name: string, ip: string, atMs: number): boolean;
}

/** The functions a compiled expression calls; bound per evaluation (the time is the event's). */
export interface RuntimeFunctions {
  inList(name: string, value: string): boolean;
  ipIn(name: string, ip: string): boolean;
}

/** The kinds of personal identifier matched only by keyed hash. */
export type HashedIdentifierKind = 'id_number' | 'phone' | 'bank_card';

/**
 * Normalises and keyed-hashes personal identifiers (HMAC-SHA256 under a key derived from the
 * installation secret), so events, lists and decisions can match them without storing them.
 */
export interface IdentifierHasher {
  /** The hash (64 lower-case hex digits) of a valid identifier, or why it is not one. */
  hash(
    kind: HashedIdentifierKind,
    raw: string,
  ): { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };
}

/** A CEL expression compiled once at publish time; evaluating it never parses. */
export interface CompiledExpression {
  readonly source: string;
  /** The CEL type the checker inferred: `bool`, `double`, `int`, `string`, `dyn`, … */
  readonly type: string;
  /** Evaluates on one input; throws {@link RuleEvaluationError}-like errors (no such key, type mismatch, …). */
  evaluate(input: RuleInput, fns: RuntimeFunctions): unknown;
}

/** What the compiler needs to know to type-check an expression. */
export interface CelEnvironment {
  /** Declared feature names (all numbers). */
  readonly features: readonly string[];
  /** Declared model names (all numbers). */
  readonly models: readonly string[];
  /** List names the policy declared: a literal list name in `in_list`/`ip_in` must be one of them. */
  readonly lists: readonly string[];
  /**
   * The JSON Schema of the event type's `data` (object with properties), used to type `data.x`;
   * properties not declared are an error at compile time when the schema forbids additional ones.
   */
  readonly dataSchema?: Readonly<Record<string, unknown>>;
  /** Subject identifier names the event type allows. */
  readonly subjectKeys: readonly string[];
}

/** Inputs of a model, evaluated on the same rule input. */
export interface Model {
  readonly name: string;
  readonly kind: string;
  /** The model's output for one input (a probability for logistic, points for a scorecard). */
  score(input: RuleInput): number;
  /** Per-variable contributions where the kind defines them (scorecard points, logistic terms). */
  explain?(input: RuleInput): Readonly<Record<string, number>>;
  /**
   * What a decision keeps of this model beyond its score, where the kind defines it (a scorecard: its
   * top reason codes and the bin each variable fell in, for reviewers and for drift monitoring).
   */
  details?(input: RuleInput): ModelDetails;
  /**
   * Further numbers the model gives rules besides its score, read as `models.<name>__<output>` (a
   * scorecard: each variable's shortfall against its best points, what its reason codes rank).
   */
  readonly outputs?: readonly string[];
}

/** One reason code: a variable that cost points, with the sentence in both languages. */
export interface ModelReason {
  readonly variable: string;
  readonly points: number;
  readonly max_points: number;
  readonly en: string;
  readonly zh: string;
}

/** A model's explanation of one score, kept with the decision. */
export interface ModelDetails {
  /** Registered name of the card or model file, when it came from a registry. */
  readonly source: string;
  /** Checksum of the document that scored (ties the decision to one exact card). */
  readonly checksum: string;
  /** The variables that pulled the score down most, largest shortfall first. */
  readonly reasons: readonly ModelReason[];
  /** Per variable in the card's order, the index of the bin the value fell in (card convention). */
  readonly bins: readonly number[];
  /** The values of the model's `outputs`, by output name. */
  readonly outputs: Readonly<Record<string, number>>;
}

/** One rule that fired, with the values that made it fire (the features and fields it read). */
export interface RuleHit {
  readonly rule_id: string;
  readonly action: string;
  readonly score: number | null;
  readonly description: Bilingual;
  /** The inputs the rule read, by path (`features.x`, `data.amount`, `subject.ip`), at this event. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** A rule that could not be evaluated; the decision still completes without it. */
export interface RuleError {
  readonly rule_id: string;
  readonly message: string;
}

/** What a compiled policy concludes for one input. */
export interface PolicyResult {
  readonly outcome: Outcome;
  /** Sum of score deltas of the rules that fired, plus the models' contributions if configured; null in first-match mode with no score rule. */
  readonly score: number | null;
  readonly rule_hits: readonly RuleHit[];
  readonly rule_errors: readonly RuleError[];
}

/** A policy model declaration as compiled: the model and how its inputs are computed. */
export interface PolicyModel {
  readonly name: string;
  readonly model: Model;
}

/** A policy parsed, type-checked and compiled; immutable, shared by live traffic, shadows and backtests. */
export interface CompiledPolicy {
  readonly id: string;
  readonly version: number;
  readonly eventType: string;
  readonly description: Bilingual;
  /** Velocity features with their defaults for empty windows. */
  readonly features: readonly (FeatureDefinition & { readonly default?: number })[];
  readonly lists: readonly string[];
  readonly models: readonly PolicyModel[];
  /** What applies when the decision cannot be computed in time or a dependency is down; never `approve` unless explicitly configured. */
  readonly fallback: Outcome;
  /** Latency budget of one decision in milliseconds. */
  readonly latencyBudgetMs: number;
  /** Rule ids in evaluation order. */
  readonly ruleIds: readonly string[];
  /** Rules that raise an alert when they fire on live traffic, with the alert's severity. */
  readonly alertRules: Readonly<Record<string, 'low' | 'medium' | 'high' | 'critical'>>;
  /** Decides on one input: never throws for a failing rule (it becomes a `rule_errors` entry). */
  evaluate(input: RuleInput, fns: RuntimeFunctions): PolicyResult;
}
