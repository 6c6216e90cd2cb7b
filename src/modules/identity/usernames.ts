/**
 * Usernames: 3 to 64 characters, a letter first, then letters, digits, `.`, `_` or `-`; stored
 * lowercase so that `Alice` and `alice` are one person.
 */
export const USERNAME_PATTERN = '^[A-Za-z][A-Za-z0-9._-]{2,63}$';

const USERNAME = new RegExp(USERNAME_PATTERN);

/** The stored form of a typed username, or undefined when it cannot be one. */
export function normalizeUsername(typed: string): string | undefined {
  const trimmed = typed.trim();
  return USERNAME.test(trimmed) ? trimmed.toLowerCase() : undefined;
}
