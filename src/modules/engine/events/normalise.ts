/**
 * Turns a received envelope into an {@link EngineEvent}: the data checked against its type's schema,
 * the time parsed, and identity numbers, phones and cards replaced by their keyed hashes, so nothing
 * downstream (features, lists, storage, logs) ever holds them in clear.
 */
import type { ErrorField } from '../../../kernel/errors.js';
import type { EngineEvent, IdentifierHasher } from '../contracts.js';
import { HASHED_SUBJECT_KEYS } from './builtin.js';
import type { EventEnvelope } from './envelope.js';
import type { EventTypes } from './event-types.js';

/** A time already in the stored form (UTC, milliseconds): kept as is instead of formatted again. */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Midnight (UTC, ms) of each recent `YYYY-MM-DD`, as Date.parse gives it (NaN for a day it refuses). */
const midnights = new Map<string, number>();

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * `Date.parse` of a time already in the canonical form (`2026-01-05T08:30:00.000Z`), exactly, in a
 * fraction of its time: the day's midnight comes from Date.parse once per day and is kept, the rest
 * is arithmetic. Times of day Date.parse might treat specially (hour 24, minute or second 60 and
 * beyond) go to Date.parse itself. A backtest reads millions of such times.
 */
export function parseCanonicalTime(s: string): number {
  const hour = digit(s, 11) * 10 + digit(s, 12);
  const minute = digit(s, 14) * 10 + digit(s, 15);
  const second = digit(s, 17) * 10 + digit(s, 18);
  if (hour > 23 || minute > 59 || second > 59) return Date.parse(s);
  const day = s.slice(0, 10);
  let midnight = midnights.get(day);
  if (midnight === undefined) {
    midnight = Date.parse(`${day}T00:00:00.000Z`);
    if (midnights.size >= 100_000) midnights.clear();
    midnights.set(day, midnight);
  }
  const ms = digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22);
  return midnight + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

const HASHED_KEYS = Object.keys(HASHED_SUBJECT_KEYS) as (keyof typeof HASHED_SUBJECT_KEYS)[];

/** The normalised event, or every problem found, each with its path (`body.data.amount`). */
export type NormaliseResult =
  | { readonly ok: true; readonly event: EngineEvent }
  | { readonly ok: false; readonly unknownType: boolean; readonly problems: readonly ErrorField[] };

/** Validates and normalises one envelope (already checked against {@link EventEnvelope}). */
export function normaliseEvent(
  envelope: EventEnvelope,
  types: EventTypes,
  hasher: IdentifierHasher,
): NormaliseResult {
  const type = types.get(envelope.type);
  if (!type) {
    return {
      ok: false,
      unknownType: true,
      problems: [{ path: 'body.type', message: `${envelope.type} is not a declared event type` }],
    };
  }
  const problems: ErrorField[] = [];
  const canonical = CANONICAL_TIME.test(envelope.occurred_at);
  const occurredMs = canonical ? parseCanonicalTime(envelope.occurred_at) : Date.parse(envelope.occurred_at);
  if (!Number.isFinite(occurredMs))
    problems.push({ path: 'body.occurred_at', message: 'must be an RFC 3339 time' });
  if (!type.validate(envelope.data)) {
    for (const e of type.validate.errors ?? []) {
      const where = `body.data${e.instancePath.replaceAll('/', '.')}`;
      const extra =
        e.keyword === 'required' ? `.${(e.params as { missingProperty: string }).missingProperty}` : '';
      problems.push({ path: `${where}${extra}`, message: e.message ?? 'is invalid' });
    }
  }
  // A copy (spread is V8's fast clone) with the identifiers to hash replaced; an own `__proto__`
  // key (JSON.parse makes one) is dropped rather than carried on.
  const subject: Record<string, string> = { ...envelope.subject };
  if (Object.hasOwn(subject, '__proto__')) Reflect.deleteProperty(subject, '__proto__');
  for (const key of HASHED_KEYS) {
    if (!Object.hasOwn(subject, key)) continue;
    const hashed = hasher.hash(HASHED_SUBJECT_KEYS[key], subject[key] as string);
    if (hashed.ok) subject[key] = hashed.value;
    // The message names the problem, never the value.
    else problems.push({ path: `body.subject.${key}`, message: hashed.message });
  }
  if (problems.length > 0) return { ok: false, unknownType: false, problems };
  return {
    ok: true,
    event: {
      type: envelope.type,
      id: envelope.id,
      occurred_at: canonical ? envelope.occurred_at : new Date(occurredMs).toISOString(),
      occurredMs,
      subject,
      data: envelope.data as Record<string, unknown>,
    },
  };
}

/** A stored event row as an {@link EngineEvent} (it was normalised before it was stored). */
export function eventFromRow(row: {
  readonly id: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly subject: string;
  readonly data: string;
}): EngineEvent {
  return {
    type: row.type,
    id: row.id,
    occurred_at: row.occurred_at,
    occurredMs: Date.parse(row.occurred_at),
    subject: JSON.parse(row.subject) as Record<string, string>,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}
