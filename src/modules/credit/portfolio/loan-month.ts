/**
 * The monthly performance snapshot of a loan book: one row per loan per calendar month it was on the
 * book, as at the last day of that month. It is the one input of the portfolio analytics (vintage
 * curves, roll rates, NPL and overdue ratios, concentration), so that a book booked in Fengkong and a
 * book imported from another system are measured the same way.
 *
 * Amounts are integer minor units (fen, 分) held in JavaScript numbers; they stay exact as long as they
 * are safe integers (below 2^53 fen, about 9·10^13 yuan).
 */

/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;

/** One loan as at the end of one month. */
export interface LoanMonth {
  readonly loanId: string;
  readonly borrowerId: string;
  /** Product code, for breakdowns by product. */
  readonly product: string;
  /** The month the loan was disbursed: its vintage (cohort). */
  readonly originationMonth: YearMonth;
  /** The month this row describes (its last day is the observation date). */
  readonly month: YearMonth;
  /** Principal lent, in fen. */
  readonly principal: number;
  /** Principal still owed at the end of the month (0 once repaid or written off), in fen. */
  readonly outstanding: number;
  /** Amount past due at the end of the month (principal + interest + fees due and unpaid), in fen. */
  readonly overdue: number;
  /** Days past due at the end of the month: days since the oldest unpaid due date, 0 when current. */
  readonly dpd: number;
  /** Whether the loan has been written off by the end of the month. */
  readonly writtenOff: boolean;
  /** Whether the loan has been fully repaid (closed) by the end of the month. */
  readonly closed: boolean;
}
