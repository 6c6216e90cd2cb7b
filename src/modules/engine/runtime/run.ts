/**
 * One policy applied to one event: features from the velocity store as of the event's time, models
 * scored, rules evaluated. Live decisions, shadow policies, backtests and `fengkong decide` all call
 * this function, so they cannot disagree.
 */
import type {
  CompiledPolicy,
  EngineEvent,
  ListLookup,
  ModelDetails,
  PolicyResult,
  RuleError,
  RuleInput,
  RuntimeFunctions,
} from '../contracts.js';
import type { FeatureEngine } from './features.js';

/** Everything a policy concluded about an event, with what it read. */
export interface PolicyRun {
  readonly result: PolicyResult;
  readonly features: Record<string, number | null>;
  readonly truncated: readonly string[];
  readonly models: Record<string, number | null>;
  /** Reason codes and bins of the models that explain themselves (scorecards), by model name. */
  readonly model_details: Record<string, ModelDetails>;
  /** Rule errors, including models that could not score (`model:<name>`). */
  readonly rule_errors: readonly RuleError[];
}

/** A model's outputs as rules read them: output names and their `models.<name>__<output>` keys. */
interface Published {
  readonly outputs: readonly string[];
  readonly keys: readonly string[];
}

/** Per compiled model and name, built once instead of once per decision. */
const publishedCache = new WeakMap<object, Map<string, Published>>();

function published(model: { readonly outputs?: readonly string[] }, name: string): Published {
  let byName = publishedCache.get(model);
  if (byName === undefined) {
    byName = new Map();
    publishedCache.set(model, byName);
  }
  let p = byName.get(name);
  if (p === undefined) {
    const outputs = model.outputs ?? [];
    p = { outputs, keys: outputs.map((o) => `${name}__${o}`) };
    byName.set(name, p);
  }
  return p;
}

/**
 * The list functions of one decision, bound to the event's time (expired entries do not match).
 * Methods of one small object rather than two closures per decision; compiled rules call them as
 * methods (`f.inList(…)`).
 */
class ListsAt implements RuntimeFunctions {
  constructor(
    private readonly lists: ListLookup,
    private readonly atMs: number,
  ) {}

  inList(name: string, value: string): boolean {
    return this.lists.inList(name, value, this.atMs);
  }

  ipIn(name: string, ip: string): boolean {
    return this.lists.ipIn(name, ip, this.atMs);
  }
}

export function bindLists(lists: ListLookup, atMs: number): RuntimeFunctions {
  return new ListsAt(lists, atMs);
}

/**
 * Applies `policy` to `event`. Throws only when the feature store fails (the caller applies the
 * policy's fallback); a failing model or rule is reported and the decision completes without it.
 */
export function runPolicy(
  policy: CompiledPolicy,
  event: EngineEvent,
  features: FeatureEngine,
  lists: ListLookup,
): PolicyRun {
  const computed = features.compute(policy.features, event);
  const models: Record<string, number> = {};
  const modelReport: Record<string, number | null> = {};
  const modelErrors: RuleError[] = [];
  const details: Record<string, ModelDetails> = {};
  const input: RuleInput = {
    event: { type: event.type, id: event.id, occurred_at: event.occurred_at },
    subject: event.subject,
    data: event.data,
    features: computed.values,
    models,
  };
  for (const { name, model } of policy.models) {
    try {
      const v = model.score(input);
      if (!Number.isFinite(v)) throw new Error(`gave ${v}`);
      models[name] = v;
      modelReport[name] = v;
      if (model.details) {
        const d = model.details(input);
        details[name] = d;
        // Published to rules as models.<name>__<output> (a scorecard: each variable's shortfall).
        const { outputs, keys } = published(model, name);
        for (let i = 0; i < outputs.length; i++) {
          const v = d.outputs[outputs[i] as string];
          if (v !== undefined) models[keys[i] as string] = v;
        }
      }
    } catch (error) {
      modelReport[name] = null;
      modelErrors.push({ rule_id: `model:${name}`, message: (error as Error).message });
    }
  }
  const result = policy.evaluate(input, bindLists(lists, event.occurredMs));
  return {
    result,
    features: computed.report,
    truncated: computed.truncated,
    models: modelReport,
    model_details: details,
    rule_errors: modelErrors.length > 0 ? [...modelErrors, ...result.rule_errors] : result.rule_errors,
  };
}
