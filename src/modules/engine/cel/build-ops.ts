/**
 * Compiled operators on the checked path: logical operators with CEL's error absorption, equality,
 * ordering, arithmetic and membership, specialised where the checker proved the operand types.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import type { RuleInput, RuntimeFunctions } from '../contracts.js';
import { type ArithOp, arith, divDouble, divInt, modInt } from './arith.js';
import { type Binary, type BuildContext, build, type Eval, type Kind, kindOf, type Scope } from './build.js';
import { TYPE_OF_KIND } from './build-read.js';
import { celCompare, celEquals, celIn, checkInt, noOverload } from './values.js';

/** `l && r`: false if either side is false, even when the other errs (CEL's commutative absorption). */
export function and(l: Eval, r: Eval): Eval {
  return (i, f, s) => {
    let lerr: unknown = null;
    try {
      const a = l(i, f, s);
      if (a === false) return false;
      if (a !== true) lerr = noOverload('&&', a);
    } catch (error) {
      lerr = error;
    }
    const b = r(i, f, s);
    if (b === false) return false;
    if (lerr !== null) throw lerr;
    if (b !== true) throw noOverload('&&', b);
    return true;
  };
}

/** `l || r`: true if either side is true, even when the other errs. */
export function or(l: Eval, r: Eval): Eval {
  return (i, f, s) => {
    let lerr: unknown = null;
    try {
      const a = l(i, f, s);
      if (a === true) return true;
      if (a !== false) lerr = noOverload('||', a);
    } catch (error) {
      lerr = error;
    }
    const b = r(i, f, s);
    if (b === true) return true;
    if (lerr !== null) throw lerr;
    if (b !== false) throw noOverload('||', b);
    return false;
  };
}

/** `==` / `!=`: `===` when both kinds are known and equal, heterogeneous equality otherwise. */
export function equality(op: '==' | '!=', node: Binary, ctx: BuildContext): Eval {
  const [ln, rn] = node.args;
  const l = build(ln, ctx);
  const r = build(rn, ctx);
  const kl = kindOf(ln);
  const same = kl !== 'other' && kl === kindOf(rn);
  const constant = same ? literalOperand(rn, kl) : null;
  if (constant !== null) {
    const c = constant.value;
    return op === '==' ? (i, f, s) => l(i, f, s) === c : (i, f, s) => l(i, f, s) !== c;
  }
  if (op === '==')
    return same ? (i, f, s) => l(i, f, s) === r(i, f, s) : (i, f, s) => celEquals(l(i, f, s), r(i, f, s));
  return same ? (i, f, s) => l(i, f, s) !== r(i, f, s) : (i, f, s) => !celEquals(l(i, f, s), r(i, f, s));
}

/**
 * A literal operand of a comparison, as the value to compare with: an int literal facing a double
 * becomes a number when it is exactly representable (|v| ≤ 2^53), since comparing a number with a
 * bigint gives the same answer but is several times slower in V8.
 */
function literalOperand(node: ASTNode, other: Kind): { readonly value: unknown } | null {
  if (node.op !== 'value') return null;
  const v = node.args;
  if (typeof v === 'bigint' && other === 'double' && v >= -(2n ** 53n) && v <= 2n ** 53n)
    return { value: Number(v) };
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') {
    return { value: v };
  }
  return null;
}

type NumEval = (i: RuleInput, f: RuntimeFunctions, s: Scope) => number;

