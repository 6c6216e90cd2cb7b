/**
 * How a compiled policy decides. These semantics are the contract of every policy document:
 *
 * 1. Order. Rules run by `priority`, highest first; rules of equal priority keep document order.
 * 2. Completeness. Every rule is evaluated, whatever fired before, so the hits and errors of a
 *    decision are complete (shadow policies and backtests compare them rule by rule).
 * 3. Errors. A rule whose `when` throws (no such key, division by zero, …) or gives something other
 *    than a bool is reported in `rule_errors` and treated as not fired; the decision completes.
 * 4. `first_match`: the outcome is the action of the first fired rule (in order) whose action is
 *    approve, review or reject; score rules fired meanwhile only add to the score. No deciding rule
 *    fired → `outcome.default`.
 * 5. `score`: the score is the sum of the deltas of the fired score rules; the outcome is that of the
 *    first threshold (highest min_score first) with score ≥ min_score, else `outcome.default`. A
 *    fired review or reject rule raises the outcome to at least its severity (approve < review <
 *    reject): a blacklist hit rejects whatever the score. A fired approve rule never lowers it.
 * 6. `score` in the result: the sum of the fired score deltas; 0 when none fired but the policy has
 *    score rules; null when the policy has no score rule.
 * 7. Each hit carries `values`: the value, at this event, of every input path the rule's expression
 *    names (`features.x`, `data.amount`, `subject.ip`); an absent input is reported as null.
 *
 * The evaluation loop is allocation-free when no rule fires or fails (shared empty arrays), and
 * reads rules from a precomputed array: no per-rule map lookups. Rules run as emitted JavaScript
 * after one check per event that the input is made of plain objects (cel/emit.ts); an input that
 * fails it runs the closure trees, which test every read: same results, only slower.
 */
import { compileInputGuard, type EmittedBody, EmitUnit, linkRules } from '../cel/index.js';
import type {
  Bilingual,
  Outcome,
  PolicyResult,
  RuleError,
  RuleHit,
  RuleInput,
  RuntimeFunctions,
} from '../contracts.js';

/** One rule ready to run. */
export interface CompiledRule {
  readonly id: string;
  readonly action: Outcome | 'score';
  readonly score: number | null;
  readonly description: Bilingual;
  /** The `when` expression, own-property test on every read (any input). */
  readonly whenChecked: (input: RuleInput, fns: RuntimeFunctions) => unknown;
  /** Emits the `when` expression into a shared unit (cel/emit.ts); null when it is not emitted. */
  readonly emitInto: (unit: EmitUnit, prefix: string) => EmittedBody | null;
  /** Input paths the expression reads by name (`features.x`). */
  readonly reads: readonly string[];
}

/** How fired rules become the outcome. */
export interface OutcomeRule {
  readonly mode: 'first_match' | 'score';
  readonly thresholds: readonly { readonly min_score: number; readonly outcome: Outcome }[];
  readonly default: Outcome;
}

const SEVERITY: Readonly<Record<Outcome, number>> = { approve: 0, review: 1, reject: 2 };
const BY_SEVERITY: readonly Outcome[] = ['approve', 'review', 'reject'];
const NONE: readonly never[] = Object.freeze([]);

interface Step {
  readonly rule: CompiledRule;
  /** -1 for score rules. */
  readonly severity: number;
  readonly delta: number;
  readonly roots: readonly (keyof RuleInput)[];
  readonly keys: readonly string[];
}

function valuesOf(step: Step, input: RuleInput): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const { roots, keys, rule } = step;
  for (let k = 0; k < keys.length; k++) {
    const m = input[roots[k] as keyof RuleInput] as Readonly<Record<string, unknown>>;
    const key = keys[k] as string;
    values[rule.reads[k] as string] = Object.hasOwn(m, key) ? m[key] : null;
  }
  return values;
}

function hit(step: Step, input: RuleInput): RuleHit {
  const { rule } = step;
  return {
    rule_id: rule.id,
    action: rule.action,
    score: rule.score,
    description: rule.description,
    values: valuesOf(step, input),
  };
}

