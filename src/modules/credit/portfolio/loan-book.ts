/**
 * A book of `LoanMonth` rows checked once and grouped by loan, in month order, so that every
 * analytic (vintage, roll rates, rates, concentration, reserve figures) reads the same consistent
 * history without re-validating or re-sorting a million rows. `portfolioReport` builds it once; the
 * single analytics accept raw rows and build it themselves.
 */
import { PortfolioInputError } from './input-error.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthIndex } from './month.js';

/** The months of one loan, sorted; `months[i]` is the month index of `rows[i]`. */
export interface LoanHistory {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly originationMonth: YearMonth;
  /** Month index of the origination month. */
  readonly origin: number;
  readonly principal: number;
  readonly rows: readonly LoanMonth[];
  readonly months: readonly number[];
}

/** A checked book: its loans, and the first and last month index any row describes. */
export interface LoanBook {
  readonly loans: readonly LoanHistory[];
  readonly rowCount: number;
  /** Month indexes of the earliest and latest row; both NaN for an empty book. */
  readonly firstMonth: number;
  readonly lastMonth: number;
}

interface Building {
  loanId: string;
  borrowerId: string;
  originationMonth: YearMonth;
  origin: number;
  principal: number;
  rows: LoanMonth[];
  months: number[];
  sorted: boolean;
}

function fail(en: string, zh: string): never {
  throw new PortfolioInputError(en, zh);
}

function checkAmount(row: LoanMonth, field: 'principal' | 'outstanding' | 'overdue' | 'dpd'): void {
  const value = row[field];
  if (!Number.isSafeInteger(value) || value < 0) {
    fail(
      `loan ${row.loanId} in ${row.month}: ${field} must be a non-negative integer, not ${value}`,
      `贷款 ${row.loanId}（${row.month}）：${field} 必须是非负整数，而不是 ${value}`,
    );
  }
}

function checkSameLoan(loan: Building, row: LoanMonth): void {
  for (const field of ['borrowerId', 'originationMonth', 'principal'] as const) {
    if (loan[field] !== row[field]) {
      fail(
        `loan ${row.loanId}: ${field} is ${JSON.stringify(loan[field])} in one month and ${JSON.stringify(row[field])} in ${row.month}`,
        `贷款 ${row.loanId}：${field} 在不同月份不一致（${JSON.stringify(loan[field])} 与 ${row.month} 的 ${JSON.stringify(row[field])}）`,
      );
    }
  }
}

/**
 * Checks and groups the rows of a book. Refuses (with a `PortfolioInputError`) a month that is not
 * `YYYY-MM`, a row dated before its loan's origination, negative or fractional amounts or days past
 * due, two rows of one loan in the same month, and a loan whose borrower, origination month or
 * principal differs between rows: each of these would make some figure silently wrong.
 */
export function indexLoanBook(rows: readonly LoanMonth[]): LoanBook {
  const byLoan = new Map<string, Building>();
  let firstMonth = Number.POSITIVE_INFINITY;
  let lastMonth = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    if (typeof row.loanId !== 'string' || row.loanId === '' || typeof row.borrowerId !== 'string') {
      fail('every row needs a loanId and a borrowerId', '每一行都需要 loanId 和 borrowerId');
    }
    const month = monthIndex(row.month, 'month');
    checkAmount(row, 'principal');
    checkAmount(row, 'outstanding');
    checkAmount(row, 'overdue');
    checkAmount(row, 'dpd');
    let loan = byLoan.get(row.loanId);
    if (loan === undefined) {
      const origin = monthIndex(row.originationMonth, 'originationMonth');
      loan = {
        loanId: row.loanId,
        borrowerId: row.borrowerId,
        originationMonth: row.originationMonth,
        origin,
        principal: row.principal,
        rows: [],
        months: [],
        sorted: true,
      };
      byLoan.set(row.loanId, loan);
    } else {
      checkSameLoan(loan, row);
      const previous = loan.months[loan.months.length - 1] as number;
      if (month <= previous) loan.sorted = false;
    }
    if (month < loan.origin) {
      fail(
        `loan ${row.loanId}: row for ${row.month} is before its origination month ${row.originationMonth}`,
        `贷款 ${row.loanId}：${row.month} 的记录早于放款月份 ${row.originationMonth}`,
      );
    }
    loan.rows.push(row);
    loan.months.push(month);
    if (month < firstMonth) firstMonth = month;
    if (month > lastMonth) lastMonth = month;
  }
  const loans: LoanHistory[] = [];
  for (const loan of byLoan.values()) {
    if (!loan.sorted) sortLoan(loan);
    loans.push(loan);
  }
  return {
    loans,
    rowCount: rows.length,
    firstMonth: loans.length === 0 ? Number.NaN : firstMonth,
    lastMonth: loans.length === 0 ? Number.NaN : lastMonth,
  };
}

function sortLoan(loan: Building): void {
  const order = loan.rows
    .map((_, i) => i)
    .sort((a, b) => (loan.months[a] as number) - (loan.months[b] as number));
  const rows = order.map((i) => loan.rows[i] as LoanMonth);
  const months = order.map((i) => loan.months[i] as number);
  for (let i = 1; i < months.length; i++) {
    if (months[i] === months[i - 1]) {
      fail(
        `loan ${loan.loanId} has two rows for ${rows[i]?.month}`,
        `贷款 ${loan.loanId} 在 ${rows[i]?.month} 有两条记录`,
      );
    }
  }
  loan.rows = rows;
  loan.months = months;
}

/** The row of a loan for a month index, if the book has one (binary search over its sorted months). */
export function rowAt(loan: LoanHistory, month: number): LoanMonth | undefined {
  const months = loan.months;
  let lo = 0;
  let hi = months.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = months[mid] as number;
    if (m === month) return loan.rows[mid];
    if (m < month) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Resolves an as-of month option: the given month, else the book's last month; checks the format. */
export function resolveAsOf(book: LoanBook, asOf: YearMonth | undefined): number {
  if (asOf !== undefined) return monthIndex(asOf, 'asOf');
  if (book.loans.length === 0) {
    fail('an empty book has no last month: give asOf', '贷款簿为空，没有最后月份：请指定 asOf');
  }
  return book.lastMonth;
}
