/**
 * `compilePolicy`: a validated document to a {@link CompiledPolicy}, at publish time. On top of the
 * document's own rules (validate.ts) it checks what depends on the installation: feature keys are
 * subject keys, value fields exist in a closed data schema and are numbers for numeric aggregates,
 * declared lists exist, models build, every `when` compiles and type-checks to bool. All problems
 * are returned together, each with its path (`rules[3].when`, with the column of a CEL error).
 */

import { CelCompileError, compileExpression, dataFields } from '../cel/index.js';
import type { CelEnvironment, CompiledPolicy, Model, Outcome, PolicyModel } from '../contracts.js';
import type { FeatureDefinition } from '../velocity/feature.js';
import { DEFAULT_FALLBACK, DEFAULT_LATENCY_BUDGET_MS, type PolicyDocument } from './document.js';
import { type CompiledRule, policyEvaluator } from './evaluate.js';
import { documentProblems, featureDefinition, joinPath, type PolicyProblem } from './validate.js';

/** What compiling needs from the installation. */
export interface CompilePolicyOptions {
  /** Version number of this document in the policy's history. */
  readonly version: number;
  /** JSON Schema of the event type's `data` (types `data.x` in rules, checks feature fields). */
  readonly dataSchema?: Record<string, unknown>;
  /** Subject identifier names events may carry. */
  readonly subjectKeys: readonly string[];
  /** Lists that exist; a policy may declare only these. */
  readonly knownLists: readonly string[];
  /** Builds a model from its declaration (models/index.ts), or lists its problems. */
  readonly createModel: (
    decl: Record<string, unknown>,
    path: string,
  ) =>
    | { readonly ok: true; readonly model: Model }
    | {
        readonly ok: false;
        readonly problems: readonly { readonly path: string; readonly message: string }[];
      };
}

/** A compiled policy, or every problem found. */
export type CompilePolicyResult =
  | { readonly ok: true; readonly policy: CompiledPolicy }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/**
 * A feature `field` naming a subject identifier rather than a data field (`subject.user_id`), so a
 * `distinct` can count the users seen on one device. The velocity engine reads it from the event's
 * subject (runtime/features.ts `fieldValue`).
 */
export const SUBJECT_FIELD = 'subject.';

const NUMERIC_AGGREGATES: ReadonlySet<string> = new Set(['sum', 'avg', 'min', 'max', 'stddev']);

function featureEnvironmentProblems(
  doc: PolicyDocument,
  options: CompilePolicyOptions,
  out: PolicyProblem[],
): void {
  const schema = dataFields(options.dataSchema);
  (doc.features ?? []).forEach((f, i) => {
    const at = joinPath('features', i);
    f.key.forEach((k, j) => {
      if (!options.subjectKeys.includes(k)) {
        out.push({
          path: `${at}.key[${j}]`,
          message: `${k} is not a subject key (one of ${options.subjectKeys.join(', ')})`,
        });
      }
    });
    if (f.field === undefined) return;
    if (f.field.startsWith(SUBJECT_FIELD)) {
      const key = f.field.slice(SUBJECT_FIELD.length);
      if (!options.subjectKeys.includes(key)) {
        out.push({
          path: `${at}.field`,
          message: `${key} is not a subject key (one of ${options.subjectKeys.join(', ')})`,
        });
      } else if (NUMERIC_AGGREGATES.has(f.aggregate)) {
        out.push({
          path: `${at}.field`,
          message: `subject values are strings; ${f.aggregate} needs a number`,
        });
      }
      return;
    }
    if (f.field.includes('.')) {
      out.push({ path: `${at}.field`, message: 'must be a top-level field of data, or subject.<key>' });
      return;
    }
    const ownEventsOnly = f.events === undefined || f.events.every((e) => e === doc.event_type);
    if (!ownEventsOnly) return;
    const type = schema.fields.get(f.field);
    if (type === undefined && schema.closed) {
      out.push({ path: `${at}.field`, message: `${f.field} is not a field of ${doc.event_type} data` });
    }
    if (type !== undefined && type !== 'double' && type !== 'dyn' && NUMERIC_AGGREGATES.has(f.aggregate)) {
      out.push({ path: `${at}.field`, message: `${f.field} is a ${type}; ${f.aggregate} needs a number` });
    }
  });
}

/**
 * Builds each model; where the factory reports the inputs a model reads, each `features.x` must be a
 * declared feature and each `models.y` a model declared before it (models are scored in order).
 */