/**
 * Builds the decision function over `rules`, already in evaluation order (see the module comment).
 */
export function policyEvaluator(
  rules: readonly CompiledRule[],
  outcome: OutcomeRule,
): (input: RuleInput, fns: RuntimeFunctions) => PolicyResult {
  const steps: readonly Step[] = rules.map((rule) => ({
    rule,
    severity: rule.action === 'score' ? -1 : SEVERITY[rule.action],
    delta: rule.action === 'score' ? (rule.score ?? 0) : 0,
    roots: rule.reads.map((p) => p.slice(0, p.indexOf('.')) as keyof RuleInput),
    keys: rule.reads.map((p) => p.slice(p.indexOf('.') + 1)),
  }));
  const hasScoreRules = rules.some((r) => r.action === 'score');
  const scoreMode = outcome.mode === 'score';
  const thresholds = outcome.thresholds;
  const defaultOutcome = outcome.default;
  const n = steps.length;
  // The rules linked into a few emitted functions, run after one guard per event (cel/emit-link.ts);
  // the closure trees otherwise. `results`/`errors` are reused: evaluation is synchronous and the
  // list functions must not call back into this policy.
  const unit = new EmitUnit();
  const bodies = rules.map((r, k) => r.emitInto(unit, `r${k}_`));
  const emitted = bodies.every((b) => b !== null) ? (bodies as EmittedBody[]) : null;
  const groups = emitted ? linkRules(emitted, unit) : [];
  const guard = compileInputGuard(emitted ? [...new Set(emitted.flatMap((b) => b.guardPaths))] : []);
  const fastPath = emitted !== null;
  const results: unknown[] = new Array(n).fill(undefined);
  const errors: unknown[] = new Array(n).fill(null);

  return (input, fns) => {
    if (fastPath && guard(input)) {
      for (let g = 0; g < groups.length; g++)
        (groups[g] as (typeof groups)[number])(input, fns, results, errors);
    } else {
      for (let k = 0; k < n; k++) {
        try {
          results[k] = (steps[k] as Step).rule.whenChecked(input, fns);
          errors[k] = null;
        } catch (error) {
          results[k] = undefined;
          errors[k] = error;
        }
      }
    }
    let hits: RuleHit[] | null = null;
    let failures: RuleError[] | null = null;
    let sum = 0;
    // first_match: severity of the first deciding rule; score mode: highest review/reject severity.
    let decided = -1;
    for (let k = 0; k < n; k++) {
      const step = steps[k] as Step;
      const error = errors[k];
      if (error !== null) {
        if (failures === null) failures = [];
        failures.push({ rule_id: step.rule.id, message: (error as Error).message ?? String(error) });
        continue;
      }
      const fired = results[k];
      if (fired !== true) {
        if (fired !== false) {
          if (failures === null) failures = [];
          failures.push({ rule_id: step.rule.id, message: `when gave ${typeof fired}, not a bool` });
        }
        continue;
      }
      if (hits === null) hits = [];
      hits.push(hit(step, input));
      const severity = step.severity;
      if (severity < 0) sum += step.delta;
      else if (scoreMode) {
        if (severity > decided) decided = severity;
      } else if (decided < 0) decided = severity;
    }
    let result: Outcome;
    if (scoreMode) {
      result = defaultOutcome;
      for (let t = 0; t < thresholds.length; t++) {
        const band = thresholds[t] as OutcomeRule['thresholds'][number];
        if (sum >= band.min_score) {
          result = band.outcome;
          break;
        }
      }
      if (decided > SEVERITY[result]) result = BY_SEVERITY[decided] as Outcome;
    } else {
      result = decided < 0 ? defaultOutcome : (BY_SEVERITY[decided] as Outcome);
    }
    return {
      outcome: result,
      score: hasScoreRules ? sum : null,
      rule_hits: hits ?? NONE,
      rule_errors: failures ?? NONE,
    };
  };
}
