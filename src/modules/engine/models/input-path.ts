/**
 * How a model reads its inputs from a {@link RuleInput}: a path such as `features.tx_count_1h`,
 * `data.applicant.age`, `subject.device_id` or `models.fraud_lr`, compiled once at publish time into
 * an accessor closure so scoring never parses. Only own properties are read: a path can never reach
 * `Object.prototype` (a `data.__proto__` or `data.toString` path reads nothing), because the event
 * data comes from the caller and a model must not be steered by inherited members.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import type { RuleInput } from '../contracts.js';

/** Reads one input; `undefined` when the path leads nowhere. */
export type InputAccessor = (input: RuleInput) => unknown;

/** The roots a model may read; `data` alone allows nested paths. */
export const INPUT_ROOTS = ['features', 'data', 'subject', 'models'] as const;

/** What to do with a missing or non-numeric numeric input: substitute 0, fail, or substitute the number. */
export type MissingPolicy = 'zero' | 'error' | number;

/** Field names that lead to the prototype chain rather than to data; refused in any path. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

/** A segment: a field name as events and features spell them (also array indexes inside `data`). */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/** Longest data path: deep enough for any event schema, short enough to bound the work per read. */
const MAX_DEPTH = 8;

/** One of {@link INPUT_ROOTS}. */
export type InputRoot = (typeof INPUT_ROOTS)[number];

/** The result of {@link compileInputPath}: the accessor, and the root and field names it reads. */
export type InputPathResult =
  | {
      readonly ok: true;
      readonly path: string;
      readonly root: InputRoot;
      readonly keys: readonly string[];
      readonly read: InputAccessor;
    }
  | { readonly ok: false; readonly message: string };

const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE: object = Object.prototype;

/**
 * `container[key]` if it is an own property, else undefined. The own-property check is skipped when
 * it cannot change the answer, which keeps a read at the cost of a plain property load: the value is
 * undefined anyway, or the container is a plain object and Object.prototype has no such member (so
 * the value cannot be inherited). Any other case (arrays, null-prototype or exotic objects, a polluted
 * Object.prototype) falls back to `hasOwnProperty`. Generated readers (`generated-read.ts`) inline
 * exactly this test.
 */
export function ownField(container: unknown, key: string): unknown {
  if (typeof container !== 'object' || container === null) return undefined;
  const value = (container as Record<string, unknown>)[key];
  if (
    value !== undefined &&
    (Object.getPrototypeOf(container) !== OBJECT_PROTOTYPE ||
      (OBJECT_PROTOTYPE as Record<string, unknown>)[key] !== undefined) &&
    !hasOwn.call(container, key)
  ) {
    return undefined;
  }
  return value;
}

/**
 * Checks a path and compiles it into an accessor. Refused: other roots, empty or malformed segments,
 * more than one segment after `features`, `subject` or `models`, and prototype names.
 */
export function compileInputPath(path: unknown): InputPathResult {
  if (typeof path !== 'string' || path.length === 0)
    return { ok: false, message: 'must be a non-empty path' };
  const [root, ...rest] = path.split('.');
  if (!(INPUT_ROOTS as readonly string[]).includes(root ?? '')) {
    return { ok: false, message: `must start with ${INPUT_ROOTS.map((r) => `${r}.`).join(', ')}` };
  }
  if (rest.length === 0) return { ok: false, message: `must name a field after ${root}.` };
  for (const segment of rest) {
    if (PROTOTYPE_NAMES.has(segment)) {
      return { ok: false, message: `must not use ${segment}: only the input's own fields are read` };
    }
    if (!SEGMENT.test(segment)) {
      return {
        ok: false,
        message: `has an invalid field name "${segment.slice(0, 70)}" (letters, digits, "_" and "-", at most 64)`,
      };
    }
  }
  if (root !== 'data' && rest.length !== 1) {
    return { ok: false, message: `${root} is a flat map: write ${root}.<name> with a single name` };
  }
  if (rest.length > MAX_DEPTH) return { ok: false, message: `must not be deeper than ${MAX_DEPTH} fields` };
  const inputRoot = root as InputRoot;
  return { ok: true, path, root: inputRoot, keys: rest, read: accessor(inputRoot, rest) };
}

function accessor(root: InputRoot, keys: readonly string[]): InputAccessor {
  // Specialised closures for the usual shapes: one or two property reads.
  const [first, second] = keys as [string, string | undefined];
  switch (root) {
    case 'features':
      return (input) => ownField(input.features, first);
    case 'subject':
      return (input) => ownField(input.subject, first);
    case 'models':
      return (input) => ownField(input.models, first);
    case 'data':
      if (keys.length === 1) return (input) => ownField(input.data, first);
      if (keys.length === 2) return (input) => ownField(ownField(input.data, first), second as string);
      return (input) => {
        let value: unknown = input.data;
        for (const key of keys) {
          value = ownField(value, key);
          if (value === undefined) return undefined;
        }
        return value;
      };
  }
}

/** How an input value is described in an error message (never the value itself: it may be personal). */
export function describeKind(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' || typeof value === 'undefined'
    ? `an ${typeof value}`
    : `a ${typeof value}`;
}

/** Checks a `missing` policy value; the message names what is allowed. */
export function checkMissingPolicy(value: unknown): string | null {
  if (value === 'zero' || value === 'error') return null;
  if (typeof value === 'number' && Number.isFinite(value)) return null;
  return "must be 'zero', 'error' or a finite number";
}

/**
 * The missing policy as a function of the value read: a finite number is used as it is; anything else
 * (absent, null, a string, a boolean, NaN) is replaced by 0 or the declared number, or fails the score
 * with a message naming the path, which the engine reports as a model error.
 */
export function numericValue(path: string, policy: MissingPolicy): (value: unknown) => number {
  if (policy === 'error') {
    return (value) => {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw new Error(
        value === undefined
          ? `input ${path} is missing (declare missing: 'zero' or a number to score without it)`
          : `input ${path} is ${describeKind(value)}, not a finite number`,
      );
    };
  }
  const substitute = policy === 'zero' ? 0 : policy;
  return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : substitute);
}

/** A numeric input: the accessor followed by the missing policy ({@link numericValue}). */
export function numericInput(
  path: string,
  read: InputAccessor,
  policy: MissingPolicy,
): (input: RuleInput) => number {
  const convert = numericValue(path, policy);
  return (input) => convert(read(input));
}

/** A field path for problems: `a.b` for plain keys, `a["data.x"]` for keys that are not identifiers. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
  if (!plain) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Problems for the fields of `decl` that are not in `known` (typos would otherwise be silently ignored). */
export function unknownFields(
  decl: Readonly<Record<string, unknown>>,
  known: readonly string[],
  base: string,
): ErrorField[] {
  return Object.keys(decl)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: fieldPath(base, key),
      message: `is not a field of this model kind (${known.join(', ')})`,
    }));
}
