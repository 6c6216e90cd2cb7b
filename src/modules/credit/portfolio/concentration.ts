/**
 * Borrower concentration of a book as at one month end: the largest borrowers by outstanding, their
 * share of the book, and the Herfindahl–Hirschman index of borrower exposures.
 *
 * HHI = Σ sᵢ², sᵢ = borrower i's outstanding / total outstanding (Hirschman 1945, Herfindahl 1950),
 * over every borrower with a balance. It runs from 1/n (n equal borrowers) to 1 (one borrower); its
 * inverse is the "effective number" of equal borrowers. The Basel Committee uses it as the measure of
 * name concentration in credit portfolios (BCBS Working Paper 15, *Studies on credit risk
 * concentration*, November 2006). Competition authorities quote it ×10,000 ("points"), given here
 * too. A borrower's exposure is the outstanding of all their loans, written-off loans excluded.
 *
 * Bank limits on large borrowers are set against capital (e.g. 《商业银行法》 art. 39: loans to one
 * borrower at most 10% of capital); with no capital figure here, every share is of the loan book.
 */
import { PortfolioInputError } from './input-error.js';
import { indexLoanBook, type LoanBook, resolveAsOf, rowAt } from './loan-book.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthText } from './month.js';

/** Options of `concentration`. */
export interface ConcentrationOptions {
  readonly asOf?: YearMonth;
  /** How many of the largest borrowers to list (default 10). */
  readonly top?: number;
}

/** One of the largest borrowers. */
export interface TopBorrower {
  readonly rank: number;
  readonly borrowerId: string;
  readonly loans: number;
  readonly outstanding: number;
  /** outstanding / total outstanding. */
  readonly share: number;
}

/** Concentration figures as at one month end. */
export interface Concentration {
  readonly asOf: YearMonth;
  /** Borrowers with a positive outstanding. */
  readonly borrowers: number;
  readonly outstanding: number;
  /** The largest borrowers, largest first (ties by borrower id). */
  readonly top: readonly TopBorrower[];
  readonly topOutstanding: number;
  /** topOutstanding / outstanding; null when nothing is outstanding. */
  readonly topShare: number | null;
  /** Σ share² in [0, 1]; null when nothing is outstanding. */
  readonly hhi: number | null;
  /** hhi × 10,000. */
  readonly hhiPoints: number | null;
  /** 1 / hhi: the number of equal borrowers with the same concentration. */
  readonly effectiveBorrowers: number | null;
}

/** Concentration of raw rows; see `concentrationOfBook`. */
export function concentration(rows: readonly LoanMonth[], options: ConcentrationOptions = {}): Concentration {
  return concentrationOfBook(indexLoanBook(rows), options);
}

/** The top borrowers and HHI of a checked book as at one month end. */
export function concentrationOfBook(book: LoanBook, options: ConcentrationOptions = {}): Concentration {
  const top = options.top ?? 10;
  if (!Number.isSafeInteger(top) || top < 1) {
    throw new PortfolioInputError(
      `top must be a positive integer, not ${top}`,
      `top 必须是正整数，而不是 ${top}`,
    );
  }
  const asOf = resolveAsOf(book, options.asOf);
  const exposures = new Map<string, { outstanding: number; loans: number }>();
  let total = 0;
  for (const loan of book.loans) {
    const row = rowAt(loan, asOf);
    if (row === undefined || row.writtenOff || row.outstanding === 0) continue;
    const exposure = exposures.get(loan.borrowerId);
    if (exposure === undefined) exposures.set(loan.borrowerId, { outstanding: row.outstanding, loans: 1 });
    else {
      exposure.outstanding += row.outstanding;
      exposure.loans += 1;
    }
    total += row.outstanding;
  }
  const ranked = [...exposures.entries()].sort(
    ([a, x], [b, y]) => y.outstanding - x.outstanding || (a < b ? -1 : a > b ? 1 : 0),
  );
  let sumSquares = 0;
  for (const [, e] of ranked) {
    const share = e.outstanding / total;
    sumSquares += share * share;
  }
  const listed = ranked.slice(0, top).map(([borrowerId, e], i) => ({
    rank: i + 1,
    borrowerId,
    loans: e.loans,
    outstanding: e.outstanding,
    share: e.outstanding / total,
  }));
  const topOutstanding = listed.reduce((s, b) => s + b.outstanding, 0);
  const hhi = total === 0 ? null : sumSquares;
  return {
    asOf: monthText(asOf),
    borrowers: ranked.length,
    outstanding: total,
    top: listed,
    topOutstanding,
    topShare: total === 0 ? null : topOutstanding / total,
    hhi,
    hhiPoints: hhi === null ? null : hhi * 10_000,
    effectiveBorrowers: hhi === null ? null : 1 / hhi,
  };
}
