/**
 * Canonical JSON after RFC 8785 (JSON Canonicalization Scheme): object keys sorted by UTF-16 code
 * units, no white space, numbers in ECMAScript's shortest round-trip form, strings escaped as
 * `JSON.stringify` does (which RFC 8785 §3.2.2.2 adopts). The audit chain hashes this form, so the
 * same record always hashes the same on every machine and database.
 */

/** A JSON value as the canonicaliser accepts it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

/** Thrown for input that has no JSON form (undefined, functions, NaN, Infinity, bigint, cycles). */
export class NotCanonicalisable extends Error {
  override name = 'NotCanonicalisable';
}

/** Returns the RFC 8785 canonical serialisation of `value`. */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

/** Characters `JSON.stringify` escapes in a string (quote, backslash, controls, any surrogate). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the C0 controls are what JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON: quoted as is when nothing in it needs escaping (most keys and values). */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

// Built by concatenation, which V8 turns into ropes flattened once at the end: faster than pushing
// the parts into an array and joining them (the audit chain and the idempotency hash serialise every
// decision this way).
function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(`number ${value} has no JSON form`);
      // ECMAScript Number::toString is the serialisation RFC 8785 §3.2.2.3 prescribes; -0 becomes 0.
      return Object.is(value, -0) ? '0' : String(value);
    case 'string':
      return quote(value);
    case 'object':
      break;
    default:
      throw new NotCanonicalisable(`a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (seen.has(object)) throw new NotCanonicalisable('cyclic structure');
  seen.add(object);
  let out: string;
  if (Array.isArray(object)) {
    // An index loop, not forEach: forEach skips the holes of a sparse array, which JSON.stringify
    // writes as null like undefined items.
    out = '[';
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out += ',';
      const item: unknown = object[i];
      out += write(item === undefined ? null : item, seen);
    }
    out += ']';
  } else if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new NotCanonicalisable('an invalid Date has no JSON form');
    out = quote(object.toISOString());
  } else {
    const record = object as Record<string, unknown>;
    const keys: string[] = [];
    for (const k of Object.keys(record)) if (record[k] !== undefined) keys.push(k);
    // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 requires.
    keys.sort();
    out = '{';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (i > 0) out += ',';
      out += `${quote(key)}:${write(record[key], seen)}`;
    }
    out += '}';
  }
  seen.delete(object);
  return out;
}
