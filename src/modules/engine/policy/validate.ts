/**
 * Validation of an untrusted policy document: first its shape against the TypeBox schema, walked
 * field by field so every problem is reported (TypeBox's error list stops at a small budget), then
 * the rules that span fields: one window per feature, unique names and ids, `score` iff the action
 * is `score`, thresholds only in score mode and from the highest down. Each problem carries the
 * path of the field in the document's own notation (`rules[3].when`, `features[0].window`).
 */
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { type FeatureDefinition, validateFeature } from '../velocity/feature.js';
import {
  defaultIncludeCurrent,
  type FeatureDeclaration,
  featureWindowMs,
  type PolicyDocument,
  PolicyDocumentSchema,
} from './document.js';

/** One thing wrong with a policy, at a path of the document. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** `base.key`, or `key` at the top. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function shapeProblems(schema: TSchema, value: unknown, path: string, out: PolicyProblem[]): void {
  const s = schema as Record<string, unknown>;
  if (s['type'] === 'object' && isRecord(s['properties'])) {
    if (!isRecord(value)) {
      out.push({ path, message: 'must be an object' });
      return;
    }
    const props = s['properties'] as Record<string, TSchema>;
    for (const k of (s['required'] as string[] | undefined) ?? []) {
      if (!Object.hasOwn(value, k)) out.push({ path: joinPath(path, k), message: 'is required' });
    }
    if (s['additionalProperties'] === false) {
      for (const k of Object.keys(value)) {
        if (!Object.hasOwn(props, k))
          out.push({ path: joinPath(path, k), message: 'is not a field of this object' });
      }
    }
    for (const [k, sub] of Object.entries(props)) {
      if (Object.hasOwn(value, k)) shapeProblems(sub, value[k], joinPath(path, k), out);
    }
    return;
  }
  if (s['type'] === 'array' && isRecord(s['items'])) {
    if (!Array.isArray(value)) {
      out.push({ path, message: 'must be a list' });
      return;
    }
    const min = s['minItems'] as number | undefined;
    const max = s['maxItems'] as number | undefined;
    if (min !== undefined && value.length < min)
      out.push({ path, message: `must have at least ${min} item(s)` });
    if (max !== undefined && value.length > max)
      out.push({ path, message: `must have at most ${max} items` });
    value.forEach((v, i) => {
      shapeProblems(s['items'] as TSchema, v, joinPath(path, i), out);
    });
    return;
  }
  const errors = Value.Errors(schema, value);
  const first = errors[0];
  if (first === undefined) return;
  const allowed = Array.isArray(s['enum']) ? `must be one of ${(s['enum'] as unknown[]).join(', ')}` : null;
  out.push({ path, message: allowed ?? first.message });
}

/** Aggregates whose value is undefined on an empty window, the only ones a `default` applies to. */
const MAY_BE_UNDEFINED: ReadonlySet<string> = new Set(['avg', 'min', 'max', 'stddev', 'since_last']);

/** The velocity definition a declaration stands for (window in ms, defaults filled). */
export function featureDefinition(f: FeatureDeclaration, eventType: string): FeatureDefinition {
  return {
    name: f.name,
    key: f.key,
    aggregate: f.aggregate,
    ...(f.field === undefined ? {} : { field: f.field }),
    windowMs: featureWindowMs(f) ?? Number.NaN,
    includeCurrent: f.include_current ?? defaultIncludeCurrent(f.aggregate),
    events: f.events ?? [eventType],
  };
}

const FEATURE_FIELD: Readonly<Record<string, string>> = {
  windowMs: 'window',
  includeCurrent: 'include_current',
};

function featureProblems(doc: PolicyDocument, out: PolicyProblem[]): void {
  (doc.features ?? []).forEach((f, i) => {
    const at = joinPath('features', i);
    const hasWindow = f.window !== undefined;
    const hasMs = f.window_ms !== undefined;
    if (hasWindow === hasMs) {
      out.push({
        path: joinPath(at, 'window'),
        message: 'give exactly one of window (e.g. 1h) or window_ms',
      });
      return;
    }
    for (const p of validateFeature(featureDefinition(f, doc.event_type))) {
      const field = p.field === 'windowMs' && hasMs ? 'window_ms' : (FEATURE_FIELD[p.field] ?? p.field);
      out.push({ path: joinPath(at, field), message: p.message });
    }
    if (f.default !== undefined && !MAY_BE_UNDEFINED.has(f.aggregate)) {
      out.push({
        path: joinPath(at, 'default'),
        message: `${f.aggregate} is defined on an empty window (0), so a default never applies`,
      });
    }
  });
}

function duplicates(
  names: readonly string[],
  path: (i: number) => string,
  what: string,
  out: PolicyProblem[],
): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) out.push({ path: path(i), message: `${what} ${n} is declared more than once` });
    seen.add(n);
  });
}

function crossFieldProblems(doc: PolicyDocument, out: PolicyProblem[]): void {
  featureProblems(doc, out);
  const features = doc.features ?? [];
  duplicates(
    features.map((f) => f.name),
    (i) => `features[${i}].name`,
    'feature',
    out,
  );
  duplicates(
    (doc.models ?? []).map((m) => m.name),
    (i) => `models[${i}].name`,
    'model',
    out,
  );
  duplicates(doc.lists ?? [], (i) => `lists[${i}]`, 'list', out);
  duplicates(
    doc.rules.map((r) => r.id),
    (i) => `rules[${i}].id`,
    'rule',
    out,
  );
  doc.rules.forEach((r, i) => {
    if (r.action === 'score' && r.score === undefined) {
      out.push({ path: `rules[${i}].score`, message: 'is required when the action is score' });
    }
    if (r.action !== 'score' && r.score !== undefined) {
      out.push({
        path: `rules[${i}].score`,
        message: `applies only to score rules (this rule's action is ${r.action})`,
      });
    }
  });
  const { mode, thresholds } = doc.outcome;
  if (mode === 'first_match' && thresholds !== undefined) {
    out.push({ path: 'outcome.thresholds', message: 'apply only in score mode' });
  }
  if (mode === 'score') {
    if (thresholds === undefined || thresholds.length === 0) {
      out.push({ path: 'outcome.thresholds', message: 'score mode needs at least one threshold' });
    }
    (thresholds ?? []).forEach((t, i) => {
      const prev = thresholds?.[i - 1];
      if (prev !== undefined && !(t.min_score < prev.min_score)) {
        out.push({
          path: `outcome.thresholds[${i}].min_score`,
          message: 'thresholds must be listed from the highest min_score down, without repeats',
        });
      }
    });
    if (!doc.rules.some((r) => r.action === 'score')) {
      out.push({ path: 'rules', message: 'score mode needs at least one rule whose action is score' });
    }
  }
}

/**
 * Every problem of an untrusted document (empty when it is a valid {@link PolicyDocument}); the
 * problems that need the installation (lists, schema, models) are compile.ts's.
 */
export function documentProblems(value: unknown): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  shapeProblems(PolicyDocumentSchema, value, '', out);
  if (out.length > 0) return out;
  crossFieldProblems(value as PolicyDocument, out);
  return out;
}
