/**
 * Generated JavaScript for the hot path of a model. A closure per input reads `container[key]` with a
 * key that varies between closures, which V8 can only serve from its megamorphic cache; a function
 * generated once per model reads each field with a constant key, which V8 compiles to a direct load.
 * For a 10-variable scorecard that is the difference between about 1.5 and 5 to 10 million scores a
 * second on one core. Ajv and TypeBox generate their validators the same way.
 *
 * Nothing from a declaration is pasted into the source as code: field names have passed
 * `compileInputPath` (letters, digits, `_`, `-`) and are embedded as JSON string literals; every
 * number, table and message reaches the function as an argument. Where the runtime forbids code
 * generation (`node --disallow-code-generation-from-strings`), {@link generateFunction} returns null and
 * callers keep their closure implementation, which computes the same result.
 */
import type { InputRoot } from './input-path.js';

/** A compiled input path as the generator needs it. */
export interface ReadPlan {
  readonly root: InputRoot;
  readonly keys: readonly string[];
}

/** The arguments every generated reader needs, in this order: see {@link readStatements}. */
export const READ_HELPER_NAMES = ['own', 'OP', 'gp'] as const;

/** The values of {@link READ_HELPER_NAMES}. */
export const READ_HELPERS: readonly unknown[] = [
  Object.prototype.hasOwnProperty,
  Object.prototype,
  Object.getPrototypeOf,
];

/** The local variable holding a root of the rule input inside a generated function. */
export function rootVariable(root: InputRoot): string {
  return `r_${root}`;
}

/** The local variable saying whether that root is a plain object (its prototype is Object.prototype). */
function plainVariable(root: InputRoot): string {
  return `g_${root}`;
}

/**
 * Declarations of the roots the plans read, to put at the top of the generated function. Whether a
 * root is a plain object is found once per call, not once per field: a prototype lookup per field
 * costs about as much as the rest of the read.
 */
export function rootDeclarations(plans: readonly ReadPlan[]): string {
  const roots = [...new Set(plans.map((p) => p.root))];
  return roots
    .map((root) => {
      const r = rootVariable(root);
      return `const ${r} = input.${root};\nconst ${plainVariable(root)} = typeof ${r} === 'object' && ${r} !== null && gp(${r}) === OP;`;
    })
    .join('\n');
}

/**
 * Statements that leave in `v` the value at `plan` (undefined when absent), using `c` as scratch.
 * Each step is the inlined form of `ownField` in `input-path.ts`: a plain load, then `hasOwnProperty`
 * only when the value could have been inherited.
 */
export function readStatements(plan: ReadPlan): string {
  const lines = [`v = ${rootVariable(plan.root)};`];
  plan.keys.forEach((key, depth) => {
    const k = JSON.stringify(key);
    const plain = depth === 0 ? plainVariable(plan.root) : 'gp(c) === OP';
    lines.push(
      'c = v;',
      `v = typeof c === 'object' && c !== null ? c[${k}] : undefined;`,
      `if (v !== undefined && (!(${plain}) || OP[${k}] !== undefined) && !own.call(c, ${k})) v = undefined;`,
    );
  });
  return lines.join('\n');
}

/**
 * Builds a function from generated source: `new Function(...names, body)` applied to `values`, where
 * `body` returns the function. Null when the runtime forbids code generation from strings.
 */
export function generateFunction<T>(
  names: readonly string[],
  values: readonly unknown[],
  body: string,
): T | null {
  let factory: (...args: unknown[]) => T;
  try {
    // The one place this module turns text into code; see the module comment for why it is safe.
    factory = new Function(...names, `'use strict';\n${body}`) as (...args: unknown[]) => T;
  } catch (error) {
    if (error instanceof EvalError) return null;
    throw error;
  }
  return factory(...values);
}
