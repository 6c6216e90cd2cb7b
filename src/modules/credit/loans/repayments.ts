/**
 * Events on a loan's ledger: repayments (regular, partial prepayment, payoff) and the write-off. Each
 * function works on a copy and returns the ledger after the event, or a refusal as a value: the
 * ledger passed in never changes, so a refused repayment leaves nothing half-applied.
 *
 * - Regular: pays what is due on the day (oldest first); any excess is held as credit and applied to
 *   each later instalment on its due date. More than the whole remaining schedule is refused.
 * - Payoff (提前结清): pays everything due, the outstanding principal, and interest accrued on it
 *   since the last due date at the daily rate annual ÷ 360 (PBOC 《人民币利率管理规定》: 日利率 =
 *   年利率 ÷ 360). Monthly fees not yet due are waived. The amount must equal the quote exactly.
 * - Prepayment (partial, 部分提前还款): pays everything due, then the accrued interest, then reduces
 *   principal; the remaining schedule keeps its instalment (annuity) or principal part (equal
 *   principal), so the term shortens. The next instalment's interest runs from the prepayment date.
 */
import { daysBetween, type LocalDate } from './dates.js';
import { addParts, Ledger, type Line, type Parts, total } from './ledger.js';
import { applyRate, formatMoney, sum } from './money.js';
import { amortise } from './schedule.js';

/** How a repayment is meant. */
export type RepaymentKind = 'regular' | 'prepayment' | 'payoff';

/** Every repayment kind. */
export const REPAYMENT_KINDS: readonly RepaymentKind[] = ['regular', 'prepayment', 'payoff'];

/** A repayment as received. */
export interface RepaymentInput {
  readonly kind: RepaymentKind;
  /** In fen, positive. */
  readonly amount: number;
  readonly receivedOn: LocalDate;
}

/** Where a repayment went, in fen; `credit` is the change of credit held (negative when drawn). */
export type Allocation = Parts & { readonly credit: number };

/** Why an event was refused. */
export type RefusalReason = 'not_active' | 'date' | 'amount' | 'overpayment' | 'nothing_to_prepay' | 'credit';

/** A refused event, as a value. */
export interface Refusal {
  readonly ok: false;
  readonly reason: RefusalReason;
  readonly message: string;
}

/** The ledger after an event, or why the event was refused. */
export type EventOutcome<T> = ({ readonly ok: true; readonly ledger: Ledger } & T) | Refusal;

/** What paying the loan off on a day costs, in fen. */
export interface PayoffQuote extends Parts {
  readonly on: LocalDate;
  /** Part of `interest`: accrued since the last due date on the principal not yet due. */
  readonly accruedInterest: number;
  /** Credit already held, deducted from the total. */
  readonly credit: number;
  /** What to pay. */
  readonly total: number;
}

function refuse(
  reason: RefusalReason,
  message: string,
): { ok: false; reason: RefusalReason; message: string } {
  return { ok: false, reason, message };
}

/** A copy of `ledger` brought to `date`, or a refusal for a closed loan or an out-of-order date. */
function openAt(ledger: Ledger, date: LocalDate): Ledger | Refusal {
  if (date < ledger.terms.disbursedOn)
    return refuse('date', `must not be before the disbursement on ${ledger.terms.disbursedOn}`);
  if (date < ledger.at) return refuse('date', `must not be before the last recorded event on ${ledger.at}`);
  if (ledger.status !== 'active')
    return refuse('not_active', `the loan is ${ledger.status.replace('_', ' ')}`);
  const copy = ledger.clone();
  copy.advanceTo(date);
  return copy.status === 'active'
    ? copy
    : refuse('not_active', `the loan is ${copy.status.replace('_', ' ')}`);
}

/** Applies a repayment; see the module comment for the three kinds. */
export function repay(ledger: Ledger, input: RepaymentInput): EventOutcome<{ allocation: Allocation }> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) return refuse('amount', 'must be positive');
  const l = openAt(ledger, input.receivedOn);
  if (!(l instanceof Ledger)) return l;
  if (input.kind !== 'regular') return settleFuture(l, input);
  const paid = l.payDue(input.amount, input.receivedOn);
  const rest = input.amount - total(paid);
  const ahead = sum(
    l.lines.filter((x) => x.dueDate > input.receivedOn).map((x) => x.principal + x.interest + x.fee),
  );
  if (l.credit + rest > ahead) {
    return refuse(
      'overpayment',
      `exceeds everything still owed by ${formatMoney(l.credit + rest - ahead)} yuan`,
    );
  }
  l.credit += rest;
  l.closeIfSettled();
  return { ok: true, ledger: l, allocation: { ...paid, credit: rest } };
}

/** The date up to which interest has been charged: the last line due on or before `date`. */
function lastDue(l: Ledger, date: LocalDate): LocalDate {
  let last = l.terms.disbursedOn;
  for (const line of l.lines) if (line.dueDate <= date && line.dueDate > last) last = line.dueDate;
  return last;
}

