/**
 * The provisioning rate of the risk reserve, held exactly. A rate is written as a decimal string
 * ("0.015") or a percentage ("1.5%") and kept as a fraction of two bigints, so that rate × amount is
 * computed in integer arithmetic and rounded once, half-up to the fen (0.5 fen and above rounds up):
 * a float such as 0.015 × 3,333,300 would carry binary drift into the ledger.
 */
import { PortfolioInputError } from './input-error.js';

/** A rate in [0, 1] as `numerator / denominator`, with the text it was read from. */
export interface ReserveRate {
  readonly text: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Reads "0.015", "1.5%" or "0" (at most 12 decimals); refuses anything else or a rate above 100%. */
export function parseReserveRate(text: string): ReserveRate {
  const match = typeof text === 'string' ? /^(\d{1,3})(?:\.(\d{1,12}))?(%?)$/.exec(text.trim()) : null;
  const refuse = (): never => {
    throw new PortfolioInputError(
      `a reserve rate is a decimal such as "0.015" or a percentage such as "1.5%" between 0 and 1, not ${JSON.stringify(text)}`,
      `准备金比例应写作 "0.015" 这样的小数或 "1.5%" 这样的百分比，取值在 0 到 1 之间，而不是 ${JSON.stringify(text)}`,
    );
  };
  if (!match) return refuse();
  const decimals = match[2] ?? '';
  const percent = match[3] === '%';
  const numerator = BigInt(`${match[1]}${decimals}`);
  const denominator = 10n ** BigInt(decimals.length + (percent ? 2 : 0));
  if (numerator > denominator) return refuse();
  return { text: text.trim(), numerator, denominator };
}

/**
 * rate × amount in fen, rounded half-up to the fen: ⌊(2·amount·num + den) / (2·den)⌋, exact for any
 * safe-integer amount. The amount must be a non-negative safe integer.
 */
export function applyRate(amount: number, rate: ReserveRate): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new PortfolioInputError(
      `an amount must be a non-negative integer number of fen, not ${amount}`,
      `金额必须是以分为单位的非负整数，而不是 ${amount}`,
    );
  }
  const twice = 2n * BigInt(amount) * rate.numerator + rate.denominator;
  return Number(twice / (2n * rate.denominator));
}
