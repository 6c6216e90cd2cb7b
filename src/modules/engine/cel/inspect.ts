/**
 * The safety walk over a parsed expression, before any type is known. It refuses, with a message
 * naming the construct and its position, everything a rule must not do: identifiers other than the
 * rule variables (`process`, `globalThis`, …), field names that reach prototypes, functions outside
 * the supported set, list names not declared by the policy, nested comprehensions (work growing with
 * the product of list sizes), bytes and unsigned literals, ints outside 64 bits, and expressions too
 * deep or too large. It also collects the `data` fields the expression reads.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { CelEnvironment } from '../contracts.js';
import { FORBIDDEN_FIELDS, LIMITS, ROOT_VARIABLES } from './checker.js';
import { CelCompileError } from './errors.js';
import { compileSafeRegex } from './safe-regex.js';
import { INT_MAX, INT_MIN } from './values.js';

/** Global functions a rule may call. */
export const FUNCTIONS: ReadonlySet<string> = new Set([
  'has',
  'size',
  'int',
  'double',
  'string',
  'dyn',
  'in_list',
  'ip_in',
]);

/** Receiver-style functions (`x.f(...)`) a rule may call. */
export const METHODS: ReadonlySet<string> = new Set([
  'size',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
]);

/** Comprehension macros over a list (or a map's keys). */
export const COMPREHENSIONS: ReadonlySet<string> = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

const UNSUPPORTED_HINTS: Readonly<Record<string, string>> = {
  timestamp: 'timestamps are not supported: use a since_last feature (milliseconds) instead',
  duration: 'durations are not supported: use a since_last feature (milliseconds) instead',
  matches: "use the receiver form: s.matches('regex')",
  type: 'type() is not supported',
  bytes: 'bytes are not supported',
  uint: 'unsigned integers are not supported',
};

/** What the walk learned about an expression. */
export interface Inspection {
  /** Fields of `data` read by name (select or index with a literal), with the offset of the first read. */
  readonly dataFields: ReadonlyMap<string, number>;
  /** Whether the expression contains a comprehension (needs an iteration slot at run time). */
  readonly hasComprehension: boolean;
}

const at = (node: ASTNode): number => node.range?.start ?? node.pos;

function fail(message: string, node: ASTNode): never {
  throw new CelCompileError(message, at(node));
}

function checkFieldName(name: string, node: ASTNode, position = at(node)): void {
  if (FORBIDDEN_FIELDS.has(name)) {
    throw new CelCompileError(
      `field name '${name}' is not allowed (it could reach an object prototype)`,
      position,
    );
  }
}

