/**
 * Compiled function calls: conversions, `size`, `has`, the list functions, string methods and the
 * comprehension macros. Comprehensions follow CEL's macro expansion ("Macros" in the language
 * definition): `all` is false as soon as one element is false even if others errored, `exists` is
 * true as soon as one is true; otherwise an error of any element is the result. `exists_one`, `map`
 * and `filter` fail on the first error. They run over at most {@link MAX_COMPREHENSION_ITEMS}
 * elements, so a rule's work stays bounded whatever the event carries.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { type BuildContext, build, type Eval, kindOf } from './build.js';
import { rootHas } from './build-read.js';
import { CelEvalError } from './errors.js';
import { compileSafeRegex } from './safe-regex.js';
import { asString, celSize, isMap, noOverload, toCelString, toDouble, toInt } from './values.js';

/** Most elements a comprehension iterates over; a longer list is an evaluation error. */
export const MAX_COMPREHENSION_ITEMS = 1_000;

function items(name: string, v: unknown): readonly unknown[] {
  let xs: readonly unknown[];
  if (Array.isArray(v)) xs = v;
  else if (isMap(v)) xs = Object.keys(v);
  else throw noOverload(name, v);
  if (xs.length > MAX_COMPREHENSION_ITEMS) {
    throw new CelEvalError(`${name}() over ${xs.length} elements (at most ${MAX_COMPREHENSION_ITEMS})`);
  }
  return xs;
}

function stringArg(node: ASTNode, ctx: BuildContext, op: string): (...a: Parameters<Eval>) => string {
  const e = build(node, ctx);
  if (kindOf(node) === 'string') return e as (...a: Parameters<Eval>) => string;
  return (i, f, s) => asString(op, e(i, f, s));
}

/** A global function call (`size(x)`, `int(x)`, `in_list('name', x)`, `has(a.b)`, …). */
export function buildCall(node: ASTNode & { op: 'call' }, ctx: BuildContext): Eval {
  const [name, args] = node.args;
  const a0 = args[0] as ASTNode;
  switch (name) {
    case 'has': {
      const direct = rootHas(a0, ctx);
      if (direct) return direct;
      const sel = a0 as ASTNode & { op: '.' };
      const o = build(sel.args[0], ctx);
      const key = sel.args[1];
      return (i, f, s) => {
        const m = o(i, f, s);
        if (!isMap(m)) throw noOverload('has', m);
        return Object.hasOwn(m, key);
      };
    }
    case 'in_list':
    case 'ip_in': {
      const list = (a0 as ASTNode & { op: 'value' }).args as string;
      const value = stringArg(args[1] as ASTNode, ctx, name);
      if (name === 'in_list') return (i, f, s) => f.inList(list, value(i, f, s));
      return (i, f, s) => f.ipIn(list, value(i, f, s));
    }
    case 'size': {
      const x = build(a0, ctx);
      return (i, f, s) => celSize(x(i, f, s));
    }
    case 'int': {
      const x = build(a0, ctx);
      return (i, f, s) => toInt(x(i, f, s));
    }
    case 'double': {
      const x = build(a0, ctx);
      return (i, f, s) => toDouble(x(i, f, s));
    }
    case 'string': {
      const x = build(a0, ctx);
      return (i, f, s) => toCelString(x(i, f, s));
    }
    case 'dyn':
      return build(a0, ctx);
    default:
      // inspect.ts refused every other function before type-checking
      throw new CelEvalError(`unknown function ${name}`);
  }
}

function comprehension(node: ASTNode & { op: 'rcall' }, ctx: BuildContext): Eval {
  const [name, receiverNode, args] = node.args;
  const receiver = build(receiverNode, ctx);
  const iterVar = (args[0] as ASTNode & { op: 'id' }).args;
  const inner: BuildContext = { reads: ctx.reads, scopeVar: iterVar };
  const body = args.slice(1).map((a) => build(a, inner));
  const p = body[0] as Eval;
  switch (name) {
    case 'all':
    case 'exists': {
      const decisive = name === 'exists';
      return (i, f, s) => {
        const xs = items(name, receiver(i, f, s));
        let err: unknown = null;
        for (let n = 0; n < xs.length; n++) {
          s.v = xs[n];
          try {
            const b = p(i, f, s);
            if (b === decisive) return decisive;
            if (b !== !decisive) err ??= noOverload(name, b);
          } catch (error) {
            err ??= error;
          }
        }
        if (err !== null) throw err;
        return !decisive;
      };
    }
    case 'exists_one':
      return (i, f, s) => {
        const xs = items(name, receiver(i, f, s));
        let count = 0;
        for (let n = 0; n < xs.length; n++) {
          s.v = xs[n];
          const b = p(i, f, s);
          if (b === true) count++;
          else if (b !== false) throw noOverload(name, b);
        }
        return count === 1;
      };
    case 'filter':
      return (i, f, s) => {
        const xs = items(name, receiver(i, f, s));
        const out: unknown[] = [];
        for (let n = 0; n < xs.length; n++) {
          const x = xs[n];
          s.v = x;
          const b = p(i, f, s);
          if (b === true) out.push(x);
          else if (b !== false) throw noOverload(name, b);
        }
        return out;
      };
    default: {
      // map(x, t) or map(x, p, t)
      const t = body[body.length - 1] as Eval;
      const filtered = body.length === 2;
      return (i, f, s) => {
        const xs = items(name, receiver(i, f, s));
        const out: unknown[] = [];
        for (let n = 0; n < xs.length; n++) {
          s.v = xs[n];
          if (filtered) {
            const b = p(i, f, s);
            if (b === false) continue;
            if (b !== true) throw noOverload(name, b);
          }
          out.push(t(i, f, s));
        }
        return out;
      };
    }
  }
}

/** A receiver-style call (`s.startsWith(x)`, `l.size()`, `l.all(x, p)`, …). */
export function buildMethod(node: ASTNode & { op: 'rcall' }, ctx: BuildContext): Eval {
  const [name, receiverNode, args] = node.args;
  if (name === 'all' || name === 'exists' || name === 'exists_one' || name === 'map' || name === 'filter') {
    return comprehension(node, ctx);
  }
  if (name === 'size') {
    const x = build(receiverNode, ctx);
    return (i, f, s) => celSize(x(i, f, s));
  }
  const str = stringArg(receiverNode, ctx, name);
  if (name === 'matches') {
    const compiled = compileSafeRegex((args[0] as ASTNode & { op: 'value' }).args as string);
    if (!compiled.ok) throw new CelEvalError(compiled.message); // inspect.ts refused it already
    const re = compiled.regex;
    return (i, f, s) => re.test(str(i, f, s));
  }
  const arg = stringArg(args[0] as ASTNode, ctx, name);
  switch (name) {
    case 'startsWith':
      return (i, f, s) => str(i, f, s).startsWith(arg(i, f, s));
    case 'endsWith':
      return (i, f, s) => str(i, f, s).endsWith(arg(i, f, s));
    case 'contains':
      return (i, f, s) => str(i, f, s).includes(arg(i, f, s));
    default:
      throw new CelEvalError(`unknown function ${name}`);
  }
}
