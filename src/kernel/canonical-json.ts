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
  const out: string[] = [];
  write(value, out, new Set());
  return out.join('');
}

function write(value: unknown, out: string[], seen: Set<object>): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalisable(`number ${value} has no JSON form`);
      // ECMAScript Number::toString is the serialisation RFC 8785 §3.2.2.3 prescribes; -0 becomes 0.
      out.push(Object.is(value, -0) ? '0' : String(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new NotCanonicalisable(`a ${typeof value} has no JSON form`);
  }
  const object = value as object;
  if (seen.has(object)) throw new NotCanonicalisable('cyclic structure');
  seen.add(object);
  if (Array.isArray(object)) {
    // An index loop, not forEach: forEach skips the holes of a sparse array, which JSON.stringify
    // writes as null like undefined items.
    out.push('[');
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = object[i];
      write(item === undefined ? null : item, out, seen);
    }
    out.push(']');
  } else if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new NotCanonicalisable('an invalid Date has no JSON form');
    out.push(JSON.stringify(object.toISOString()));
  } else {
    // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 requires.
    const keys = Object.keys(object)
      .filter((k) => (object as Record<string, unknown>)[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write((object as Record<string, unknown>)[key], out, seen);
    });
    out.push('}');
  }
  seen.delete(object);
}
