/**
 * Events of an NDJSON file as a backtest replays them: each line an envelope (extra top-level fields
 * such as the simulator's `label` are ignored), validated and normalised exactly as the API does,
 * identifiers hashed. Lines that are not valid events are skipped and reported by line number.
 */
import Ajv from 'ajv';
import type { HashedIdentifierKind, IdentifierHasher } from '../contracts.js';
import {
  EVENT_ID_PATTERN,
  EVENT_TYPE_PATTERN,
  EventEnvelope,
  SUBJECT_KEY_PATTERN,
} from '../events/envelope.js';
import type { EventTypes } from '../events/event-types.js';
import { normaliseEvent } from '../events/normalise.js';
import type { ReplayEvent } from './backtest.js';
import { ndjsonChunks } from './ndjson.js';

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
  // One map per kind: no key string to build per lookup.
  const caches = new Map<HashedIdentifierKind, Map<string, ReturnType<IdentifierHasher['hash']>>>();
  let size = 0;
  return {
    hash(kind: HashedIdentifierKind, raw: string) {
      let cache = caches.get(kind);
      if (cache === undefined) {
        cache = new Map();
        caches.set(kind, cache);
      }
      let v = cache.get(raw);
      if (v === undefined) {
        if (size >= max) {
          for (const c of caches.values()) c.clear();
          size = 0;
        }
        v = inner.hash(kind, raw);
        cache.set(raw, v);
        size++;
      }
      return v;
    },
  };
}

/** Reads a dotted path (`label.fraud`, or its parts) of own properties. */
export function readPath(value: unknown, path: string | readonly string[]): unknown {
  let v = value;
  for (const part of typeof path === 'string' ? path.split('.') : path) {
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
  const labelPath = options.label?.split('.');
  for (const { first, lines } of ndjsonChunks(path)) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const line = first + i;
      // A line of an object starts with its brace; only others can be blank.
      if (text.charCodeAt(0) !== 123 && text.trim() === '') continue;
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
      // The line itself serves as the envelope when the fast check passes (normalisation reads only
      // the five envelope fields); ajv sees the envelope alone, without the line's other fields.
      if (!plainEnvelope(r)) {
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
      }
      const n = normaliseEvent(r as unknown as EventEnvelope, options.types, options.hasher);
      if (!n.ok) {
        options.onSkip({
          line,
          message: n.problems.map((p) => `${p.path.replace(/^body\./, '')} ${p.message}`).join('; '),
        });
        continue;
      }
      const label = labelPath === undefined ? null : asLabel(readPath(raw, labelPath));
      yield { event: n.event, label };
    }
  }
}

const TYPE_RE = new RegExp(EVENT_TYPE_PATTERN);
const ID_RE = new RegExp(EVENT_ID_PATTERN);
const SUBJECT_KEY_RE = new RegExp(SUBJECT_KEY_PATTERN);
const TIME_RE = new RegExp(RFC3339);

function plainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A fast check that is sufficient, not necessary, for the envelope schema used above: true only
 * when ajv would accept the envelope too (the schema's patterns, the subject's string lengths in
 * UTF-16 units, which bound the code points ajv counts, no subject key outside the pattern, and the
 * property counts). Anything it does
 * not accept goes to ajv, which decides and words the reason. About a fifth of parsing time saved.
 */
export function plainEnvelope(e: Readonly<Record<string, unknown>>): boolean {
  if (typeof e.type !== 'string' || !matches(TYPE_RE, e.type)) return false;
  if (typeof e.id !== 'string' || !ID_RE.test(e.id)) return false;
  if (typeof e.occurred_at !== 'string' || !TIME_RE.test(e.occurred_at)) return false;
  const { subject, data } = e;
  if (!plainObject(subject) || !plainObject(data)) return false;
  let keys = 0;
  for (const key in subject) {
    if (!Object.hasOwn(subject, key)) continue;
    if (++keys > 16) return false;
    if (!matches(SUBJECT_KEY_RE, key)) return false;
    const v = subject[key];
    if (typeof v !== 'string' || v.length === 0 || v.length > 256) return false;
  }
  keys = 0;
  for (const key in data) {
    if (Object.hasOwn(data, key) && ++keys > 200) return false;
  }
  return true;
}

/** Type names and subject keys recur on every line: each distinct one is matched once. */
const verdicts = new Map<RegExp, Map<string, boolean>>();

function matches(re: RegExp, s: string): boolean {
  let seen = verdicts.get(re);
  if (seen === undefined) {
    seen = new Map();
    verdicts.set(re, seen);
  }
  let v = seen.get(s);
  if (v === undefined) {
    v = re.test(s);
    if (seen.size < 4096) seen.set(s, v);
  }
  return v;
}
