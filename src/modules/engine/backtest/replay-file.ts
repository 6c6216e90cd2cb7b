/**
 * Events of an NDJSON file as a backtest replays them: each line an envelope (extra top-level fields
 * such as the simulator's `label` are ignored), validated and normalised exactly as the API does,
 * identifiers hashed. Lines that are not valid events are skipped and reported by line number.
 */
import Ajv from 'ajv';
import type { HashedIdentifierKind, IdentifierHasher } from '../contracts.js';
import { EventEnvelope } from '../events/envelope.js';
import type { EventTypes } from '../events/event-types.js';
import { normaliseEvent } from '../events/normalise.js';
import type { ReplayEvent } from './backtest.js';
import { ndjsonLines } from './ndjson.js';

const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$';

/** A line that was skipped, and why. */
export interface SkippedLine {
  readonly line: number;
  readonly message: string;
}

/**
 * A hasher that remembers recent answers: customers recur in history, and an HMAC per identifier per
 * event would otherwise dominate a backtest's time. Forgets everything past `max` entries.
 */
export function cachingHasher(inner: IdentifierHasher, max = 1_000_000): IdentifierHasher {
  const cache = new Map<string, ReturnType<IdentifierHasher['hash']>>();
  return {
    hash(kind: HashedIdentifierKind, raw: string) {
      const key = `${kind}\u0000${raw}`;
      let v = cache.get(key);
      if (v === undefined) {
        if (cache.size >= max) cache.clear();
        v = inner.hash(kind, raw);
        cache.set(key, v);
      }
      return v;
    },
  };
}

/** Reads a dotted path (`label.fraud`) of own properties. */
export function readPath(value: unknown, path: string): unknown {
  let v = value;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A label value as a boolean: true/false, 1/0, "fraud"/"bad"/"1"/"true" are read; anything else is unlabelled. */
export function asLabel(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (['1', 'true', 'fraud', 'bad', 'yes'].includes(t)) return true;
    if (['0', 'false', 'legitimate', 'good', 'no'].includes(t)) return false;
  }
  return null;
}

/** Options of {@link replayFile}. */
export interface ReplayFileOptions {
  readonly types: EventTypes;
  readonly hasher: IdentifierHasher;
  /** Dotted path of the label in each line, if the backtest is labelled. */
  readonly label?: string | undefined;
  /** Receives each skipped line. */
  readonly onSkip: (skipped: SkippedLine) => void;
}

/** The events of `path`, in file order. */
export function* replayFile(path: string, options: ReplayFileOptions): Generator<ReplayEvent> {
  // The envelope with a plain RFC 3339 pattern instead of ajv-formats' `date-time` (a fifth of the
  // parsing time of a large file); `normaliseEvent` then parses the time and refuses what is not one.
  const occurredAt = { type: 'string', pattern: RFC3339 };
  const ajv = new Ajv.default({ allErrors: false, strict: false });
  const check = ajv.compile({
    ...EventEnvelope,
    properties: { ...EventEnvelope.properties, occurred_at: occurredAt },
  });
  for (const { line, text } of ndjsonLines(path)) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      options.onSkip({ line, message: 'is not JSON' });
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      options.onSkip({ line, message: 'is not a JSON object' });
      continue;
    }
    const r = raw as Record<string, unknown>;
    const envelope = {
      type: r['type'],
      id: r['id'],
      occurred_at: r['occurred_at'],
      subject: r['subject'],
      data: r['data'],
    };
    if (!check(envelope)) {
      const e = check.errors?.[0];
      options.onSkip({ line, message: `${e?.instancePath || '/'} ${e?.message ?? 'is not an event'}` });
      continue;
    }
    const n = normaliseEvent(envelope as EventEnvelope, options.types, options.hasher);
    if (!n.ok) {
      options.onSkip({
        line,
        message: n.problems.map((p) => `${p.path.replace(/^body\./, '')} ${p.message}`).join('; '),
      });
      continue;
    }
    const label = options.label === undefined ? null : asLabel(readPath(raw, options.label));
    yield { event: n.event, label };
  }
}
