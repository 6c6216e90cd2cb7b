/**
 * The type environment of rule expressions, built on cel-js's own checker so a rule is accepted or
 * refused exactly as the reference CEL implementation types it. Each variable of {@link RuleInput}
 * is declared with the tightest type we know:
 * - `event`: a message with string fields `type`, `id`, `occurred_at`;
 * - `subject`: a message whose fields are the event type's subject keys, all strings;
 * - `features`, `models`: messages whose fields are the declared names, all doubles, so a misspelt
 *   feature is a compile error rather than a rule that never fires;
 * - `data`: fields typed from the event type's JSON Schema (`number` and `integer` → `double`,
 *   because JSON numbers arrive as JS numbers and CEL's `int` is a 64-bit integer, not a float;
 *   `string` and string enums → `string`; `boolean` → `bool`; anything else → `dyn`). When the
 *   schema allows additional properties (the built-in types do), fields it does not declare are
 *   `dyn`; when it forbids them, reading one is a compile error.
 */
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import type { CelEnvironment } from '../contracts.js';

/** Limits on the size of an expression (refused at compile time beyond them). */
export const LIMITS = { maxSourceLength: 4_000, maxDepth: 64, maxNodes: 2_000 } as const;

/** Field names that could reach an object's prototype: refused wherever a field is named. */
export const FORBIDDEN_FIELDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The variables an expression may read, in the order of {@link RuleInput}. */
export const ROOT_VARIABLES = ['event', 'subject', 'data', 'features', 'models'] as const;

/** One of {@link ROOT_VARIABLES}. */
export type RootVariable = (typeof ROOT_VARIABLES)[number];

/** The CEL type a JSON Schema property gets in rules; see the module comment. */
export function celTypeOfSchema(schema: unknown): 'double' | 'string' | 'bool' | 'dyn' {
  if (typeof schema !== 'object' || schema === null) return 'dyn';
  const s = schema as Record<string, unknown>;
  const t = s['type'];
  if (t === 'number' || t === 'integer') return 'double';
  if (t === 'string') return 'string';
  if (t === 'boolean') return 'bool';
  const members = (s['anyOf'] ?? s['oneOf']) as unknown;
  if (Array.isArray(members) && members.length > 0) {
    const types = new Set(members.map(celTypeOfSchema));
    return types.size === 1 ? ([...types][0] as 'double' | 'string' | 'bool' | 'dyn') : 'dyn';
  }
  if (Array.isArray(s['enum']) && s['enum'].length > 0 && s['enum'].every((e) => typeof e === 'string')) {
    return 'string';
  }
  return 'dyn';
}

/** The declared properties of a data schema and whether it is closed to others. */
export function dataFields(schema: Readonly<Record<string, unknown>> | undefined): {
  readonly fields: ReadonlyMap<string, 'double' | 'string' | 'bool' | 'dyn'>;
  readonly closed: boolean;
} {
  const fields = new Map<string, 'double' | 'string' | 'bool' | 'dyn'>();
  if (!schema) return { fields, closed: false };
  const props = schema['properties'];
  if (typeof props === 'object' && props !== null) {
    for (const [name, p] of Object.entries(props)) {
      if (!FORBIDDEN_FIELDS.has(name)) fields.set(name, celTypeOfSchema(p));
    }
  }
  return { fields, closed: schema['additionalProperties'] === false };
}

function fieldsOf(names: readonly string[], type: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const n of names) if (!FORBIDDEN_FIELDS.has(n)) out[n] = type;
  return out;
}

/** A placeholder for the list functions: the checker never evaluates, the compiled code binds the real ones. */
function unreachable(): never {
  throw new Error('the type-checking environment does not evaluate');
}

/**
 * A cel-js environment declaring the rule variables for `env`; `extraDataFields` are the fields of
 * `data` the expression reads that the (open) schema does not declare: they are typed `dyn`.
 * `evaluate` replaces the placeholder list functions (tests use it to run cel-js as an oracle).
 */
export function checkerEnvironment(
  env: CelEnvironment,
  extraDataFields: readonly string[],
  evaluate?: { inList(name: string, v: string): boolean; ipIn(name: string, ip: string): boolean },
): Environment {
  const { fields } = dataFields(env.dataSchema);
  const data: Record<string, string> = Object.create(null);
  for (const [k, t] of fields) data[k] = t;
  for (const k of extraDataFields) if (!(k in data) && !FORBIDDEN_FIELDS.has(k)) data[k] = 'dyn';
  return new Environment({ limits: { maxDepth: LIMITS.maxDepth, maxAstNodes: LIMITS.maxNodes } })
    .registerType('Event', { fields: { type: 'string', id: 'string', occurred_at: 'string' } })
    .registerType('Subject', { fields: fieldsOf(env.subjectKeys, 'string') })
    .registerType('Data', { fields: data })
    .registerType('Features', { fields: fieldsOf(env.features, 'double') })
    .registerType('Models', { fields: fieldsOf(env.models, 'double') })
    .registerVariable('event', 'Event')
    .registerVariable('subject', 'Subject')
    .registerVariable('data', 'Data')
    .registerVariable('features', 'Features')
    .registerVariable('models', 'Models')
    .registerFunction('in_list(string, string): bool', evaluate ? evaluate.inList : unreachable)
    .registerFunction('ip_in(string, string): bool', evaluate ? evaluate.ipIn : unreachable);
}

/** An environment that only parses (for the safety walk that runs before types are known). */
export function syntaxEnvironment(): Environment {
  return new Environment({
    unlistedVariablesAreDyn: true,
    limits: { maxDepth: LIMITS.maxDepth, maxAstNodes: LIMITS.maxNodes },
  });
}

/** The type cel-js's checker gave a node (set on each node by `check()`), as its CEL name. */
export function checkedTypeName(node: unknown): string {
  const t = (node as { checkedType?: { name?: string } }).checkedType;
  return t?.name ?? 'dyn';
}

export type { ParseResult };
