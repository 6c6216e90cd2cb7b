/**
 * CEL's arithmetic operators on run-time values ("Arithmetic" in the CEL language definition):
 * `int` arithmetic is checked for 64-bit overflow and errors on division or modulo by zero; `double`
 * arithmetic is IEEE 754 except that division by zero is an error here (see {@link divDouble});
 * `+` also concatenates strings and lists. Mixed int/double operands have no overload.
 */
import { CelEvalError } from './errors.js';
import { checkInt, INT_MIN, noOverload } from './values.js';

/** The arithmetic operators. */
export type ArithOp = '+' | '-' | '*' | '/' | '%';

/**
 * Division of doubles. CEL follows IEEE 754 (x / 0.0 is ±Infinity or NaN); a risk rule dividing by an
 * empty window's count (`features.sum / features.count`) would then fire on Infinity, so this engine
 * deliberately makes a zero divisor an evaluation error, as for ints: the rule is reported, not fired.
 */
export function divDouble(a: number, b: number): number {
  if (b === 0) throw new CelEvalError('division by zero');
  return a / b;
}

/** Division of ints, truncating toward zero. */
export function divInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new CelEvalError('division by zero');
  if (a === INT_MIN && b === -1n) throw new CelEvalError('integer overflow');
  return a / b;
}

/** Remainder of ints, with the sign of the dividend. */
export function modInt(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new CelEvalError('modulus by zero');
  return a % b;
}

/** Any arithmetic operator on values whose types are known only at run time (`dyn`). */
export function arith(op: ArithOp, a: unknown, b: unknown): unknown {
  const ta = typeof a;
  if (ta === 'bigint' && typeof b === 'bigint') {
    const x = a as bigint;
    switch (op) {
      case '+':
        return checkInt(x + b);
      case '-':
        return checkInt(x - b);
      case '*':
        return checkInt(x * b);
      case '/':
        return divInt(x, b);
      default:
        return modInt(x, b);
    }
  }
  if (ta === 'number' && typeof b === 'number') {
    const x = a as number;
    switch (op) {
      case '+':
        return x + b;
      case '-':
        return x - b;
      case '*':
        return x * b;
      case '/':
        return divDouble(x, b);
      default:
        throw noOverload(op, a, b);
    }
  }
  if (op === '+') {
    if (ta === 'string' && typeof b === 'string') return (a as string) + b;
    if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  }
  throw noOverload(op, a, b);
}

/** Unary minus. */
export function negate(v: unknown): unknown {
  if (typeof v === 'bigint') return checkInt(-v);
  if (typeof v === 'number') return -v;
  throw noOverload('-', v);
}
