import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { randomToken } from '../../kernel/ids.js';
import { PasswordCommon, PasswordIsUsername, PasswordTooLong, PasswordTooShort } from './errors.js';

/**
 * Passwords (NIST SP 800-63B §3.1.1.2, OWASP ASVS 5.0 V6.2): 12 to 128 characters of any Unicode,
 * no composition rules, refused when on a list of common or breached passwords or equal to the
 * username. Stored as argon2id with the OWASP Password Storage Cheat Sheet's minimum (m = 19 MiB,
 * t = 2, p = 1).
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** argon2id parameters: memory in KiB, iterations, lanes. */
export const ARGON2_PARAMS = Object.freeze({
  // `Algorithm` is an ambient const enum that the native module does not export at run time; 2 is
  // its Argon2id member (the PHC string's `$argon2id$` prefix is checked by the tests).
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
});

/** Where a policy failure is reported, e.g. `body.new_password`. */
const FIELD = 'password';

let commonPasswords: Set<string> | undefined;

/**
 * The ~49,000 most common passwords of `@zxcvbn-ts/language-common` (compiled from breach corpora),
 * lowercased; built on first use.
 */
function commonList(): Set<string> {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords;
}

/**
 * Unicode normalisation before length checks and hashing (SP 800-63B §3.1.1.2: NFKC or NFKD), so the
 * same password typed on two keyboards hashes the same.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** Checks `password` against the policy; throws the matching `FK_ERR_PASSWORD_*`. */
export function checkPasswordPolicy(password: string, username: string, field = FIELD): void {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  const at = [{ path: field, message: 'does not meet the password policy' }];
  if (length < PASSWORD_MIN)
    throw PasswordTooShort(`${field} has ${length} characters; 12 is the minimum`, at);
  if (length > PASSWORD_MAX)
    throw PasswordTooLong(`${field} has ${length} characters; 128 is the maximum`, at);
  const lower = normalized.toLowerCase();
  if (lower === username.normalize('NFKC').toLowerCase()) throw PasswordIsUsername(undefined, at);
  if (commonList().has(lower)) throw PasswordCommon(undefined, at);
}

/** The argon2id PHC string of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2_PARAMS);
}

/** Whether `password` matches `stored`; false (never a throw) for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, normalizePassword(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * The hash `dummyVerify` checks against, made once per process. Login awaits it before looking the
 * user up, so that making it never lands on the first unknown username alone.
 */
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken(32));
  return dummyHash;
}

/**
 * Spends the same time as `verifyPassword` against a hash no password matches: an unknown username
 * then costs what a known one does, so response times do not tell which usernames exist.
 */
export async function dummyVerify(password: string): Promise<false> {
  await verifyPassword(await prepareDummyHash(), password);
  return false;
}

/**
 * A random password for a person to change at first use: 20 characters of base64url (120 bits),
 * never on the common list.
 */
export function generatePassword(): string {
  return randomToken(15);
}
