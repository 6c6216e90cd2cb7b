/**
 * Turns TypeBox validation errors into problems people can act on: a field path in the document's own
 * notation (`card.variables[2].bins[0].upper`) and one message per field. TypeBox reports a failed
 * union once per alternative plus once for the union; those are folded into one "must be number or
 * null". Each call reports at most TypeBox's error budget (8), so callers validate a large document
 * level by level, never in one call.
 */
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import type { ErrorField } from '../../../kernel/errors.js';
import { fieldPath } from './input-path.js';

function pointerToPath(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    path = /^(0|[1-9][0-9]*)$/.test(key) ? fieldPath(path, Number(key)) : fieldPath(path, key);
  }
  return path;
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Lists the problems of `value` against `schema`, with paths below `base`. */
export function schemaProblems(schema: TSchema, value: unknown, base: string): ErrorField[] {
  const errors = Value.Errors(schema, value);
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const alternatives = new Map<string, string[]>();
  for (const error of errors) {
    const at = error.instancePath;
    if (!unions.has(at) || error.keyword === 'anyOf') continue;
    const params = error.params as Record<string, unknown>;
    const list = alternatives.get(at) ?? [];
    if (error.keyword === 'type') list.push(String(params['type']));
    else if (error.keyword === 'const') list.push(JSON.stringify(params['allowedValue']));
    alternatives.set(at, list);
  }
  const problems: ErrorField[] = [];
  for (const error of errors) {
    const at = error.instancePath;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'boolean') continue; // repeated by the `additionalProperties` entry
    if (unions.has(at) && error.keyword !== 'anyOf') continue; // folded into the union's message
    if ([...unions].some((u) => at.startsWith(`${u}/`))) continue; // inside a failed alternative
    const path = pointerToPath(base, at);
    if (error.keyword === 'anyOf') {
      const list = alternatives.get(at) ?? [];
      problems.push({ path, message: list.length > 0 ? `must be ${list.join(' or ')}` : error.message });
    } else if (error.keyword === 'additionalProperties') {
      for (const key of names(params['additionalProperties'])) {
        problems.push({ path: fieldPath(path, key), message: 'is not a field of this object' });
      }
    } else if (error.keyword === 'required') {
      for (const key of names(params['requiredProperties'])) {
        problems.push({ path: fieldPath(path, key), message: 'is required' });
      }
    } else {
      problems.push({ path, message: error.message });
    }
  }
  return problems;
}