/** Interest at annual ÷ 360 a day on `balance` from `from` to `to`. */
function accrued(l: Ledger, balance: number, from: LocalDate, to: LocalDate): number {
  return applyRate(balance, l.terms.annualRate, BigInt(Math.max(0, daysBetween(from, to))), 360n);
}

/** The future of the loan on `date`: principal not yet due and interest accrued on it. */
function futureOf(l: Ledger, date: LocalDate) {
  const future = l.lines.filter((x) => x.dueDate > date);
  const balance = sum(future.map((x) => x.principal));
  return { future, balance, interest: accrued(l, balance, lastDue(l, date), date) };
}

/** What paying off on `date` costs (the ledger is not changed); undefined for a loan no longer active. */
export function payoffQuote(ledger: Ledger, date: LocalDate): PayoffQuote | undefined {
  const l = openAt(ledger, date);
  if (!(l instanceof Ledger)) return undefined;
  const due = l.dueUnpaid(date);
  const { balance, interest } = futureOf(l, date);
  const owed = addParts({ ...due }, { penalty: 0, fee: 0, interest, principal: balance });
  return { ...owed, on: date, accruedInterest: interest, credit: l.credit, total: total(owed) - l.credit };
}

function settledLine(kind: Line['kind'], date: LocalDate, principal: number, interest: number): Line {
  return {
    seq: 0,
    kind,
    dueDate: date,
    principal,
    interest,
    fee: 0,
    penalty: 0,
    paidPrincipal: principal,
    paidInterest: interest,
    paidFee: 0,
    paidPenalty: 0,
    accruedTo: null,
    settledOn: date,
  };
}

function settleFuture(l: Ledger, input: RepaymentInput): EventOutcome<{ allocation: Allocation }> {
  const date = input.receivedOn;
  const arrears = total(l.dueUnpaid(date));
  const { future, balance, interest } = futureOf(l, date);
  const pool = input.amount - arrears + l.credit;
  const quote = arrears + balance + interest - l.credit;
  if (input.kind === 'payoff' && input.amount !== quote)
    return refuse('amount', `a payoff on ${date} must be exactly ${formatMoney(quote)} yuan`);
  if (input.kind === 'prepayment') {
    if (future.length === 0)
      return refuse('nothing_to_prepay', 'every instalment is already due: pay it as a regular repayment');
    if (pool <= interest)
      return refuse(
        'amount',
        `must exceed what is due plus accrued interest: more than ${formatMoney(arrears + interest - l.credit)} yuan`,
      );
    if (pool - interest >= balance)
      return refuse('amount', `pays the whole loan: make it a payoff of ${formatMoney(quote)} yuan`);
  }
  const paid = l.payDue(arrears, date);
  const drawn = l.credit;
  l.credit = 0;
  const past = l.lines.filter((x) => x.dueDate <= date);
  if (input.kind === 'payoff') {
    l.lines = [...past, settledLine('payoff', date, balance, interest)];
  } else {
    const principal = pool - interest;
    const left = balance - principal;
    const parts = amortise(left, l.terms.annualRate, l.terms.kind, l.terms.level, future.length, true);
    const regenerated = parts.map((part, i): Line => {
      const due = future[i]!.dueDate;
      return {
        ...settledLine(
          'instalment',
          due,
          part.principal,
          i === 0 ? accrued(l, left, date, due) : part.interest,
        ),
        fee: l.terms.monthlyFee,
        paidPrincipal: 0,
        paidInterest: 0,
        settledOn: null,
      };
    });
    l.lines = [...past, settledLine('prepayment', date, principal, interest), ...regenerated];
  }
  l.lines.forEach((line, i) => {
    line.seq = i + 1;
  });
  l.closeIfSettled();
  const settled = input.kind === 'payoff' ? balance : pool - interest;
  const allocation = addParts({ ...paid }, { penalty: 0, fee: 0, interest, principal: settled });
  return { ok: true, ledger: l, allocation: { ...allocation, credit: -drawn } };
}

/** What a write-off moved off the books, in fen, and the days past due on the day. */
export type WriteOffAmounts = Parts & { readonly total: number; readonly dpd: number };

/**
 * Writes the loan off on `date`: all principal not repaid, and interest, fees and penalty due and
 * unpaid, leave the books; the ledger stops. Refused while the loan holds credit (apply it first).
 */
export function writeOff(ledger: Ledger, date: LocalDate): EventOutcome<{ amounts: WriteOffAmounts }> {
  const l = openAt(ledger, date);
  if (!(l instanceof Ledger)) return l;
  if (l.credit > 0)
    return refuse('credit', 'the loan holds money paid ahead: apply it with a prepayment first');
  const due = l.dueUnpaid(date);
  const parts = { ...due, principal: l.outstandingPrincipal() };
  const dpd = l.dpd(date);
  l.status = 'written_off';
  l.writtenOffOn = date;
  l.dpdAtWriteOff = dpd;
  return { ok: true, ledger: l, amounts: { ...parts, total: total(parts), dpd } };
}
