/**
 * Normalisation, keyed hashing and display masking of Chinese personal identifiers, so that list
 * entries and subjects are matched by HMAC and never stored in clear (`in_list('blacklist_id',
 * subject.id_number)` compares hashes). Normalise first: two spellings of the same number must
 * hash the same, and an invalid number is reported rather than hashed.
 */
import { createHmac } from 'node:crypto';

/** The identifier kinds that are matched by keyed hash. */
export type IdentifierKind = 'id_number' | 'phone' | 'bank_card';

/** Why a value was refused; `field` names the identifier kind. */
export interface IdentifierProblem {
  readonly field: IdentifierKind;
  readonly reason: string;
}

/** Outcome of normalisation: the canonical value, or a problem (expected outcomes are values). */
export type NormaliseResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: IdentifierProblem };

const problem = (field: IdentifierKind, reason: string): NormaliseResult => ({
  ok: false,
  problem: { field, reason },
});
const SEPARATORS = /[\s-]/g;

/**
 * Canonical text before any check: Unicode NFKC (UAX #15) folds full-width digits and letters
 * (`１３８…`, `ｘ`, common in text typed with a Chinese input method or exported from spreadsheets)
 * into ASCII, and spaces and dashes people type between digit groups are dropped. Two spellings of
 * one identifier must hash the same.
 */
function compact(input: string): string {
  return input.normalize('NFKC').replace(SEPARATORS, '');
}

/**
 * Check character of an 18-character resident identity number, per GB 11643-1999 §4 (which
 * applies ISO 7064:1983 MOD 11-2): weight of position i (1-based from the right, the check
 * character being position 1) is W_i = 2^(i-1) mod 11; S = Σ a_i·W_i over the 17 body digits;
 * the check value is (12 − S mod 11) mod 11, written `X` when it is 10.
 * `body` must be exactly 17 ASCII digits.
 */
export function residentIdCheckChar(body: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) {
    // k = 0 is the leftmost digit, i.e. position 18 from the right, weight 2^17 mod 11.
    sum += Number(body[k]) * (2 ** (17 - k) % 11);
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * Normalises a resident identity number (居民身份证号码): folds full-width characters, drops spaces
 * and dashes, upper-cases a trailing `x`, requires 17 digits plus a digit or `X`, and validates the
 * GB 11643-1999 check character. The birth date and region code are not validated here (out of
 * scope for list matching).
 */
export function normaliseResidentId(input: string): NormaliseResult {
  const value = compact(input).toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(value))
    return problem('id_number', 'must be 17 digits followed by a digit or X');
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17])
    return problem('id_number', 'check character mismatch');
  return { ok: true, value };
}

/**
 * Normalises a mainland China mobile number: folds full-width characters, removes spaces and dashes,
 * drops one `+86` or `0086` country prefix, and requires 11 digits starting `1` with a second digit 3–9 (the mobile number
 * blocks allocated under the MIIT numbering plan).
 */
export function normaliseMobilePhone(input: string): NormaliseResult {
  let value = compact(input);
  if (value.startsWith('+86')) value = value.slice(3);
  else if (value.startsWith('0086')) value = value.slice(4);
  if (!/^1[3-9][0-9]{9}$/.test(value)) return problem('phone', 'must be an 11-digit mainland mobile number');
  return { ok: true, value };
}

/** Luhn (mod 10) check over a digit string, per ISO/IEC 7812-1 Annex B. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Normalises a bank card number (PAN): folds full-width characters, removes spaces and dashes, requires 12–19 digits
 * (ISO/IEC 7812-1 PAN length) and a valid Luhn check digit.
 */
export function normaliseBankCard(input: string): NormaliseResult {
  const value = compact(input);
  if (!/^[0-9]{12,19}$/.test(value)) return problem('bank_card', 'must be 12 to 19 digits');
  if (!luhnValid(value)) return problem('bank_card', 'Luhn check digit mismatch');
  return { ok: true, value };
}

/** Normalises a value of the given kind (dispatches to the per-kind normaliser). */
export function normaliseIdentifier(kind: IdentifierKind, input: string): NormaliseResult {
  switch (kind) {
    case 'id_number':
      return normaliseResidentId(input);
    case 'phone':
      return normaliseMobilePhone(input);
    case 'bank_card':
      return normaliseBankCard(input);
  }
}

/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) of `kind + ':' + normalised` under `key`, as lower-case hex.
 * The kind is part of the message so that the same digits as a phone and as a card never collide.
 * An empty key is a configuration bug and throws.
 */
export function keyedHash(kind: IdentifierKind, normalised: string, key: string | Uint8Array): string {
  if (key.length === 0) throw new Error('keyedHash: the HMAC key must not be empty');
  return createHmac('sha256', key).update(`${kind}:${normalised}`, 'utf8').digest('hex');
}

/** Normalises then hashes; returns the hash, or the normalisation problem. */
export function hashIdentifier(
  kind: IdentifierKind,
  input: string,
  key: string | Uint8Array,
): NormaliseResult {
  const normalised = normaliseIdentifier(kind, input);
  return normalised.ok ? { ok: true, value: keyedHash(kind, normalised.value, key) } : normalised;
}

/** Characters kept visible at the start and end of each kind, and the expected length range. */
const MASK_RULES: Record<IdentifierKind, { head: number; tail: number; min: number; max: number }> = {
  id_number: { head: 3, tail: 4, min: 18, max: 18 },
  phone: { head: 3, tail: 4, min: 11, max: 11 },
  bank_card: { head: 0, tail: 4, min: 12, max: 19 },
};

/**
 * Masks a normalised value for display: ID `110***********1234`, phone `138****5678`,
 * card `****1234`. A value of unexpected length is masked completely (`****`) so that a
 * malformed input can never reveal more than a well-formed one.
 */
export function mask(kind: IdentifierKind, value: string): string {
  const rule = MASK_RULES[kind];
  if (value.length < rule.min || value.length > rule.max) return '****';
  const tail = value.slice(value.length - rule.tail);
  if (kind === 'bank_card') return `****${tail}`;
  return `${value.slice(0, rule.head)}${'*'.repeat(value.length - rule.head - rule.tail)}${tail}`;
}
