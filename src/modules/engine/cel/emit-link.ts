/**
 * Links emitted expression bodies (emit.ts) into JavaScript functions: one per expression for
 * `evaluate`, and one per group of rules for a policy, so a decision runs its rules without a
 * function call per rule. The function text is made only of the emitted statements and the fixed
 * templates here; constants, closures and helpers are passed in as parameters, never written as
 * text. Also builds the per-input guard that makes emitted reads exact.
 */
import type { RuleInput, RuntimeFunctions } from '../contracts.js';
import { arith, negate } from './arith.js';
import { FORBIDDEN_FIELDS, ROOT_VARIABLES } from './checker.js';
import { type EmittedBody, type EmitUnit, IDENTIFIER } from './emit.js';
import { CelEvalError } from './errors.js';
import { asString, celCompare, celEquals, celIn, noOverload, typeName } from './values.js';

const missing = (path: string): never => {
  throw new CelEvalError(`no such key: ${path}`);
};
const wrongType = (path: string, v: unknown, kind: string): never => {
  throw new CelEvalError(`${path} is ${typeName(v)}, declared ${kind}`);
};
const divide = (a: number, b: number): number => {
  if (b === 0) throw new CelEvalError('division by zero');
  return a / b;
};
const HELPERS = {
  M: missing,
  W: wrongType,
  X: noOverload,
  D: divide,
  A: arith,
  CMP: celCompare,
  EQ: celEquals,
  NEG: negate,
  IN: celIn,
  S: asString,
  H: Object.prototype.hasOwnProperty,
} as const;

const HELPER_NAMES = Object.keys(HELPERS);
const HELPER_VALUES = HELPER_NAMES.map((n) => HELPERS[n as keyof typeof HELPERS]);

function link(unit: EmitUnit, text: string): unknown {
  // The text is built only from emit.ts's templates and the ones below (see the module comments).
  const factory = new Function('K', 'C', 'SC', ...HELPER_NAMES, `"use strict"; return ${text};`);
  return factory(unit.constants, unit.closures, unit.scope, ...HELPER_VALUES);
}

const declare = (temps: readonly string[]): string => (temps.length > 0 ? `let ${temps.join(', ')};\n` : '');

/** One expression as a function `(input, fns) => value` (for inputs that passed its guard). */
export function linkExpression(
  body: EmittedBody,
  unit: EmitUnit,
): (input: RuleInput, fns: RuntimeFunctions) => unknown {
  return link(
    unit,
    `function rule(i, f) {\n${declare(body.temps)}${body.lines}\nreturn ${body.result};\n}`,
  ) as (input: RuleInput, fns: RuntimeFunctions) => unknown;
}

/** Rules per linked function: small enough for V8 to optimise each function whole. */
export const RULES_PER_FUNCTION = 24;

/**
 * Evaluates a group of rules: `results[k]` gets rule k's value and `errors[k]` null, or `errors[k]`
 * the error it threw. The arrays belong to the caller and are reused across calls.
 */
export type RuleGroup = (
  input: RuleInput,
  fns: RuntimeFunctions,
  results: unknown[],
  errors: unknown[],
) => void;

/** Links `bodies` (emitted into `unit`, in evaluation order) into groups of {@link RULES_PER_FUNCTION}. */
export function linkRules(bodies: readonly EmittedBody[], unit: EmitUnit): RuleGroup[] {
  const groups: RuleGroup[] = [];
  for (let start = 0; start < bodies.length; start += RULES_PER_FUNCTION) {
    const parts = bodies.slice(start, start + RULES_PER_FUNCTION).map((b, n) => {
      const k = start + n;
      return `{\n${declare(b.temps)}try {\n${b.lines}\nR[${k}] = ${b.result}; E[${k}] = null;\n} catch (e) { R[${k}] = undefined; E[${k}] = e; }\n}`;
    });
    groups.push(link(unit, `function rules(i, f, R, E) {\n${parts.join('\n')}\n}`) as RuleGroup);
  }
  return groups;
}

/**
 * The per-input check that makes emitted reads exact: each root read is a plain object (prototype
 * `Object.prototype` or null) and no read name is defined on `Object.prototype`, so `i.root.key` is
 * the own property or undefined. Emitted too (names are identifiers, checked again here), so each
 * name costs one monomorphic load; a prototype lookup per root is the rest.
 */
export function compileInputGuard(paths: readonly string[]): (input: RuleInput) => boolean {
  const roots = [...new Set(paths.map((p) => p.slice(0, p.indexOf('.'))))];
  const keys = [...new Set(paths.map((p) => p.slice(p.indexOf('.') + 1)))];
  for (const r of roots)
    if (!(ROOT_VARIABLES as readonly string[]).includes(r)) throw new Error(`not a root: ${r}`);
  for (const k of keys)
    if (!IDENTIFIER.test(k) || FORBIDDEN_FIELDS.has(k)) throw new Error(`not an identifier: ${k}`);
  const checks = [
    ...roots.map((r) => `((p = P(i.${r})) === O || p === null)`),
    ...keys.map((k) => `O.${k} === undefined`),
  ];
  const body = `"use strict"; return function guard(i) { let p; return ${checks.join(' && ') || 'true'}; };`;
  return new Function('O', 'P', body)(Object.prototype, Object.getPrototypeOf) as (
    input: RuleInput,
  ) => boolean;
}
