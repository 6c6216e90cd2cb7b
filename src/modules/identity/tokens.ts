import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { randomToken } from '../../kernel/ids.js';

/**
 * Opaque credentials handed to browsers and machines: session tokens, login challenges and API keys
 * are 256 random bits (OWASP ASVS 5.0 V7.2.3 asks for at least 128), stored only as their SHA-256.
 * A fast hash is enough for values that random: there is nothing to guess from a leaked hash.
 */

/** SHA-256 of a credential, hex: how credentials are stored and looked up. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new session token or login challenge: 32 random bytes, base64url (43 characters). */
export function newOpaqueToken(): string {
  return randomToken(32);
}

/** The shape of a session token or challenge, checked before any lookup. */
export const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The prefix of every API key, so that secret scanners and people recognise one. */
export const API_KEY_PREFIX = 'fk_';

/** The shape of an API key: `fk_` and 43 base64url characters (256 bits). */
export const API_KEY_PATTERN = /^fk_[A-Za-z0-9_-]{43}$/;

/** A new API key. */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomToken(32)}`;
}

/** What people see of a key to tell it apart: its first 6 random characters. */
export function apiKeyHint(key: string): string {
  return `${key.slice(0, API_KEY_PREFIX.length + 6)}…`;
}

/**
 * The CSRF token of a session: HMAC-SHA256 of a fixed label keyed by the session token. It is
 * recomputed from the cookie on every request (nothing more to store), changes whenever the session
 * token does (login, password change), and cannot be derived by anyone who lacks the cookie.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('fengkong/csrf/v1').digest('base64url');
}

/** Whether `given` is the CSRF token of `sessionToken`, compared in constant time. */
export function csrfMatches(sessionToken: string, given: string | undefined): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 128) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
