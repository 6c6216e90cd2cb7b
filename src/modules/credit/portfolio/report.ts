/**
 * The portfolio report of a loan book as at one month end: the balances and overdue rates, the state
 * breakdown and NPL ratio, borrower concentration, vintage curves, the latest one-month roll-rate
 * matrix and, when a reserve configuration is given, the risk reserve. It is one plain JSON-able
 * object, what `fengkong loans report --json` prints and the API returns; the rows are checked and
 * grouped once and every part reads the same book.
 */
import { LOAN_STATE_INFO, LOAN_STATES, type LoanStateInfo } from './buckets.js';
import { type Concentration, concentrationOfBook } from './concentration.js';
import { indexLoanBook, resolveAsOf } from './loan-book.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthText } from './month.js';
import {
  type OverdueDenominator,
  type OverdueNumerator,
  type PortfolioRates,
  portfolioRatesOfBook,
} from './rates.js';
import type { ReserveConfig } from './reserve.js';
import {
  type Recovery,
  type ReserveSchedule,
  reserveFiguresOfBook,
  reserveSchedule,
} from './reserve-schedule.js';
import { type RollRateMatrix, rollRateOfBook } from './roll-rate.js';
import { type VintageOptions, type VintageResult, vintageOfBook } from './vintage.js';

/** Options of `portfolioReport`; every one has a default. */
export interface PortfolioReportOptions {
  /** The month end reported (default: the last month in the rows). */
  readonly asOf?: YearMonth;
  readonly denominator?: OverdueDenominator;
  readonly numerator?: OverdueNumerator;
  /** How many of the largest borrowers to list (default 10). */
  readonly top?: number;
  readonly vintage?: Omit<VintageOptions, 'asOf'>;
  /** The reserve to run from the book's first month to the as-of month; left out when absent. */
  readonly reserve?: {
    readonly config: ReserveConfig;
    readonly openingBalance?: number;
    readonly recoveries?: readonly Recovery[];
  };
}

/** The report of a book as at one month end. */
export interface PortfolioReport {
  readonly asOf: YearMonth;
  readonly book: {
    readonly rows: number;
    readonly loans: number;
    readonly firstMonth: YearMonth;
    readonly lastMonth: YearMonth;
  };
  /** The states with their labels and dpd ranges, in the order tables use. */
  readonly states: readonly LoanStateInfo[];
  readonly rates: PortfolioRates;
  readonly concentration: Concentration;
  readonly vintage: VintageResult;
  /** Last month → as-of month; null when the as-of month is the book's first. */
  readonly rollRate: RollRateMatrix | null;
  /** The reserve schedule and its coverage at the as-of month; null without a reserve config. */
  readonly reserve: (ReserveSchedule & { readonly coverage: number | null }) | null;
}

/**
 * Builds the report of `rows` as at `options.asOf`. An empty book needs an explicit `asOf` and gives
 * zero balances, null ratios and empty lists; invalid rows or options throw `PortfolioInputError`.
 */
export function portfolioReport(
  rows: readonly LoanMonth[],
  options: PortfolioReportOptions = {},
): PortfolioReport {
  const book = indexLoanBook(rows);
  const asOf = resolveAsOf(book, options.asOf);
  const asOfText = monthText(asOf);
  const rates = portfolioRatesOfBook(book, {
    asOf: asOfText,
    ...(options.denominator === undefined ? {} : { denominator: options.denominator }),
    ...(options.numerator === undefined ? {} : { numerator: options.numerator }),
  });
  const concentration = concentrationOfBook(book, {
    asOf: asOfText,
    ...(options.top === undefined ? {} : { top: options.top }),
  });
  const vintage = vintageOfBook(book, { ...options.vintage, asOf: asOfText });
  const hasPrevious = book.loans.length > 0 && asOf > book.firstMonth;
  const rollRate = hasPrevious ? rollRateOfBook(book, monthText(asOf - 1), asOfText) : null;
  let reserve: PortfolioReport['reserve'] = null;
  if (options.reserve !== undefined) {
    const figures = reserveFiguresOfBook(book, asOfText, options.reserve.recoveries);
    const schedule = reserveSchedule(options.reserve.config, figures, options.reserve.openingBalance ?? 0);
    const last = schedule.months[schedule.months.length - 1];
    reserve = { ...schedule, coverage: last?.coverage ?? null };
  }
  return {
    asOf: asOfText,
    book: {
      rows: book.rowCount,
      loans: book.loans.length,
      firstMonth: book.loans.length === 0 ? asOfText : monthText(book.firstMonth),
      lastMonth: book.loans.length === 0 ? asOfText : monthText(book.lastMonth),
    },
    states: LOAN_STATES.map((s) => LOAN_STATE_INFO[s]),
    rates,
    concentration,
    vintage,
    rollRate,
    reserve,
  };
}
