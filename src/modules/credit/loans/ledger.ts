/**
 * The ledger of one loan: its instalments with what has been paid of each part, penalty interest
 * accrued on overdue principal, money received ahead of its due date (held as credit and applied on
 * the due date), and the loan's status. It is a pure state machine: the stored schedule and the
 * stored repayments, replayed in order, give the same ledger every time, which is how the current
 * position, a payoff quote and every past month end are reconstructed.
 *
 * Allocation order, for one instalment: penalty → fees → interest → principal; across instalments,
 * the oldest due first. This follows the Civil Code of the PRC, art. 561 (costs, then interest, then
 * principal, unless agreed otherwise) and art. 560 (among several debts, the one due first).
 */
import { daysBetween, type LocalDate } from './dates.js';
import { applyRate, type Rate, sum } from './money.js';
import type { Instalment, ScheduleKind } from './schedule.js';

/** What a ledger is opened with: the loan's terms and its original schedule. */
export interface LedgerTerms {
  readonly principal: number;
  readonly annualRate: Rate;
  readonly kind: ScheduleKind;
  /** The schedule's level amount (annuity payment, or equal principal part), kept after a prepayment. */
  readonly level: number;
  readonly monthlyFee: number;
  /** Penalty interest per day on overdue principal (0.0005 is 0.05 % a day). */
  readonly penaltyDailyRate: Rate;
  readonly disbursedOn: LocalDate;
  readonly instalments: readonly Instalment[];
}

/** Why a line exists: a scheduled instalment, or the settlement of a prepayment or payoff. */
export type LineKind = 'instalment' | 'prepayment' | 'payoff';

/** One line of the ledger, in fen. `penalty` is the penalty accrued so far (paid or not). */
export interface Line {
  seq: number;
  kind: LineKind;
  dueDate: LocalDate;
  principal: number;
  interest: number;
  fee: number;
  penalty: number;
  paidPrincipal: number;
  paidInterest: number;
  paidFee: number;
  paidPenalty: number;
  /** Penalty has been accrued up to this date. */
  accruedTo: LocalDate | null;
  /** When every part was paid. */
  settledOn: LocalDate | null;
}

/** Amounts by part, in fen. */
export interface Parts {
  penalty: number;
  fee: number;
  interest: number;
  principal: number;
}

/** Where the loan stands. */
export type LoanStatus = 'active' | 'closed' | 'written_off';

/** Zero of every part. */
export function noParts(): Parts {
  return { penalty: 0, fee: 0, interest: 0, principal: 0 };
}

/** What remains unpaid of a line. */
export function unpaidOf(line: Line): Parts {
  return {
    penalty: line.penalty - line.paidPenalty,
    fee: line.fee - line.paidFee,
    interest: line.interest - line.paidInterest,
    principal: line.principal - line.paidPrincipal,
  };
}

/** The total of some parts. */
export function total(parts: Parts): number {
  return parts.penalty + parts.fee + parts.interest + parts.principal;
}

/** Adds `more` into `into`. */
export function addParts(into: Parts, more: Parts): Parts {
  into.penalty += more.penalty;
  into.fee += more.fee;
  into.interest += more.interest;
  into.principal += more.principal;
  return into;
}

/** The mutable state of one loan; replay events through the functions of `repayments.ts`. */
export class Ledger {
  lines: Line[];
  /** Money received ahead of its due date, not yet applied. */
  credit = 0;
  status: LoanStatus = 'active';
  closedOn: LocalDate | null = null;
  writtenOffOn: LocalDate | null = null;
  /** Days past due on the day of the write-off. */
  dpdAtWriteOff = 0;
  /** The ledger has been brought up to this date. */
  at: LocalDate;

  constructor(readonly terms: LedgerTerms) {
    this.at = terms.disbursedOn;
    this.lines = terms.instalments.map((x) => ({
      seq: x.seq,
      kind: 'instalment',
      dueDate: x.dueDate,
      principal: x.principal,
      interest: x.interest,
      fee: x.fee,
      penalty: 0,
      paidPrincipal: 0,
      paidInterest: 0,
      paidFee: 0,
      paidPenalty: 0,
      accruedTo: null,
      settledOn: null,
    }));
  }

