/**
 * The risk reserve run month by month over a book: the monthly figures a reserve needs (new lending,
 * outstanding, overdue, written off, recovered) taken from the `LoanMonth` rows, and the provisions,
 * drawdowns and coverage they produce under a `ReserveConfig`.
 *
 * Within a month every movement is booked at the month end in one order: recoveries, then write-off
 * drawdowns, then the provision. The provision comes last so that on the outstanding basis the
 * month closes exactly at rate × outstanding (unless the balance was already above it).
 *
 * The book has no written-off amount of its own, so a write-off is measured as the loan's outstanding
 * principal at its last row before the write-off (its principal when the first row we have is already
 * written off); repayments made in the write-off month itself are therefore not netted. Recoveries are
 * not in the rows either: they come from the repayment records, by month.
 */
import { PortfolioInputError } from './input-error.js';
import type { LoanBook } from './loan-book.js';
import type { YearMonth } from './loan-month.js';
import { monthIndex, monthText } from './month.js';
import {
  coverageRatio,
  type Provision,
  provisionFor,
  type ReserveConfig,
  type ReserveEvent,
  type ReserveLedger,
  reserveLedger,
} from './reserve.js';

/** The reserve-relevant figures of one month, in fen. */
export interface ReserveMonth {
  readonly month: YearMonth;
  readonly newLending: number;
  readonly outstanding: number;
  readonly overdue: number;
  readonly writtenOff: number;
  readonly recovered: number;
}

/** Money recovered on written-off loans in a month. */
export interface Recovery {
  readonly month: YearMonth;
  readonly amount: number;
  readonly loanId?: string;
}

/**
 * The monthly reserve figures of a book from its first month to `asOf` (inclusive). Outstanding and
 * overdue leave written-off loans out, as in `rates.ts`; recoveries outside the range are refused.
 */
export function reserveFiguresOfBook(
  book: LoanBook,
  asOfMonth: YearMonth,
  recoveries: readonly Recovery[] = [],
): ReserveMonth[] {
  const asOf = monthIndex(asOfMonth, 'asOf');
  if (book.loans.length === 0) return [];
  let first = book.firstMonth;
  for (const loan of book.loans) if (loan.origin < first) first = loan.origin;
  const length = Math.max(0, asOf - first + 1);
  const lending = new Float64Array(length);
  const outstanding = new Float64Array(length);
  const overdue = new Float64Array(length);
  const writtenOff = new Float64Array(length);
  const recovered = new Float64Array(length);
  const bump = (array: Float64Array, month: number, amount: number) => {
    if (month >= first && month <= asOf) array[month - first] = (array[month - first] as number) + amount;
  };
  for (const loan of book.loans) {
    bump(lending, loan.origin, loan.principal);
    let wasWrittenOff = false;
    for (let i = 0; i < loan.rows.length; i++) {
      const row = loan.rows[i];
      const month = loan.months[i] as number;
      if (row === undefined || month > asOf) break;
      if (row.writtenOff) {
        if (!wasWrittenOff)
          bump(writtenOff, month, i === 0 ? loan.principal : (loan.rows[i - 1]?.outstanding ?? 0));
        wasWrittenOff = true;
        continue;
      }
      bump(outstanding, month, row.outstanding);
      bump(overdue, month, row.overdue);
    }
  }
  for (const r of recoveries) {
    const month = monthIndex(r.month, 'recovery month');
    if (month < first || month > asOf || !Number.isSafeInteger(r.amount) || r.amount < 0) {
      throw new PortfolioInputError(
        `a recovery must be a non-negative integer in fen, in a month from ${monthText(first)} to ${monthText(asOf)}: ${JSON.stringify(r)}`,
        `回收款必须是以分为单位的非负整数，且月份在 ${monthText(first)} 至 ${monthText(asOf)} 之间：${JSON.stringify(r)}`,
      );
    }
    bump(recovered, month, r.amount);
  }
  return Array.from({ length }, (_, i) => ({
    month: monthText(first + i),
    newLending: lending[i] as number,
    outstanding: outstanding[i] as number,
    overdue: overdue[i] as number,
    writtenOff: writtenOff[i] as number,
    recovered: recovered[i] as number,
  }));
}

/** One month of the schedule: its figures, what was booked, and the balance and coverage after. */
export interface ReserveScheduleMonth extends ReserveMonth {
  readonly provision: Provision;
  readonly drawn: number;
  readonly shortfall: number;
  readonly balance: number;
  /** balance / overdue; null when nothing is overdue. */
  readonly coverage: number | null;
}

/** The reserve over a run of months: the month rows and the ledger of every movement. */
export interface ReserveSchedule {
  readonly config: ReserveConfig;
  readonly months: readonly ReserveScheduleMonth[];
  readonly ledger: ReserveLedger;
}

/**
 * Runs the reserve over monthly figures from an opening balance. Each month books its recovery, its
 * write-off and then its provision (computed on the balance after the first two); months with no
 * movement book nothing. The ledger is the fold of exactly these events, so its totals tie out.
 */
export function reserveSchedule(
  config: ReserveConfig,
  figures: readonly ReserveMonth[],
  opening = 0,
): ReserveSchedule {
  const events: ReserveEvent[] = [];
  const months: ReserveScheduleMonth[] = [];
  let balance = reserveLedger([], opening).closing;
  for (const f of figures) {
    const start = events.length;
    if (f.recovered > 0) events.push({ kind: 'recovery', month: f.month, amount: f.recovered });
    if (f.writtenOff > 0) events.push({ kind: 'write_off', month: f.month, amount: f.writtenOff });
    const partial = reserveLedger(events.slice(start), balance);
    const provision = provisionFor(config, {
      newLending: f.newLending,
      outstanding: f.outstanding,
      balance: partial.closing,
    });
    if (provision.amount > 0) events.push({ kind: 'provision', month: f.month, amount: provision.amount });
    balance = partial.closing + provision.amount;
    months.push({
      ...f,
      provision,
      drawn: partial.drawn,
      shortfall: partial.shortfall,
      balance,
      coverage: coverageRatio(balance, f.overdue),
    });
  }
  const ledger = reserveLedger(events, opening);
  if (ledger.closing !== balance) throw new Error('reserve schedule and ledger disagree');
  return { config, months, ledger };
}
