/**
 * What a list is made of: its kinds, purposes and name rule, and how a value typed by a person
 * becomes the value stored and matched. Identity numbers, phones and cards become keyed hashes
 * (the same hash the event normaliser gives `subject.id_number`, so `in_list` compares hashes) with
 * a masked display; IP entries become one canonical text per range; everything else is trimmed text.
 */
import type { HashedIdentifierKind, IdentifierHasher } from '../contracts.js';
import { mask, normaliseIdentifier } from './identifiers.js';
import { formatRange, IpParseError, parseIpRange } from './ip-ranges.js';

/** The kinds of value a list holds. */
export const LIST_KINDS = [
  'id_number',
  'phone',
  'bank_card',
  'ip',
  'device_id',
  'account',
  'user_id',
  'string',
] as const;

/** One of {@link LIST_KINDS}. */
export type ListKind = (typeof LIST_KINDS)[number];

/** What a list is for: refusing (block), waving through (allow) or looking closer (watch). */
export const LIST_PURPOSES = ['block', 'allow', 'watch'] as const;

/** One of {@link LIST_PURPOSES}. */
export type ListPurpose = (typeof LIST_PURPOSES)[number];

/** A list name: what rules write in `in_list('name', …)`, so an identifier-like word. */
export const LIST_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** Longest plain value, in characters. */
export const MAX_PLAIN_LENGTH = 256;

/** A stored keyed hash: 64 lower-case hex digits (HMAC-SHA256). */
export const STORED_HASH = /^[0-9a-f]{64}$/;

/**
 * Whether `text` holds a C0 or C1 control character (U+0000–U+001F, U+007F–U+009F): never part of
 * an identifier, and they break CSV files, terminals and logs.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** Whether `value` names a list kind. */
export function isListKind(value: string): value is ListKind {
  return (LIST_KINDS as readonly string[]).includes(value);
}

/** Whether values of `kind` are stored only as keyed hashes. */
export function isHashedKind(kind: string): kind is HashedIdentifierKind {
  return kind === 'id_number' || kind === 'phone' || kind === 'bank_card';
}

/** A value as stored (`value`) and as shown (`display`), or why it cannot be. */
export type ValueResult =
  | { readonly ok: true; readonly value: string; readonly display: string }
  | { readonly ok: false; readonly message: string };

/**
 * Normalises a value typed by a person for a list of `kind`. The message of a refusal names the
 * problem and never repeats the value (it may be an identity number).
 */
export function normaliseValue(kind: ListKind, raw: string, hasher: IdentifierHasher): ValueResult {
  if (isHashedKind(kind)) {
    const hashed = hasher.hash(kind, raw);
    if (!hashed.ok) return { ok: false, message: hashed.message };
    const clear = normaliseIdentifier(kind, raw);
    return { ok: true, value: hashed.value, display: clear.ok ? mask(kind, clear.value) : '****' };
  }
  if (kind === 'ip') {
    try {
      const text = formatRange(parseIpRange(raw.trim()));
      return { ok: true, value: text, display: text };
    } catch (error) {
      if (error instanceof IpParseError) return { ok: false, message: error.reason };
      throw error;
    }
  }
  const value = raw.trim();
  if (value === '') return { ok: false, message: 'must not be blank' };
  if ([...value].length > MAX_PLAIN_LENGTH)
    return { ok: false, message: `must be at most ${MAX_PLAIN_LENGTH} characters` };
  if (hasControlCharacter(value)) return { ok: false, message: 'must not contain control characters' };
  return { ok: true, value, display: value };
}

/**
 * The stored value a person means when removing or looking up an entry: for hashed kinds, either
 * the clear identifier (hashed here) or the stored hash itself (what the entry listing shows); for
 * other kinds, the normalised value.
 */
export function storedValueOf(kind: ListKind, raw: string, hasher: IdentifierHasher): ValueResult {
  const trimmed = raw.trim();
  if (isHashedKind(kind) && STORED_HASH.test(trimmed)) return { ok: true, value: trimmed, display: '' };
  return normaliseValue(kind, raw, hasher);
}

/**
 * Whether `value` has the stored form of `kind`: what a change request must carry, so that a clear
 * identifier can never travel in a change's content or its audit entry.
 */
export function isStoredForm(kind: ListKind, value: string): boolean {
  if (isHashedKind(kind)) return STORED_HASH.test(value);
  if (kind === 'ip') {
    try {
      return formatRange(parseIpRange(value)) === value;
    } catch {
      return false;
    }
  }
  return (
    value === value.trim() &&
    value !== '' &&
    [...value].length <= MAX_PLAIN_LENGTH &&
    !hasControlCharacter(value)
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An expiry as stored (UTC ISO-8601, or null for never), or why it is refused. */
export type ExpiryResult =
  | { readonly ok: true; readonly value: string | null }
  | { readonly ok: false; readonly message: string };

/**
 * Reads an expiry: blank for none, else an RFC 3339 time with its offset (`2026-12-31T16:00:00Z`,
 * `2027-01-01T00:00:00+08:00`) later than `nowMs`. A bare date is refused: whose midnight it means
 * would be a guess.
 */
export function parseExpiry(text: string | null | undefined, nowMs: number): ExpiryResult {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: true, value: null };
  const ms = Date.parse(trimmed);
  if (!RFC3339.test(trimmed) || !Number.isFinite(ms)) {
    return { ok: false, message: 'must be an RFC 3339 time with an offset, e.g. 2027-01-01T00:00:00+08:00' };
  }
  if (ms <= nowMs) return { ok: false, message: 'must be in the future' };
  return { ok: true, value: new Date(ms).toISOString() };
}