  /** An independent copy (to quote or to look at a date without moving this ledger). */
  clone(): Ledger {
    const copy = new Ledger({ ...this.terms, instalments: [] });
    copy.lines = this.lines.map((line) => ({ ...line }));
    copy.credit = this.credit;
    copy.status = this.status;
    copy.closedOn = this.closedOn;
    copy.writtenOffOn = this.writtenOffOn;
    copy.dpdAtWriteOff = this.dpdAtWriteOff;
    copy.at = this.at;
    return copy;
  }

  /**
   * Brings the ledger to `date`: credit is applied to each instalment on its due date, then penalty
   * interest accrues on the principal still overdue. Nothing moves once the loan is closed or
   * written off. A date before the last one is a bug of the caller (events are replayed in order).
   */
  advanceTo(date: LocalDate): void {
    if (date < this.at) throw new RangeError(`the ledger is at ${this.at}; it cannot go back to ${date}`);
    if (this.status !== 'active') {
      this.at = date;
      return;
    }
    for (const line of this.lines) {
      if (this.credit === 0 || line.dueDate > date) break;
      if (line.settledOn) continue;
      this.accrue(line.dueDate);
      this.credit -= total(this.pay(line, this.credit, line.dueDate));
    }
    this.accrue(date);
    this.at = date;
    this.closeIfSettled();
  }

  /**
   * Accrues penalty interest to `date` on each line's overdue principal: unpaid principal × daily
   * rate × days since its due date (or since the last accrual), rounded half up at each accrual.
   */
  private accrue(date: LocalDate): void {
    for (const line of this.lines) {
      if (line.dueDate >= date || line.settledOn) continue;
      const from = line.accruedTo ?? line.dueDate;
      const days = daysBetween(from, date);
      const overdue = line.principal - line.paidPrincipal;
      if (days > 0 && overdue > 0)
        line.penalty += applyRate(overdue, this.terms.penaltyDailyRate, BigInt(days));
      if (days > 0) line.accruedTo = date;
    }
  }

  /** Pays up to `budget` into one line (penalty → fee → interest → principal); returns what it took. */
  pay(line: Line, budget: number, date: LocalDate): Parts {
    const unpaid = unpaidOf(line);
    let left = budget;
    const take = (want: number) => {
      const got = Math.min(want, left);
      left -= got;
      return got;
    };
    const paid = {
      penalty: take(unpaid.penalty),
      fee: take(unpaid.fee),
      interest: take(unpaid.interest),
      principal: take(unpaid.principal),
    };
    line.paidPenalty += paid.penalty;
    line.paidFee += paid.fee;
    line.paidInterest += paid.interest;
    line.paidPrincipal += paid.principal;
    if (total(unpaidOf(line)) === 0) line.settledOn ??= date;
    return paid;
  }

  /** Pays lines due on or before `date`, oldest first, from `budget`; returns what was taken. */
  payDue(budget: number, date: LocalDate): Parts {
    const paid = noParts();
    let left = budget;
    for (const line of this.lines) {
      if (left === 0 || line.dueDate > date) break;
      if (line.settledOn) continue;
      const took = this.pay(line, left, date);
      left -= total(took);
      addParts(paid, took);
    }
    return paid;
  }

  /** What is unpaid on lines due on or before `date` (`strict`: before it, i.e. past due). */
  dueUnpaid(date: LocalDate, strict = false): Parts {
    const out = noParts();
    for (const line of this.lines) {
      if (strict ? line.dueDate >= date : line.dueDate > date) continue;
      addParts(out, unpaidOf(line));
    }
    return out;
  }

  /** Principal not yet repaid, due or not. */
  outstandingPrincipal(): number {
    return sum(this.lines.map((line) => line.principal - line.paidPrincipal));
  }

  /** Days from the oldest unpaid due date before `date` to `date`; 0 when nothing is past due. */
  dpd(date: LocalDate): number {
    const oldest = this.lines.find((line) => !line.settledOn && line.dueDate < date);
    return oldest ? daysBetween(oldest.dueDate, date) : 0;
  }

  /** Marks the loan closed once every line is paid. */
  closeIfSettled(): void {
    if (this.status !== 'active' || this.lines.some((line) => !line.settledOn)) return;
    this.status = 'closed';
    let last = this.terms.disbursedOn;
    for (const line of this.lines) if (line.settledOn && line.settledOn > last) last = line.settledOn;
    this.closedOn = last;
  }
}
