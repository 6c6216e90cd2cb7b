/**
 * The CEL rule compiler: rule expressions type-checked by cel-js's checker, refused when unsafe, and
 * compiled once to JavaScript closures with CEL's semantics (the checked path) and to emitted
 * functions from a whitelist of templates (the hot path). The policy compiler is its only user in
 * the engine; tests use the checker environment to run cel-js as an oracle.
 */
export { checkerEnvironment, dataFields, LIMITS } from './checker.js';
export { type CompiledCel, type CompileOptions, compileExpression } from './compile.js';
export { type EmittedBody, EmitUnit } from './emit.js';
export { compileInputGuard, linkRules, RULES_PER_FUNCTION, type RuleGroup } from './emit-link.js';
export { CelCompileError, CelEvalError } from './errors.js';
export { compileSafeRegex, type SafeRegex } from './safe-regex.js';