function buildModels(
  doc: PolicyDocument,
  options: CompilePolicyOptions,
  out: PolicyProblem[],
): PolicyModel[] {
  const models: PolicyModel[] = [];
  const features = new Set((doc.features ?? []).map((f) => f.name));
  (doc.models ?? []).forEach((decl, i) => {
    const at = joinPath('models', i);
    const built = options.createModel({ ...decl }, at);
    if (!built.ok) {
      out.push(...built.problems);
      return;
    }
    const inputs = (built.model as { readonly inputs?: readonly string[] }).inputs ?? [];
    for (const input of inputs) {
      const dot = input.indexOf('.');
      const root = input.slice(0, dot);
      const name = input.slice(dot + 1);
      if (root === 'features' && !features.has(name)) {
        out.push({ path: at, message: `reads ${input}, which is not a declared feature` });
      }
      if (root === 'models' && !models.some((m) => m.name === name)) {
        out.push({ path: at, message: `reads ${input}, which is not a model declared before this one` });
      }
    }
    models.push({ name: decl.name, model: built.model });
  });
  return models;
}

function compileRules(doc: PolicyDocument, env: CelEnvironment, out: PolicyProblem[]): CompiledRule[] {
  const rules: { rule: CompiledRule; priority: number; index: number }[] = [];
  doc.rules.forEach((r, index) => {
    const at = `rules[${index}].when`;
    try {
      const compiled = compileExpression(r.when, env);
      if (compiled.type !== 'bool') {
        out.push({
          path: at,
          message: `must be a bool expression; this one is ${compiled.type} (compare it, e.g. data.vip == true)`,
        });
        return;
      }
      rules.push({
        rule: {
          id: r.id,
          action: r.action,
          score: r.action === 'score' ? (r.score ?? 0) : null,
          description: { en: r.description.en, zh: r.description.zh },
          whenChecked: compiled.evaluateChecked,
          emitInto: compiled.emitInto,
          reads: compiled.reads,
        },
        priority: r.priority ?? 0,
        index,
      });
    } catch (error) {
      if (!(error instanceof CelCompileError)) throw error;
      out.push({ path: at, message: `column ${error.position + 1}: ${error.message}` });
    }
  });
  // Higher priority first; Array.prototype.sort is stable (ES2019), so ties keep document order.
  rules.sort((a, b) => b.priority - a.priority);
  return rules.map((r) => r.rule);
}

/** Compiles a policy document; see evaluate.ts for the semantics of the result. */
export function compilePolicy(document: PolicyDocument, options: CompilePolicyOptions): CompilePolicyResult {
  const structural = documentProblems(document);
  if (structural.length > 0) return { ok: false, problems: structural };
  const problems: PolicyProblem[] = [];
  featureEnvironmentProblems(document, options, problems);
  const lists = document.lists ?? [];
  lists.forEach((name, i) => {
    if (!options.knownLists.includes(name)) {
      problems.push({
        path: `lists[${i}]`,
        message: `list ${name} does not exist; create it before referring to it`,
      });
    }
  });
  const models = buildModels(document, options, problems);
  const features = document.features ?? [];
  const env: CelEnvironment = {
    features: features.map((f) => f.name),
    models: models.flatMap((m) => [
      m.name,
      ...((m.model as { readonly outputs?: readonly string[] }).outputs ?? []).map((o) => `${m.name}__${o}`),
    ]),
    lists,
    subjectKeys: options.subjectKeys,
    ...(options.dataSchema ? { dataSchema: options.dataSchema } : {}),
  };
  const rules = compileRules(document, env, problems);
  if (problems.length > 0) return { ok: false, problems };
  const definitions: (FeatureDefinition & { readonly default?: number })[] = features.map((f) => ({
    ...featureDefinition(f, document.event_type),
    ...(f.default === undefined ? {} : { default: f.default }),
  }));
  const policy: CompiledPolicy = {
    id: document.id,
    version: options.version,
    eventType: document.event_type,
    description: { en: document.description.en, zh: document.description.zh },
    features: Object.freeze(definitions),
    lists: Object.freeze([...lists]),
    models: Object.freeze(models),
    fallback: (document.fallback ?? DEFAULT_FALLBACK) as Outcome,
    latencyBudgetMs: document.latency_budget_ms ?? DEFAULT_LATENCY_BUDGET_MS,
    ruleIds: Object.freeze(rules.map((r) => r.id)),
    alertRules: Object.freeze(
      Object.fromEntries(document.rules.flatMap((r) => (r.alert ? [[r.id, r.alert] as const] : []))),
    ),
    evaluate: policyEvaluator(rules, {
      mode: document.outcome.mode,
      thresholds: document.outcome.thresholds ?? [],
      default: document.outcome.default,
    }),
  };
  return { ok: true, policy: Object.freeze(policy) };
}
