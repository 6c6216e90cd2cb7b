/**
 * Money and rates as exact values. Amounts are integer fen (分, 0.01 yuan) held in JavaScript numbers,
 * exact while they are safe integers; in the API and in CSV files they are decimal strings with two
 * decimals ("12345.67"). Rates are decimal strings read into exact fractions of bigints, so that
 * interest is computed without binary floating point and rounded to the fen once, half up.
 */

/** Most integer digits of a yuan amount: 10^13 yuan is 10^15 fen, below 2^53. */
const MAX_YUAN_DIGITS = 13;
const MONEY = new RegExp(`^(-)?(0|[1-9]\\d{0,${MAX_YUAN_DIGITS - 1}})(?:\\.(\\d{1,2}))?$`);
const RATE = /^(0|[1-9]\d{0,3})(?:\.(\d{1,10}))?$/;

/** A parsed value, or what is wrong with the text (for a field-level message). */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** A non-negative rate as an exact fraction `num / den`, with the text it was read from. */
export interface Rate {
  readonly text: string;
  readonly num: bigint;
  readonly den: bigint;
}

/** The zero rate. */
export const ZERO_RATE: Rate = Object.freeze({ text: '0', num: 0n, den: 1n });

/**
 * Reads a yuan amount ("12345.67", "12345.6", "12345") into fen. Refused: a third decimal, an
 * exponent, a sign other than a leading minus, spaces, more than 13 integer digits, and a negative
 * amount unless `negative` is allowed.
 */
export function parseMoney(text: string, options: { readonly negative?: boolean } = {}): Parsed<number> {
  const match = MONEY.exec(text);
  if (!match) {
    return {
      ok: false,
      message: 'must be a yuan amount with at most two decimals, like 12345.67',
    };
  }
  const [, minus, whole, decimals = ''] = match;
  if (minus && !options.negative) return { ok: false, message: 'must not be negative' };
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return { ok: true, value: minus && fen !== 0 ? -fen : fen };
}

/** Fen as a yuan decimal string with exactly two decimals: 1234567 → "12345.67". */
export function formatMoney(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`${fen} is not a whole number of fen`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Reads a non-negative decimal rate ("0.12", "0.0005", "0"), at most 10 decimals and at most `max`
 * (a fraction of 1, so 0.12 is 12 %). No exponent, sign or percent sign.
 */
export function parseRate(text: string, max = 10): Parsed<Rate> {
  const match = RATE.exec(text);
  if (!match)
    return { ok: false, message: 'must be a decimal fraction like 0.12 (12 %), at most 10 decimals' };
  const [, whole = '0', decimals = ''] = match;
  const den = 10n ** BigInt(decimals.length);
  const num = BigInt(whole) * den + BigInt(decimals === '' ? '0' : decimals);
  const rate = reduce(num, den, text);
  if (rate.num * 10n ** 10n > BigInt(Math.round(max * 1e10)) * rate.den)
    return { ok: false, message: `must be at most ${max}` };
  return { ok: true, value: rate };
}

/** A rate from trusted text (tests, defaults, stored values); throws on malformed text. */
export function rate(text: string): Rate {
  const parsed = parseRate(text);
  if (!parsed.ok) throw new RangeError(`rate ${JSON.stringify(text)} ${parsed.message}`);
  return parsed.value;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduce(num: bigint, den: bigint, text: string): Rate {
  const g = gcd(num, den) || 1n;
  return Object.freeze({ text, num: num / g, den: den / g });
}

/**
 * `num / den` rounded half up (四舍五入, away from zero at .5) to an integer; `den` must be positive.
 * Every instalment part and every accrual is rounded this way, once, to the fen.
 */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('the denominator must be positive');
  if (num < 0n) return -roundHalfUp(-num, den);
  return (2n * num + den) / (2n * den);
}

/** `fen × rate × factorNum / factorDen`, rounded half up to the fen. */
export function applyRate(fen: number, r: Rate, factorNum = 1n, factorDen = 1n): number {
  return toFen(roundHalfUp(BigInt(fen) * r.num * factorNum, r.den * factorDen));
}

/** A bigint amount of fen back to a number; throws when it is beyond the safe range (a bug). */
export function toFen(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} fen is beyond the safe range`);
  return n;
}

/** Sum of fen amounts. */
export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
