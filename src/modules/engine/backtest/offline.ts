/**
 * What the offline tools (`fengkong backtest`, `fengkong decide`) need without a database: the
 * policy file compiled exactly as the server compiles it, lists from a JSON file, and an identifier
 * hasher keyed from `FENGKONG_SECRET_KEY` (the same hashes as the installation) or, without it, a
 * random key for this run only (hashes then only match within the run, which is all a replay needs).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { CompiledPolicy, HashedIdentifierKind, IdentifierHasher, ListLookup } from '../contracts.js';
import type { EventTypes } from '../events/event-types.js';
import { createIdentifierHasher } from '../events/hasher.js';
import { IpRangeSet, identifierHashKey, isHashedKind, LIST_KINDS } from '../lists/index.js';
import { compileStored, offlineEnvironment } from '../policies/compile-context.js';
import { parsePolicySource } from '../policy/index.js';

/** A problem with an input file, as one line the CLI prints. */
export class OfflineInputError extends Error {
  override name = 'OfflineInputError';
}

/** The hasher of an offline run. */
export function offlineHasher(secret: string | undefined): IdentifierHasher {
  return createIdentifierHasher(secret ? identifierHashKey(secret) : randomBytes(32));
}

/**
 * Lists from a JSON file `{ "<name>": { "kind": "id_number", "values": ["…"] } }`; identity numbers,
 * phones and cards are hashed with `hasher`, IP lists may hold addresses and CIDR ranges.
 */
export function listsFromFile(
  path: string | undefined,
  hasher: IdentifierHasher,
): { lookup: ListLookup; names: string[] } {
  const values = new Map<string, Set<string>>();
  const ranges = new Map<string, IpRangeSet>();
  if (path !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new OfflineInputError(`${path}: ${(error as Error).message}`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new OfflineInputError(`${path}: must be a JSON object of lists by name`);
    }
    for (const [name, list] of Object.entries(doc)) {
      const { kind, values: items } = (list ?? {}) as { kind?: unknown; values?: unknown };
      if (typeof kind !== 'string' || !(LIST_KINDS as readonly string[]).includes(kind)) {
        throw new OfflineInputError(`${path}: ${name}.kind must be one of ${LIST_KINDS.join(', ')}`);
      }
      if (!Array.isArray(items) || !items.every((v) => typeof v === 'string')) {
        throw new OfflineInputError(`${path}: ${name}.values must be an array of strings`);
      }
      if (kind === 'ip') {
        try {
          ranges.set(name, IpRangeSet.from(items as string[]));
        } catch (error) {
          throw new OfflineInputError(`${path}: ${name}: ${(error as Error).message}`);
        }
        continue;
      }
      const set = new Set<string>();
      for (const [i, v] of (items as string[]).entries()) {
        if (!isHashedKind(kind)) {
          set.add(v.trim());
          continue;
        }
        const h = hasher.hash(kind as HashedIdentifierKind, v);
        if (!h.ok) throw new OfflineInputError(`${path}: ${name}.values[${i}] ${h.message}`);
        set.add(h.value);
      }
      values.set(name, set);
    }
  }
  return {
    names: [...values.keys(), ...ranges.keys()],
    lookup: {
      inList: (name, value) => values.get(name)?.has(value) ?? false,
      ipIn: (name, ip, atMs) => ranges.get(name)?.has(ip, atMs) ?? false,
    },
  };
}

/** Reads and compiles a policy file (YAML or JSON by extension, else detected). */
export function compileFile(path: string, types: EventTypes, knownLists: readonly string[]): CompiledPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new OfflineInputError(
      `${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const ext = extname(path).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : undefined;
  const parsed = parsePolicySource(text, format);
  const compiled = parsed.ok
    ? compileStored(parsed.document, 0, types, offlineEnvironment(knownLists))
    : parsed;
  if (!compiled.ok) {
    const first = compiled.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`);
    const more = compiled.problems.length > 3 ? ` (and ${compiled.problems.length - 3} more)` : '';
    throw new OfflineInputError(`${path}: ${first.join('; ')}${more}`);
  }
  return compiled.policy;
}
