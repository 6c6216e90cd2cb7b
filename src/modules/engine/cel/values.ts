/**
 * The run-time values of compiled CEL and the operations on them, following the CEL language
 * definition (github.com/google/cel-spec, doc/langdef.md):
 * - `int` is a JS `bigint` limited to 64 bits (overflow is an error, "Numeric values"); `double` is a
 *   JS `number`; JSON numbers from events and features are doubles;
 * - `string`, `bool`, `null` are themselves; a `list` is an array; a `map` is a plain object with
 *   string keys, read only through own properties (never the prototype chain);
 * - equality is heterogeneous ("Equality": values of different types are unequal, numbers compare by
 *   value across int and double), ordering is defined within a type and across numeric types.
 */
import { CelEvalError } from './errors.js';

/** Bounds of CEL's signed 64-bit `int`. */
export const INT_MIN = -(2n ** 63n);
export const INT_MAX = 2n ** 63n - 1n;
const TWO_POW_63 = 2 ** 63;

/** A CEL map at run time: JSON objects from events, map literals (null prototype). */
export type CelMap = Record<string, unknown>;

/** Whether `v` is a CEL map (a non-array object). */
export function isMap(v: unknown): v is CelMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The CEL type name of a run-time value, for error messages. */
export function typeName(v: unknown): string {
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
      if (v === null) return 'null_type';
      if (Array.isArray(v)) return 'list';
      if (isMap(v)) return 'map';
      return 'unknown';
  }
}

/** The error CEL reports when no overload of an operator or function accepts the operands. */
export function noOverload(op: string, ...args: unknown[]): CelEvalError {
  return new CelEvalError(`no such overload: ${op}(${args.map(typeName).join(', ')})`);
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `m[key]` if it is an own property of `m`, else undefined: never a member inherited from a
 * prototype, even from a polluted `Object.prototype`. `hasOwnProperty.call` is used rather than
 * `Object.hasOwn` (same answer) because V8 runs it about twice as fast.
 */
export function ownValue(m: Readonly<Record<string, unknown>>, key: string): unknown {
  return hasOwn.call(m, key) ? m[key] : undefined;
}

/** Reads `key` of a map as CEL's select and index do: own properties only; absent is an error. */
export function mapGet(m: CelMap, key: string): unknown {
  const v = ownValue(m, key);
  if (v === undefined) throw new CelEvalError(`no such key: ${key}`);
  return v;
}

/** Checks an int result against the 64-bit range. */
export function checkInt(v: bigint): bigint {
  if (v < INT_MIN || v > INT_MAX) throw new CelEvalError('integer overflow');
  return v;
}

/** Heterogeneous equality of two CEL values. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true; // NaN never gets here: NaN === NaN is false
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    // biome-ignore lint/suspicious/noDoubleEquals: mathematical equality of a bigint and a number
    return a == b;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i], b[i])) return false;
    return true;
  }
  if (isMap(a) && isMap(b) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!Object.hasOwn(b, k) || !celEquals(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Orders two values: negative, zero or positive, NaN when a double is NaN (every ordering is then
 * false). Ints and doubles compare by value; other types only with themselves.
 */
export function celCompare(op: string, a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'number' || ta === 'bigint') && (tb === 'number' || tb === 'bigint')) {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  }
  if (ta === 'string' && tb === 'string') return (a as string) < (b as string) ? -1 : a === b ? 0 : 1;
  if (ta === 'boolean' && tb === 'boolean') return Number(a) - Number(b);
  throw noOverload(op, a, b);
}

/** Number of Unicode code points of a string (CEL's `size` of a string). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/** `size()` of a string, list or map, as an int. */
export function celSize(v: unknown): bigint {
  if (typeof v === 'string') return BigInt(codePoints(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw noOverload('size', v);
}

/** `in`: membership in a list (by equality) or among a map's keys. */
export function celIn(x: unknown, container: unknown): boolean {
  if (Array.isArray(container)) {
    for (let i = 0; i < container.length; i++) if (celEquals(x, container[i])) return true;
    return false;
  }
  if (isMap(container)) return typeof x === 'string' && Object.hasOwn(container, x);
  throw noOverload('in', x, container);
}

const DECIMAL_INT = /^[+-]?\d{1,19}$/;
const DECIMAL_DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_DOUBLES: Readonly<Record<string, number>> = {
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
  nan: Number.NaN,
};

/** `int(x)`: ints unchanged, doubles truncated toward zero (error out of range), decimal strings. */
export function toInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CelEvalError('int() type error: integer overflow');
    // 2^63 is exactly representable as a double; doubles at or above it (or below −2^63) do not fit.
    if (v >= TWO_POW_63 || v < -TWO_POW_63) {
      throw new CelEvalError('int() type error: integer overflow');
    }
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    if (DECIMAL_INT.test(v)) {
      const n = BigInt(v.startsWith('+') ? v.slice(1) : v);
      if (n >= INT_MIN && n <= INT_MAX) return n;
    }
    throw new CelEvalError('int() type error: cannot convert to int');
  }
  throw noOverload('int', v);
}

/** `double(x)`: ints converted, doubles unchanged, decimal strings and inf/nan words parsed. */
export function toDouble(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') {
    if (DECIMAL_DOUBLE.test(v)) return Number(v);
    const special = SPECIAL_DOUBLES[v.toLowerCase()];
    if (special !== undefined && Object.hasOwn(SPECIAL_DOUBLES, v.toLowerCase())) return special;
    throw new CelEvalError('double() type error: cannot convert to double');
  }
  throw noOverload('double', v);
}

/** `string(x)` of a string, int, double or bool. */
export function toCelString(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'number':
      return v === Number.POSITIVE_INFINITY ? '+Inf' : v === Number.NEGATIVE_INFINITY ? '-Inf' : String(v);
    default:
      throw noOverload('string', v);
  }
}

/** Requires a bool (conditions, `!`, logical operands). */
export function asBool(op: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw noOverload(op, v);
  return v;
}

/** Requires a string (function arguments typed `string`, values read from `dyn`). */
export function asString(op: string, v: unknown): string {
  if (typeof v !== 'string') throw noOverload(op, v);
  return v;
}
