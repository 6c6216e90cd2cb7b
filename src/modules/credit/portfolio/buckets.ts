/**
 * Delinquency buckets by days past due, and the two terminal states a loan can leave the book by.
 *
 * The buckets follow the month-based convention of Chinese consumer finance (and of US card
 * collections, where "cycles delinquent" gave the names): M0 or current is not past due, M1 is 1–30
 * days past due, M2 31–60, M3 61–90 and M3+ (also written M4+ or 90+) beyond 90. The 90-day line is
 * the Basel default definition (Basel II, *International Convergence of Capital Measurement and
 * Capital Standards*, June 2006, §452: "the obligor is past due more than 90 days on any material
 * credit obligation"), which is also where the five-category loan classification puts a loan into
 * "substandard" or worse (see `rates.ts`), so M3+ is the non-performing bucket.
 *
 * For roll rates a loan is in exactly one state: written off wins over everything (a written-off loan
 * stays a loss even if it later shows a repayment or a stale dpd), then closed, then the bucket of its
 * days past due.
 */
import type { Text } from '../../../kernel/i18n.js';
import { PortfolioInputError } from './input-error.js';
import type { LoanMonth } from './loan-month.js';

/** A delinquency bucket of a loan still on the book. */
export type DelinquencyBucket = 'current' | 'M1' | 'M2' | 'M3' | 'M3+';

/** The state of a loan at a month end: a bucket, or one of the two ways off the book. */
export type LoanState = DelinquencyBucket | 'written_off' | 'closed';

/** The buckets from best to worst. */
export const BUCKETS: readonly DelinquencyBucket[] = Object.freeze(['current', 'M1', 'M2', 'M3', 'M3+']);

/** Every state in the order of a roll-rate matrix: the buckets, then written off, then closed. */
export const LOAN_STATES: readonly LoanState[] = Object.freeze([...BUCKETS, 'written_off', 'closed']);

/** A state as people read it, with the days-past-due range of a bucket (`maxDpd` null: unbounded). */
export interface LoanStateInfo {
  readonly state: LoanState;
  readonly label: Text;
  readonly minDpd: number | null;
  readonly maxDpd: number | null;
}

/** The label and dpd range of each state, in matrix order. */
export const LOAN_STATE_INFO: Readonly<Record<LoanState, LoanStateInfo>> = Object.freeze({
  current: { state: 'current', label: { en: 'Current', zh: '正常' }, minDpd: 0, maxDpd: 0 },
  M1: {
    state: 'M1',
    label: { en: 'M1 (1–30 days past due)', zh: 'M1（逾期1–30天）' },
    minDpd: 1,
    maxDpd: 30,
  },
  M2: {
    state: 'M2',
    label: { en: 'M2 (31–60 days past due)', zh: 'M2（逾期31–60天）' },
    minDpd: 31,
    maxDpd: 60,
  },
  M3: {
    state: 'M3',
    label: { en: 'M3 (61–90 days past due)', zh: 'M3（逾期61–90天）' },
    minDpd: 61,
    maxDpd: 90,
  },
  'M3+': {
    state: 'M3+',
    label: { en: 'M3+ (over 90 days past due)', zh: 'M3+（逾期90天以上）' },
    minDpd: 91,
    maxDpd: null,
  },
  written_off: { state: 'written_off', label: { en: 'Written off', zh: '核销' }, minDpd: null, maxDpd: null },
  closed: { state: 'closed', label: { en: 'Closed', zh: '结清' }, minDpd: null, maxDpd: null },
});

/** Days past due of the last day of M3: beyond it a loan is M3+, defaulted and non-performing. */
export const NPL_DPD = 90;

/** The bucket of a number of days past due; throws for a negative or fractional count. */
export function bucketOfDpd(dpd: number): DelinquencyBucket {
  if (!Number.isSafeInteger(dpd) || dpd < 0) {
    throw new PortfolioInputError(
      `days past due must be a non-negative integer, not ${dpd}`,
      `逾期天数必须是非负整数，而不是 ${dpd}`,
    );
  }
  if (dpd === 0) return 'current';
  if (dpd <= 30) return 'M1';
  if (dpd <= 60) return 'M2';
  if (dpd <= NPL_DPD) return 'M3';
  return 'M3+';
}

/** The state of a loan in one month: written off, else closed, else its delinquency bucket. */
export function stateOf(row: LoanMonth): LoanState {
  if (row.writtenOff) return 'written_off';
  if (row.closed) return 'closed';
  return bucketOfDpd(row.dpd);
}

/**
 * The position of `stateOf(row)` in `LOAN_STATES`, for matrices held as flat arrays. It does not
 * re-check the days past due: it is for rows of a `LoanBook`, which were checked when it was built.
 */
export function stateIndex(row: LoanMonth): number {
  if (row.writtenOff) return 5;
  if (row.closed) return 6;
  const dpd = row.dpd;
  return dpd === 0 ? 0 : dpd <= 30 ? 1 : dpd <= 60 ? 2 : dpd <= NPL_DPD ? 3 : 4;
}
