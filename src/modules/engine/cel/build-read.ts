/**
 * Compiled reads of the rule variables on the checked path: `features.x`, `data["amount"]`,
 * `has(subject.ip)`, and select/index on any map or list, each with an own-property test.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { RuleInput } from '../contracts.js';
import { type BuildContext, build, type Eval, type Kind, kindOf } from './build.js';
import type { RootVariable } from './checker.js';
import { CelEvalError } from './errors.js';
import { isMap, mapGet, noOverload, ownValue, typeName } from './values.js';

/** Each rule variable's object in the input. */
export const ROOT_READERS: Readonly<
  Record<RootVariable, (i: RuleInput) => Readonly<Record<string, unknown>>>
> = {
  event: (i) => i.event,
  subject: (i) => i.subject,
  data: (i) => i.data,
  features: (i) => i.features,
  models: (i) => i.models,
};

function isRoot(node: ASTNode, ctx: BuildContext): node is ASTNode & { op: 'id'; args: RootVariable } {
  return node.op === 'id' && node.args !== ctx.scopeVar && Object.hasOwn(ROOT_READERS, node.args);
}

/** The `typeof` of values of each statically known kind (null: not checked). */
export const TYPE_OF_KIND: Readonly<Record<Kind, string | null>> = {
  int: 'bigint',
  double: 'number',
  string: 'string',
  bool: 'boolean',
  other: null,
};

/**
 * Reads `root.key`: an own property, else a `no such key` error; unless `kind` is `other`, a value of
 * another type is an error too. The test and the read sit in one closure, so the most frequent
 * operation of a rule costs one call on this checked path (the hot path is emitted, see emit.ts).
 */
function rootReader(root: RootVariable, key: string, kind: Kind): Eval {
  const expected = TYPE_OF_KIND[kind];
  const fail = (v: unknown): never => {
    if (v === undefined) throw new CelEvalError(`no such key: ${root}.${key}`);
    throw new CelEvalError(`${root}.${key} is ${typeName(v)}, declared ${kind}`);
  };
  switch (root) {
    case 'features':
      return (i) => {
        const m = i.features;
        const v = ownValue(m, key);
        if (v === undefined || (expected !== null && typeof v !== expected)) fail(v);
        return v;
      };
    case 'data':
      return (i) => {
        const m = i.data;
        const v = ownValue(m, key);
        if (v === undefined || (expected !== null && typeof v !== expected)) fail(v);
        return v;
      };
    case 'subject':
      return (i) => {
        const m = i.subject;
        const v = ownValue(m, key);
        if (v === undefined || (expected !== null && typeof v !== expected)) fail(v);
        return v;
      };
    case 'models':
      return (i) => {
        const m = i.models;
        const v = ownValue(m, key);
        if (v === undefined || (expected !== null && typeof v !== expected)) fail(v);
        return v;
      };
    default:
      return (i) => {
        const m = i.event as Readonly<Record<string, unknown>>;
        const v = ownValue(m, key);
        if (v === undefined || (expected !== null && typeof v !== expected)) fail(v);
        return v;
      };
  }
}

/** `root.key` read with an own-property check and a guard that the value has its declared type. */
export function rootField(root: RootVariable, key: string, kind: Kind, ctx: BuildContext): Eval {
  ctx.reads.add(`${root}.${key}`);
  return rootReader(root, key, kind);
}

/** `has(root.key)` as a direct own-property test. */
export function rootHas(node: ASTNode, ctx: BuildContext): Eval | null {
  if (node.op !== '.' || !isRoot(node.args[0], ctx)) return null;
  const root = node.args[0].args as RootVariable;
  const key = node.args[1];
  ctx.reads.add(`${root}.${key}`);
  const read = ROOT_READERS[root];
  return (i) => Object.hasOwn(read(i), key);
}

/** `x.key` on a value known only at run time. */
export function select(node: ASTNode & { op: '.' }, ctx: BuildContext): Eval {
  const [obj, key] = node.args;
  if (isRoot(obj, ctx)) return rootField(obj.args as RootVariable, key, kindOf(node), ctx);
  const o = build(obj, ctx);
  return (i, f, s) => {
    const m = o(i, f, s);
    if (!isMap(m)) throw noOverload(`.${key}`, m);
    return mapGet(m, key);
  };
}

/** `x[k]` on a list or a map. */
export function index(node: ASTNode & { op: '[]' }, ctx: BuildContext): Eval {
  const [obj, idx] = node.args;
  if (isRoot(obj, ctx) && idx.op === 'value' && typeof idx.args === 'string') {
    return rootField(obj.args as RootVariable, idx.args, kindOf(node), ctx);
  }
  const o = build(obj, ctx);
  const k = build(idx, ctx);
  return (i, f, s) => {
    const c = o(i, f, s);
    const key = k(i, f, s);
    if (Array.isArray(c)) {
      if (typeof key !== 'bigint') throw noOverload('[]', c, key);
      if (key < 0n || key >= BigInt(c.length)) throw new CelEvalError(`index out of range: ${key}`);
      return c[Number(key)];
    }
    if (isMap(c)) {
      if (typeof key !== 'string') throw new CelEvalError(`no such key: ${String(key)}`);
      return mapGet(c, key);
    }
    throw noOverload('[]', c, key);
  };
}
