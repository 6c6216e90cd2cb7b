/**
 * Turns a checked cel-js AST into a tree of JavaScript closures: no parsing, no `eval`, no
 * `new Function` on the hot path. Each closure takes the rule input, the list functions and one
 * iteration slot. Where cel-js's checker proved the operand types (a feature is a double, a literal
 * is an int) the closure skips the run-time type dispatch; values read from the input are checked
 * against their declared type where they enter, so the static types stay true. Anything typed `dyn`
 * goes through the generic operations of values.ts / arith.ts, which implement CEL's semantics.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { RuleInput, RuntimeFunctions } from '../contracts.js';
import { negate } from './arith.js';
import { buildCall, buildMethod } from './build-calls.js';
import { and, arithmetic, equality, membership, or, ordering } from './build-ops.js';
import { index, ROOT_READERS, select } from './build-read.js';
import { checkedTypeName, type RootVariable } from './checker.js';
import { CelEvalError } from './errors.js';
import { noOverload, typeName } from './values.js';

/** The one mutable slot a comprehension's variable lives in (comprehensions do not nest). */
export interface Scope {
  v: unknown;
}

/** A compiled node. */
export type Eval = (i: RuleInput, f: RuntimeFunctions, s: Scope) => unknown;

/** What building needs besides the node. */
export interface BuildContext {
  /** Static input paths read (`features.x`), collected for the rule's reported values. */
  readonly reads: Set<string>;
  /** The comprehension variable in scope, if any. */
  readonly scopeVar: string | null;
}

/** A binary operator node. */
export type Binary = { readonly args: readonly [ASTNode, ASTNode] };

/** The statically known kind of a node's value, from cel-js's checker. */
export type Kind = 'int' | 'double' | 'string' | 'bool' | 'other';

/** The kind of `node` after type-checking. */
export function kindOf(node: ASTNode): Kind {
  const t = checkedTypeName(node);
  return t === 'int' || t === 'double' || t === 'string' || t === 'bool' ? t : 'other';
}

function listLiteral(node: ASTNode & { op: 'list' }, ctx: BuildContext): Eval {
  if (node.args.every((e) => e.op === 'value')) {
    const constant = Object.freeze(node.args.map((e) => e.args));
    return () => constant;
  }
  const items = node.args.map((e) => build(e, ctx));
  return (i, f, s) => items.map((e) => e(i, f, s));
}

function mapLiteral(node: ASTNode & { op: 'map' }, ctx: BuildContext): Eval {
  const entries = node.args.map(([k, v]) => [build(k, ctx), build(v, ctx)] as const);
  return (i, f, s) => {
    const m: Record<string, unknown> = Object.create(null);
    for (const [k, v] of entries) {
      const key = k(i, f, s);
      if (typeof key !== 'string') throw new CelEvalError(`map keys must be strings, got ${typeName(key)}`);
      if (Object.hasOwn(m, key)) throw new CelEvalError(`repeated key in map literal: ${key}`);
      m[key] = v(i, f, s);
    }
    return m;
  };
}

/** Compiles one node (and its children). */
export function build(node: ASTNode, ctx: BuildContext): Eval {
  switch (node.op) {
    case 'value': {
      const v = node.args;
      return () => v;
    }
    case 'id': {
      if (node.args === ctx.scopeVar) return (_i, _f, s) => s.v;
      const read = ROOT_READERS[node.args as RootVariable];
      return (i) => read(i);
    }
    case '.':
      return select(node, ctx);
    case '[]':
      return index(node, ctx);
    case 'call':
      return buildCall(node, ctx);
    case 'rcall':
      return buildMethod(node, ctx);
    case 'list':
      return listLiteral(node, ctx);
    case 'map':
      return mapLiteral(node, ctx);
    case '?:': {
      const [c, t, e] = node.args.map((n) => build(n, ctx)) as [Eval, Eval, Eval];
      return (i, f, s) => {
        const b = c(i, f, s);
        if (b === true) return t(i, f, s);
        if (b === false) return e(i, f, s);
        throw noOverload('?:', b);
      };
    }
    case '&&':
      return and(build(node.args[0], ctx), build(node.args[1], ctx));
    case '||':
      return or(build(node.args[0], ctx), build(node.args[1], ctx));
    case '!_': {
      const x = build(node.args, ctx);
      return (i, f, s) => {
        const b = x(i, f, s);
        if (typeof b !== 'boolean') throw noOverload('!', b);
        return !b;
      };
    }
    case '-_': {
      const x = build(node.args, ctx);
      if (kindOf(node.args) === 'double') return (i, f, s) => -(x(i, f, s) as number);
      return (i, f, s) => negate(x(i, f, s));
    }
    case '==':
    case '!=':
      return equality(node.op, node as Binary, ctx);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordering(node.op, node as Binary, ctx);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(node.op, node as Binary, ctx);
    case 'in':
      return membership(node as Binary, ctx);
    default:
      // inspect.ts refused every other operator before type-checking
      throw new CelEvalError(`unsupported operator ${node.op}`);
  }
}
