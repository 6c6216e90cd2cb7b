/**
 * Defence in depth for audit payloads: whatever a caller passes, values under keys that name a
 * secret are replaced before the payload is hashed and stored. Callers should not pass secrets at
 * all; this catches the day one forgets.
 */
const SECRET_KEY =
  /pass(word|phrase)?|secret|token|api[_-]?key|otp|totp|recovery|private[_-]?key|authorization|cookie|^code$|_code$/i;

/** The marker that replaces a secret value. */
export const REDACTED = '[redacted]';

/** A deep copy of `value` with secret-named fields replaced by `[redacted]`. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== 'boolean'
        ? REDACTED
        : redactSecrets(v, depth + 1);
  }
  return out;
}
