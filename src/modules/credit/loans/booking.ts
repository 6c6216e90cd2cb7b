/**
 * Booking a loan: its original schedule computed and stored with the loan, its APR fixed, its ledger
 * lines written, and `loan.book` audited — all in the caller's transaction, so an approval and the
 * loan it books commit together. Also how a stored loan turns back into ledger terms and events.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import type { Actor, AuditAppender } from '../../audit/index.js';
import { annualRates, formatRate } from './apr.js';
import { addMonths, type LocalDate } from './dates.js';
import { LoanDateInvalid, LoanExists } from './errors.js';
import { Ledger, type LedgerTerms } from './ledger.js';
import { formatMoney, type Rate, rate } from './money.js';
import type { LedgerEvent } from './position.js';
import type { RepaymentKind } from './repayments.js';
import * as repo from './repo.js';
import { buildSchedule, type Instalment, type ScheduleKind } from './schedule.js';
import type { LoanInstalmentTable, LoanRepaymentTable, LoanTable, LoanWriteOffTable } from './tables.js';
import { type ParsedTerms, scheduleTerms } from './terms.js';

/** Where a booked loan comes from. */
export type LoanSource = 'application' | 'direct' | 'import';

/** What booking needs besides the terms. */
export interface BookingInput {
  readonly terms: ParsedTerms;
  readonly disbursedOn: LocalDate;
  /** Default: one month after disbursement, same day (clamped to month end). */
  readonly firstDueDate?: LocalDate | undefined;
  readonly applicationId?: string | null | undefined;
  readonly externalRef?: string | null | undefined;
  readonly source: LoanSource;
}

/**
 * Books a loan in `trx`, audited as `loan.book` unless `audited` is false (an import audits the file
 * once instead); refused when the first due date is not after the disbursement.
 */
export async function bookLoan(
  deps: { readonly clock: Clock; readonly audit: AuditAppender; readonly penaltyDailyRate: Rate },
  trx: Executor,
  input: BookingInput,
  actor: Actor,
  audited = true,
): Promise<LoanTable> {
  const firstDue = input.firstDueDate ?? addMonths(input.disbursedOn, 1);
  if (firstDue <= input.disbursedOn)
    throw LoanDateInvalid(
      `the first due date ${firstDue} must be after the disbursement on ${input.disbursedOn}`,
    );
  const schedule = buildSchedule(scheduleTerms(input.terms, firstDue));
  const apr = annualRates(schedule);
  const now = deps.clock.now();
  const at = isoUtc(now);
  const t = input.terms;
  const row: LoanTable = {
    id: newId(now),
    application_id: input.applicationId ?? null,
    external_ref: input.externalRef ?? null,
    borrower_id: t.borrowerId,
    product: t.product,
    principal: t.principal,
    annual_rate: t.annualRate.text,
    term_months: t.termMonths,
    schedule_kind: t.kind,
    fees: t.fees,
    upfront_fee: schedule.upfrontFee,
    monthly_fee: schedule.monthlyFee,
    level: schedule.level,
    penalty_daily_rate: deps.penaltyDailyRate.text,
    apr_nominal: formatRate(apr.nominalApr),
    apr_effective: formatRate(apr.effectiveAnnualRate),
    disbursed_on: input.disbursedOn,
    first_due_date: firstDue,
    schedule: canonicalJson(
      schedule.instalments.map((x) => [x.seq, x.dueDate, x.principal, x.interest, x.fee]),
    ),
    status: 'active',
    closed_on: null,
    written_off_on: null,
    source: input.source,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (!(await repo.insertLoan(trx, row))) {
    throw LoanExists(
      input.externalRef
        ? `a loan with reference ${input.externalRef} is already booked`
        : 'this application is already booked',
    );
  }
  await repo.replaceInstalments(trx, row.id, instalmentRows(row.id, new Ledger(ledgerTermsOf(row))));
  if (!audited) return row;
  await deps.audit.append(trx, {
    actor,
    action: 'loan.book',
    target: { type: 'loan', id: row.id },
    payload: {
      borrower_id: row.borrower_id,
      product: row.product,
      principal: formatMoney(row.principal),
      annual_rate: row.annual_rate,
      term_months: row.term_months,
      schedule_kind: row.schedule_kind,
      fees: JSON.parse(row.fees) as unknown,
      disbursed_on: row.disbursed_on,
      first_due_date: row.first_due_date,
      apr: { nominal: row.apr_nominal, effective: row.apr_effective },
      source: row.source,
      application_id: row.application_id,
      external_ref: row.external_ref,
    },
  });
  return row;
}

/** The ledger terms of a stored loan (its original schedule as stored at booking). */
export function ledgerTermsOf(row: LoanTable): LedgerTerms {
  const stored = JSON.parse(row.schedule) as [number, string, number, number, number][];
  const instalments: Instalment[] = stored.map(([seq, dueDate, principal, interest, fee]) => ({
    seq,
    dueDate,
    principal,
    interest,
    fee,
  }));
  return {
    principal: row.principal,
    annualRate: rate(row.annual_rate),
    kind: row.schedule_kind as ScheduleKind,
    level: row.level,
    monthlyFee: row.monthly_fee,
    penaltyDailyRate: rate(row.penalty_daily_rate),
    disbursedOn: row.disbursed_on,
    instalments,
  };
}

/** The stored events of a loan, in the order they happened: repayments, then any write-off. */
export function eventsOf(
  repayments: readonly LoanRepaymentTable[],
  writeOff: LoanWriteOffTable | undefined,
): LedgerEvent[] {
  const events: LedgerEvent[] = repayments.map((r) => ({
    type: 'repayment',
    kind: r.kind as RepaymentKind,
    amount: r.amount,
    receivedOn: r.received_on,
  }));
  if (writeOff) events.push({ type: 'write_off', on: writeOff.written_off_on });
  return events;
}

/** The ledger lines of a loan as stored rows. */
export function instalmentRows(loanId: string, ledger: Ledger): LoanInstalmentTable[] {
  return ledger.lines.map((x) => ({
    loan_id: loanId,
    seq: x.seq,
    kind: x.kind,
    due_date: x.dueDate,
    principal: x.principal,
    interest: x.interest,
    fee: x.fee,
    penalty: x.penalty,
    paid_principal: x.paidPrincipal,
    paid_interest: x.paidInterest,
    paid_fee: x.paidFee,
    paid_penalty: x.paidPenalty,
    settled_on: x.settledOn,
  }));
}
