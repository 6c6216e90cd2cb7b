/**
 * The event types an installation knows: the built-in ones of internet finance and the custom types
 * risk officers declare with a JSON Schema for `data`. Each type's validator is compiled once (ajv),
 * so validating an event on the hot path is one generated function call.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Bilingual } from '../contracts.js';
import { BUILTIN_EVENT_TYPES } from './builtin.js';

/** One event type: its data schema, its compiled validator and whether it is built in. */
export interface EventTypeInfo {
  readonly name: string;
  readonly title: Bilingual;
  readonly builtin: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly validate: ValidateFunction;
  readonly version: number;
}

/** Largest custom schema accepted, in bytes of JSON. */
export const MAX_SCHEMA_BYTES = 64 * 1024;

function newAjv(): Ajv.default {
  return addFormats.default(
    new Ajv.default({ allErrors: true, strict: false, strictNumbers: true, coerceTypes: false }),
  );
}

/**
 * Problems of a custom data schema: it must be a JSON Schema of an object (so that rules can read
 * `data.<field>`), compile, and stay small. Remote references are refused (nothing is downloaded).
 */
export function customSchemaProblems(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    return ['must be a JSON object'];
  const problems: string[] = [];
  const text = JSON.stringify(schema);
  if (text.length > MAX_SCHEMA_BYTES) problems.push(`must be at most ${MAX_SCHEMA_BYTES} bytes of JSON`);
  if ((schema as Record<string, unknown>)['type'] !== 'object') problems.push('must have "type": "object"');
  if (/"\$ref"\s*:\s*"(?!#)/.test(text)) problems.push('may only use local $ref (#/…)');
  if (problems.length === 0) {
    try {
      newAjv().compile(schema);
    } catch (error) {
      problems.push(`is not a valid JSON Schema: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The registry of event types one process knows; custom types are (re)loaded from the database. */
export class EventTypes {
  readonly #ajv = newAjv();
  readonly #types = new Map<string, EventTypeInfo>();

  constructor() {
    for (const [name, def] of Object.entries(BUILTIN_EVENT_TYPES)) {
      const schema = def.data as unknown as Record<string, unknown>;
      this.#types.set(name, {
        name,
        title: def.title,
        builtin: true,
        schema,
        validate: this.#ajv.compile(schema),
        version: 0,
      });
    }
  }

  /** The type called `name`, if known. */
  get(name: string): EventTypeInfo | undefined {
    return this.#types.get(name);
  }

  /** Every type, built-in first, then custom by name. */
  list(): EventTypeInfo[] {
    return [...this.#types.values()].sort(
      (a, b) => Number(b.builtin) - Number(a.builtin) || a.name.localeCompare(b.name),
    );
  }

  /** Adds or replaces a custom type (the schema was checked with {@link customSchemaProblems}). */
  putCustom(name: string, title: Bilingual, schema: Record<string, unknown>, version: number): void {
    const existing = this.#types.get(name);
    if (existing?.builtin) throw new Error(`${name} is a built-in event type`);
    if (existing && existing.version === version) return;
    this.#types.set(name, {
      name,
      title,
      builtin: false,
      schema,
      validate: newAjv().compile(schema),
      version,
    });
  }
}
