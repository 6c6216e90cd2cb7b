/**
 * Roll-rate matrices: how the loans in each state at one month end were spread over the states at a
 * later month end, by number of loans and by balance. Row "M1", column "M2" of a one-month matrix is
 * the classic M1→M2 roll rate; the diagonal is the stay rate and the columns left of it the cure rates
 * (Siddiqi, *Credit Risk Scorecards*, Wiley 2006, ch. 4 "roll rate analysis"; the 迁徙率 of Chinese
 * bank and consumer-finance reporting).
 *
 * Conventions: a loan counts only when the book has a row for it in both months (loans reported in only
 * one of them are totalled apart, not guessed); the amount that rolls is the loan's outstanding
 * principal at the start month, so a balance "moves" with its loan; every row holds all seven states,
 * and a row with nothing in it has all shares 0 rather than NaN. The average over a range pools the
 * month-to-month pairs, which equals each month's roll rate weighted by the size of its row.
 */
import { LOAN_STATES, type LoanState, stateIndex } from './buckets.js';
import { PortfolioInputError } from './input-error.js';
import { indexLoanBook, type LoanBook, rowAt } from './loan-book.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthIndex, monthText } from './month.js';

/** A square table over `LOAN_STATES`: `table[from][to]`. */
export type StateTable = Readonly<Record<LoanState, Readonly<Record<LoanState, number>>>>;

/** Loans (and their outstanding) reported in only one of the two months of a pair. */
export interface Unmatched {
  readonly loans: number;
  readonly outstanding: number;
}

/** A roll-rate matrix from month `from` to month `to` (or pooled over a range of consecutive pairs). */
export interface RollRateMatrix {
  readonly from: YearMonth;
  readonly to: YearMonth;
  /** Number of month pairs pooled: 1 for a single matrix. */
  readonly pairs: number;
  readonly states: readonly LoanState[];
  /** Loans counted in the matrix (reported in both months of a pair; summed over pairs). */
  readonly loans: number;
  readonly counts: StateTable;
  /** Outstanding principal at the start month, in fen. */
  readonly amounts: StateTable;
  /** counts normalised by row: each row sums to 1, or is all 0 when the row is empty. */
  readonly countShares: StateTable;
  readonly amountShares: StateTable;
  /** Loans reported in the start month but not the end month, and the reverse. */
  readonly onlyFrom: Unmatched;
  readonly onlyTo: Unmatched;
}

const N = LOAN_STATES.length;

interface Acc {
  counts: Float64Array;
  amounts: Float64Array;
  loans: number;
  onlyFrom: { loans: number; outstanding: number };
  onlyTo: { loans: number; outstanding: number };
}

function newAcc(): Acc {
  return {
    counts: new Float64Array(N * N),
    amounts: new Float64Array(N * N),
    loans: 0,
    onlyFrom: { loans: 0, outstanding: 0 },
    onlyTo: { loans: 0, outstanding: 0 },
  };
}

function add(acc: Acc, a: LoanMonth | undefined, b: LoanMonth | undefined): void {
  if (a !== undefined && b !== undefined) {
    const cell = stateIndex(a) * N + stateIndex(b);
    acc.counts[cell] = (acc.counts[cell] as number) + 1;
    acc.amounts[cell] = (acc.amounts[cell] as number) + a.outstanding;
    acc.loans += 1;
  } else if (a !== undefined) {
    acc.onlyFrom.loans += 1;
    acc.onlyFrom.outstanding += a.outstanding;
  } else if (b !== undefined) {
    acc.onlyTo.loans += 1;
    acc.onlyTo.outstanding += b.outstanding;
  }
}

function table(flat: Float64Array, normalise: boolean): StateTable {
  const out = {} as Record<LoanState, Record<LoanState, number>>;
  LOAN_STATES.forEach((from, i) => {
    let total = 0;
    for (let j = 0; j < N; j++) total += flat[i * N + j] as number;
    const row = {} as Record<LoanState, number>;
    LOAN_STATES.forEach((to, j) => {
      const value = flat[i * N + j] as number;
      row[to] = normalise ? (total === 0 ? 0 : value / total) : value;
    });
    out[from] = row;
  });
  return out;
}

function finish(acc: Acc, from: number, to: number, pairs: number): RollRateMatrix {
  return {
    from: monthText(from),
    to: monthText(to),
    pairs,
    states: LOAN_STATES,
    loans: acc.loans,
    counts: table(acc.counts, false),
    amounts: table(acc.amounts, false),
    countShares: table(acc.counts, true),
    amountShares: table(acc.amounts, true),
    onlyFrom: acc.onlyFrom,
    onlyTo: acc.onlyTo,
  };
}

function checkOrder(from: number, to: number, fromText: YearMonth, toText: YearMonth): void {
  if (to <= from) {
    throw new PortfolioInputError(
      `a roll rate needs its end month after its start month (${fromText} → ${toText})`,
      `迁徙率的结束月份必须晚于开始月份（${fromText} → ${toText}）`,
    );
  }
}

/** The roll-rate matrix of raw rows from month `from` to month `to`; see `rollRateOfBook`. */
export function rollRate(rows: readonly LoanMonth[], from: YearMonth, to: YearMonth): RollRateMatrix {
  return rollRateOfBook(indexLoanBook(rows), from, to);
}

/** The roll-rate matrix of a checked book from month `from` to a later month `to`. */
export function rollRateOfBook(book: LoanBook, from: YearMonth, to: YearMonth): RollRateMatrix {
  const a = monthIndex(from, 'from');
  const b = monthIndex(to, 'to');
  checkOrder(a, b, from, to);
  const acc = newAcc();
  for (const loan of book.loans) add(acc, rowAt(loan, a), rowAt(loan, b));
  return finish(acc, a, b, 1);
}

/** The average one-month roll-rate matrix of raw rows over `from`→`to`; see `averageRollRateOfBook`. */
export function averageRollRate(rows: readonly LoanMonth[], from: YearMonth, to: YearMonth): RollRateMatrix {
  return averageRollRateOfBook(indexLoanBook(rows), from, to);
}

/**
 * The one-month roll rates of every consecutive pair of months from `from` to `to` (from→from+1, …,
 * to−1→to), pooled: counts and amounts are summed over the pairs and then normalised, which is the
 * average of the monthly rates weighted by each month's row total. A loan with a gap in its history
 * counts only for the pairs it was reported in on both sides.
 */
export function averageRollRateOfBook(book: LoanBook, from: YearMonth, to: YearMonth): RollRateMatrix {
  const a = monthIndex(from, 'from');
  const b = monthIndex(to, 'to');
  checkOrder(a, b, from, to);
  const acc = newAcc();
  for (const loan of book.loans) {
    const { rows, months } = loan;
    for (let i = 0; i < rows.length; i++) {
      const m = months[i] as number;
      if (m > b) break;
      const next = months[i + 1];
      const hasNext = next === m + 1;
      // The pair (m, m+1) is in range when a ≤ m and m+1 ≤ b.
      if (m >= a && m < b) add(acc, rows[i], hasNext ? rows[i + 1] : undefined);
      // A loan first reported in a pair's end month (no row the month before).
      if (m > a && (i === 0 || months[i - 1] !== m - 1)) add(acc, undefined, rows[i]);
    }
  }
  return finish(acc, a, b, b - a);
}
