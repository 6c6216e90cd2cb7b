/**
 * Where a loan stands on a day, and at every month end: outstanding principal, the amount past due,
 * days past due and the delinquency bucket. Computed by replaying the stored schedule and events
 * through the ledger, so today's figures and last year's month ends come from the same code.
 */
import { type LocalDate, monthEnd, monthOf, nextMonth } from './dates.js';
import { Ledger, type LedgerTerms, type LoanStatus, total, unpaidOf } from './ledger.js';
import { type RepaymentInput, repay, writeOff } from './repayments.js';

/**
 * Delinquency buckets by days past due, in the M-notation of Chinese lenders' reports (M1 = 1–30
 * days, M2 = 31–60, M3 = 61–90, M3+ beyond 90; the last is also the 90-day default of Basel II
 * §452 and of the CBIRC's 2023 risk-classification rules for non-performing exposures).
 */
export type DelinquencyBucket = 'current' | 'M1' | 'M2' | 'M3' | 'M3+';

/** Every bucket, from best to worst. */
export const DELINQUENCY_BUCKETS: readonly DelinquencyBucket[] = ['current', 'M1', 'M2', 'M3', 'M3+'];

/** The bucket of `dpd` days past due. */
export function bucketOf(dpd: number): DelinquencyBucket {
  if (dpd <= 0) return 'current';
  if (dpd <= 30) return 'M1';
  if (dpd <= 60) return 'M2';
  if (dpd <= 90) return 'M3';
  return 'M3+';
}

/** A loan's position on a day, in fen. */
export interface Position {
  readonly asOf: LocalDate;
  readonly status: LoanStatus;
  /** Principal not repaid (0 once closed or written off). */
  readonly outstandingPrincipal: number;
  /** Principal, interest and fees past due (due before `asOf`) and unpaid. */
  readonly overdue: number;
  /** Penalty interest accrued and unpaid. */
  readonly penaltyDue: number;
  /** Days since the oldest unpaid due date (frozen at the write-off for a written-off loan). */
  readonly dpd: number;
  readonly bucket: DelinquencyBucket;
  /** Money paid ahead, held for the next due dates. */
  readonly credit: number;
  /** The next unpaid instalment on or after `asOf`, with what remains of it. */
  readonly nextDue: { readonly date: LocalDate; readonly amount: number } | null;
  readonly closedOn: LocalDate | null;
  readonly writtenOffOn: LocalDate | null;
}

/** The position of `ledger` on `date` (not before the ledger's last event); the ledger is not moved. */
export function positionAt(ledger: Ledger, date: LocalDate): Position {
  const l = ledger.clone();
  l.advanceTo(date);
  const active = l.status === 'active';
  const pastDue = l.dueUnpaid(date, true);
  const next = active ? l.lines.find((x) => !x.settledOn && x.dueDate >= date) : undefined;
  const dpd = active ? l.dpd(date) : l.status === 'written_off' ? l.dpdAtWriteOff : 0;
  return {
    asOf: date,
    status: l.status,
    outstandingPrincipal: active ? l.outstandingPrincipal() : 0,
    overdue: active ? pastDue.principal + pastDue.interest + pastDue.fee : 0,
    penaltyDue: active ? pastDue.penalty : 0,
    dpd,
    bucket: bucketOf(dpd),
    credit: l.credit,
    nextDue: next ? { date: next.dueDate, amount: total(unpaidOf(next)) } : null,
    closedOn: l.closedOn,
    writtenOffOn: l.writtenOffOn,
  };
}

/** A stored event of a loan, in the order it was recorded. */
export type LedgerEvent =
  | ({ readonly type: 'repayment' } & RepaymentInput)
  | { readonly type: 'write_off'; readonly on: LocalDate };

/** The day of an event. */
export function eventDate(event: LedgerEvent): LocalDate {
  return event.type === 'repayment' ? event.receivedOn : event.on;
}

/** Applies one stored event; a stored event that no longer applies is a broken invariant. */
export function applyEvent(ledger: Ledger, event: LedgerEvent): Ledger {
  const outcome = event.type === 'repayment' ? repay(ledger, event) : writeOff(ledger, event.on);
  if (!outcome.ok)
    throw new Error(`a stored ${event.type} on ${eventDate(event)} no longer applies: ${outcome.message}`);
  return outcome.ledger;
}

/** The ledger after every stored event. */
export function replay(terms: LedgerTerms, events: readonly LedgerEvent[]): Ledger {
  return events.reduce(applyEvent, new Ledger(terms));
}

/** One month end of one loan. */
export interface MonthEnd {
  readonly month: string;
  readonly position: Position;
}

/**
 * The position of a loan at each month end from its disbursement month (or `from`, if later) to
 * `to`, stopping after the month it closed or was written off. Events are replayed once, in order;
 * an event on the last day of a month counts in that month.
 */
export function monthEnds(
  terms: LedgerTerms,
  events: readonly LedgerEvent[],
  from: string,
  to: string,
): MonthEnd[] {
  const out: MonthEnd[] = [];
  let ledger = new Ledger(terms);
  let next = 0;
  const first = monthOf(terms.disbursedOn);
  for (let month = first; month <= to; month = nextMonth(month)) {
    const end = monthEnd(month);
    while (next < events.length && eventDate(events[next]!) <= end)
      ledger = applyEvent(ledger, events[next++]!);
    const position = positionAt(ledger, end);
    if (month >= from) out.push({ month, position });
    if (position.status !== 'active') break;
  }
  return out;
}
