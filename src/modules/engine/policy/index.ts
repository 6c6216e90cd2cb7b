/**
 * Policy documents: parsed from YAML or JSON, validated with every problem's path, normalised for
 * storage and diffs, and compiled to a {@link CompiledPolicy} whose semantics evaluate.ts states.
 */
export { type CompilePolicyOptions, type CompilePolicyResult, compilePolicy } from './compile.js';
export { diffPolicies, type PolicyChange } from './diff.js';
export {
  BilingualText,
  DEFAULT_FALLBACK,
  DEFAULT_LATENCY_BUDGET_MS,
  FeatureDeclaration,
  ModelDeclaration,
  OutcomeMapping,
  type PolicyDocument,
  PolicyDocumentSchema,
  RuleDeclaration,
  windowToMs,
} from './document.js';
export { type CompiledRule, policyEvaluator } from './evaluate.js';
export { normalisePolicy } from './normalise.js';
export {
  MAX_POLICY_SOURCE,
  type PolicyParseResult,
  parsePolicySource,
  validatePolicyDocument,
} from './parse.js';
export type { PolicyProblem } from './validate.js';