/** `<`, `<=`, `>`, `>=`: native comparison for proven numbers, strings and bools; CEL's rules otherwise. */
export function ordering(op: '<' | '<=' | '>' | '>=', node: Binary, ctx: BuildContext): Eval {
  const [ln, rn] = node.args;
  const kl = kindOf(ln);
  const kr = kindOf(rn);
  const numeric = (kl === 'int' || kl === 'double') && (kr === 'int' || kr === 'double');
  // Numbers (bigint or number, compared by value in JS), strings (by UTF-16 unit) and bools order natively.
  if (numeric || (kl === kr && (kl === 'string' || kl === 'bool'))) {
    const constant = literalOperand(rn, kl);
    const l = build(ln, ctx) as NumEval;
    if (constant !== null) {
      const c = constant.value as number;
      switch (op) {
        case '<':
          return (i, f, s) => l(i, f, s) < c;
        case '<=':
          return (i, f, s) => l(i, f, s) <= c;
        case '>':
          return (i, f, s) => l(i, f, s) > c;
        default:
          return (i, f, s) => l(i, f, s) >= c;
      }
    }
    const leftConstant = literalOperand(ln, kr);
    const r = build(rn, ctx) as NumEval;
    const a: NumEval = leftConstant === null ? l : () => leftConstant.value as number;
    switch (op) {
      case '<':
        return (i, f, s) => a(i, f, s) < r(i, f, s);
      case '<=':
        return (i, f, s) => a(i, f, s) <= r(i, f, s);
      case '>':
        return (i, f, s) => a(i, f, s) > r(i, f, s);
      default:
        return (i, f, s) => a(i, f, s) >= r(i, f, s);
    }
  }
  const l = build(ln, ctx);
  const r = build(rn, ctx);
  switch (op) {
    case '<':
      return (i, f, s) => celCompare(op, l(i, f, s), r(i, f, s)) < 0;
    case '<=':
      return (i, f, s) => celCompare(op, l(i, f, s), r(i, f, s)) <= 0;
    case '>':
      return (i, f, s) => celCompare(op, l(i, f, s), r(i, f, s)) > 0;
    default:
      return (i, f, s) => celCompare(op, l(i, f, s), r(i, f, s)) >= 0;
  }
}

/** `+ - * / %`: inline for proven doubles or ints, CEL's dispatch otherwise. */
export function arithmetic(op: ArithOp, node: Binary, ctx: BuildContext): Eval {
  const [ln, rn] = node.args;
  const l = build(ln, ctx);
  const r = build(rn, ctx);
  const kl = kindOf(ln);
  if (kl === 'double' && kindOf(rn) === 'double') {
    const a = l as (i: RuleInput, f: RuntimeFunctions, s: Scope) => number;
    const b = r as (i: RuleInput, f: RuntimeFunctions, s: Scope) => number;
    switch (op) {
      case '+':
        return (i, f, s) => a(i, f, s) + b(i, f, s);
      case '-':
        return (i, f, s) => a(i, f, s) - b(i, f, s);
      case '*':
        return (i, f, s) => a(i, f, s) * b(i, f, s);
      case '/':
        return (i, f, s) => divDouble(a(i, f, s), b(i, f, s));
    }
  }
  if (kl === 'int' && kindOf(rn) === 'int') {
    const a = l as (i: RuleInput, f: RuntimeFunctions, s: Scope) => bigint;
    const b = r as (i: RuleInput, f: RuntimeFunctions, s: Scope) => bigint;
    switch (op) {
      case '+':
        return (i, f, s) => checkInt(a(i, f, s) + b(i, f, s));
      case '-':
        return (i, f, s) => checkInt(a(i, f, s) - b(i, f, s));
      case '*':
        return (i, f, s) => checkInt(a(i, f, s) * b(i, f, s));
      case '/':
        return (i, f, s) => divInt(a(i, f, s), b(i, f, s));
      default:
        return (i, f, s) => modInt(a(i, f, s), b(i, f, s));
    }
  }
  return (i, f, s) => arith(op, l(i, f, s), r(i, f, s));
}

/** `x in list` / `key in map`; a literal list of literals becomes a Set built once. */
export function membership(node: Binary, ctx: BuildContext): Eval {
  const [ln, rn] = node.args;
  const l = build(ln, ctx);
  // A literal list of literals of the checked kind of the left side: a Set lookup, built once.
  const kl = kindOf(ln);
  const expected = TYPE_OF_KIND[kl];
  if (
    rn.op === 'list' &&
    expected !== null &&
    rn.args.every((e) => e.op === 'value' && typeof e.args === expected)
  ) {
    const set = new Set<unknown>(rn.args.map((e) => (e as ASTNode & { op: 'value' }).args));
    return (i, f, s) => set.has(l(i, f, s));
  }
  const r = build(rn, ctx);
  return (i, f, s) => celIn(l(i, f, s), r(i, f, s));
}
