/**
 * Reads a policy text, YAML or JSON, into a validated {@link PolicyDocument}. YAML is read with the
 * YAML 1.2 core schema (so `no` stays a string, not false), duplicate keys refused, and a cap on
 * aliases and on the text size so a small file cannot expand into a huge document ("billion laughs").
 * Only JSON values come out: custom tags or non-finite numbers are problems, like any field that
 * does not fit the schema; every problem is reported with its path, never only the first.
 */
import { parseDocument } from 'yaml';
import type { PolicyDocument } from './document.js';
import { documentProblems, joinPath, type PolicyProblem } from './validate.js';

/** Largest policy text accepted (characters). */
export const MAX_POLICY_SOURCE = 512 * 1024;
/** Most YAML alias expansions accepted. */
export const MAX_YAML_ALIASES = 50;

/** A parsed document, or every problem with its path. */
export type PolicyParseResult =
  | { readonly ok: true; readonly document: PolicyDocument }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

function jsonOnly(value: unknown, path: string, out: PolicyProblem[], depth = 0): void {
  if (depth > 32) {
    out.push({ path, message: 'is nested too deeply' });
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push({ path, message: 'must be a finite number' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      jsonOnly(v, joinPath(path, i), out, depth + 1);
    });
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) jsonOnly(v, joinPath(path, k), out, depth + 1);
    return;
  }
  out.push({ path, message: 'must be a plain JSON value (string, number, boolean, null, list or mapping)' });
}

function readJson(text: string): { value: unknown } | { problems: PolicyProblem[] } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `${lineColumn(text, Number(at[1]))}: ` : '';
    return { problems: [{ path: 'source', message: `${where}invalid JSON (${message})` }] };
  }
}

function readYaml(text: string): { value: unknown } | { problems: PolicyProblem[] } {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false, merge: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        path: 'source',
        message: `${lineColumn(text, e.pos[0])}: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown };
  } catch (error) {
    return {
      problems: [{ path: 'source', message: (error as Error).message.split('\n')[0] ?? 'invalid YAML' }],
    };
  }
}

/**
 * Parses and validates a policy text. `format` is detected when absent: a text whose first
 * non-blank character is `{` is JSON, anything else YAML.
 */
export function parsePolicySource(text: string, format?: 'yaml' | 'json'): PolicyParseResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, problems: [{ path: 'source', message: 'the policy text is empty' }] };
  }
  if (text.length > MAX_POLICY_SOURCE) {
    return {
      ok: false,
      problems: [
        { path: 'source', message: `the policy text is longer than ${MAX_POLICY_SOURCE} characters` },
      ],
    };
  }
  const json = format === 'json' || (format === undefined && text.trimStart().startsWith('{'));
  const read = json ? readJson(text) : readYaml(text);
  if ('problems' in read) return { ok: false, problems: read.problems };
  const problems: PolicyProblem[] = [];
  jsonOnly(read.value, '', problems);
  if (problems.length > 0) return { ok: false, problems };
  return validatePolicyDocument(read.value);
}

/** Validates a document already read (from storage, an API body): its shape and cross-field rules. */
export function validatePolicyDocument(value: unknown): PolicyParseResult {
  const problems = documentProblems(value);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, document: value as PolicyDocument };
}