/** Walks `root` and throws a {@link CelCompileError} for the first forbidden construct found. */
export function inspectExpression(root: ASTNode, env: CelEnvironment): Inspection {
  const dataFields = new Map<string, number>();
  let nodes = 0;
  let hasComprehension = false;

  const walk = (node: ASTNode, depth: number, scope: string | null, inBody: boolean): void => {
    nodes++;
    if (nodes > LIMITS.maxNodes) fail(`the expression has more than ${LIMITS.maxNodes} nodes`, node);
    if (depth > LIMITS.maxDepth) fail(`the expression is nested deeper than ${LIMITS.maxDepth} levels`, node);
    const d = depth + 1;
    switch (node.op) {
      case 'value': {
        const v = node.args;
        if (typeof v === 'bigint' && (v < INT_MIN || v > INT_MAX))
          fail('integer literal outside the 64-bit range', node);
        if (v instanceof Uint8Array) fail('bytes literals are not supported', node);
        if (typeof v === 'object' && v !== null) fail('unsigned integer literals are not supported', node);
        return;
      }
      case 'id':
        if (node.args === scope) return;
        if (!(ROOT_VARIABLES as readonly string[]).includes(node.args)) {
          fail(
            `unknown identifier '${node.args}': a rule reads only ${ROOT_VARIABLES.join(', ')} (and a comprehension's variable)`,
            node,
          );
        }
        return;
      case '.':
      case '.?': {
        if (node.op === '.?') fail('optional field selection (.?) is not supported', node);
        const [obj, field] = node.args;
        checkFieldName(field, node, node.pos);
        if (obj.op === 'id' && obj.args === 'data' && !dataFields.has(field)) dataFields.set(field, at(node));
        walk(obj, d, scope, inBody);
        return;
      }
      case '[]':
      case '[?]': {
        if (node.op === '[?]') fail('optional index ([?]) is not supported', node);
        const [obj, index] = node.args;
        if (index.op === 'value' && typeof index.args === 'string') {
          checkFieldName(index.args, index);
          if (obj.op === 'id' && obj.args === 'data' && !dataFields.has(index.args)) {
            dataFields.set(index.args, at(index));
          }
        }
        walk(obj, d, scope, inBody);
        walk(index, d, scope, inBody);
        return;
      }
      case 'call': {
        const [name, args] = node.args;
        if (!FUNCTIONS.has(name)) {
          fail(UNSUPPORTED_HINTS[name] ?? `unknown function '${name}'`, node);
        }
        if (name === 'in_list' || name === 'ip_in') {
          const list = args[0];
          if (args.length !== 2 || list === undefined) fail(`${name}(list, value) takes two arguments`, node);
          if (list.op !== 'value' || typeof list.args !== 'string') {
            fail(`the list name of ${name} must be a string literal`, list);
          }
          if (!env.lists.includes(list.args)) {
            fail(
              `list '${list.args}' is not declared by the policy (declared: ${env.lists.join(', ') || 'none'})`,
              list,
            );
          }
        }
        if (name === 'has') {
          const arg = args[0];
          if (args.length !== 1 || arg === undefined || arg.op !== '.')
            fail('has() takes one field selection, e.g. has(data.x)', node);
        }
        for (const a of args) walk(a, d, scope, inBody);
        return;
      }
      case 'rcall': {
        const [name, receiver, args] = node.args;
        if (receiver.op === 'id' && receiver.args === 'cel') fail(`cel.${name} is not supported`, node);
        if (COMPREHENSIONS.has(name)) {
          hasComprehension = true;
          if (inBody) {
            fail(
              `nested comprehension '${name}' is not allowed (the work would grow with the product of list sizes)`,
              node,
            );
          }
          const iter = args[0];
          if (iter === undefined || iter.op !== 'id')
            fail(`${name}(var, …) needs a variable name first`, node);
          if ((ROOT_VARIABLES as readonly string[]).includes(iter.args)) {
            fail(`the comprehension variable '${iter.args}' would hide a rule variable`, iter);
          }
          walk(receiver, d, scope, inBody);
          for (const a of args.slice(1)) walk(a, d, iter.args, true);
          return;
        }
        walk(receiver, d, scope, inBody);
        if (!METHODS.has(name)) fail(UNSUPPORTED_HINTS[name] ?? `unknown function '${name}'`, node);
        if (name === 'matches') {
          const re = args[0];
          if (args.length !== 1 || re === undefined || re.op !== 'value' || typeof re.args !== 'string') {
            fail('the pattern of matches() must be a string literal', node);
          }
          const compiled = compileSafeRegex(re.args);
          if (!compiled.ok) throw new CelCompileError(`matches(): ${compiled.message}`, at(re));
        }
        for (const a of args) walk(a, d, scope, inBody);
        return;
      }
      case 'list':
        for (const a of node.args) walk(a, d, scope, inBody);
        return;
      case 'map':
        for (const [k, v] of node.args) {
          if (k.op === 'value' && typeof k.args === 'string') checkFieldName(k.args, k);
          walk(k, d, scope, inBody);
          walk(v, d, scope, inBody);
        }
        return;
      case '?:':
        for (const a of node.args) walk(a, d, scope, inBody);
        return;
      case '!_':
      case '-_':
        walk(node.args, d, scope, inBody);
        return;
      default: {
        const [l, r] = node.args as [ASTNode, ASTNode];
        walk(l, d, scope, inBody);
        walk(r, d, scope, inBody);
      }
    }
  };
  walk(root, 0, null, false);
  return { dataFields, hasComprehension };
}
