/**
 * Month-end snapshots of the whole book for the portfolio analytics: each loan's outstanding
 * principal, amount past due, days past due and closed / written-off flags as at the last day of
 * every month from its disbursement to `to`, reconstructed by replaying its stored schedule and
 * events (a repayment on the last day of a month counts in that month). A loan's rows stop after the
 * month it closed or was written off; the analytics carry its last state forward.
 */
import type { Executor } from '../../../store/transaction.js';
import type { LoanMonth, YearMonth } from '../portfolio/index.js';
import { eventsOf, ledgerTermsOf } from './booking.js';
import { chinaDate, isLocalDate, monthEnd, monthOf } from './dates.js';
import { monthEnds } from './position.js';
import * as repo from './repo.js';

/** Which months to report. */
export interface LoanMonthsOptions {
  /** First month reported (default: each loan's disbursement month). */
  readonly from?: YearMonth;
  /** Last month reported (default: the month of `now` in China Standard Time). */
  readonly to?: YearMonth;
  /** Milliseconds since the epoch that `to` defaults from (default: the wall clock). */
  readonly now?: number;
}

const LOANS_PER_BATCH = 500;

function checkMonth(month: string | undefined, name: string): void {
  if (month !== undefined && !isLocalDate(`${month}-01`))
    throw new RangeError(`${name} must be a month YYYY-MM, not ${JSON.stringify(month)}`);
}

/**
 * Every loan disbursed by the end of `to`, as `LoanMonth` rows, loan by loan in id order, months
 * ascending. Throws a RangeError for a malformed month.
 */
export async function loanMonths(db: Executor, options: LoanMonthsOptions = {}): Promise<LoanMonth[]> {
  checkMonth(options.from, 'from');
  checkMonth(options.to, 'to');
  const to = options.to ?? monthOf(chinaDate(options.now ?? Date.now()));
  const from = options.from ?? '0000-01';
  const loans = await repo.loansDisbursedBy(db, monthEnd(to));
  const out: LoanMonth[] = [];
  for (let i = 0; i < loans.length; i += LOANS_PER_BATCH) {
    const batch = loans.slice(i, i + LOANS_PER_BATCH);
    const ids = batch.map((l) => l.id);
    const [repayments, writeOffs] = await Promise.all([
      repo.repaymentsOf(db, ids),
      repo.writeOffsOf(db, ids),
    ]);
    const byLoan = new Map<string, typeof repayments>();
    for (const r of repayments) {
      const list = byLoan.get(r.loan_id);
      if (list) list.push(r);
      else byLoan.set(r.loan_id, [r]);
    }
    for (const loan of batch) {
      const events = eventsOf(
        byLoan.get(loan.id) ?? [],
        writeOffs.find((w) => w.loan_id === loan.id),
      );
      const originationMonth = monthOf(loan.disbursed_on);
      for (const { month, position } of monthEnds(ledgerTermsOf(loan), events, from, to)) {
        out.push({
          loanId: loan.id,
          borrowerId: loan.borrower_id,
          product: loan.product,
          originationMonth,
          month,
          principal: loan.principal,
          outstanding: position.outstandingPrincipal,
          overdue: position.overdue,
          dpd: position.dpd,
          writtenOff: position.status === 'written_off',
          closed: position.status === 'closed',
        });
      }
    }
  }
  return out;
}
