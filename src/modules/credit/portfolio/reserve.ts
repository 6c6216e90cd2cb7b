/**
 * The risk reserve fund (风险准备金). Chapter 三 (§"完善风险管理机制", item 四) of the reference text
 * asks internet-finance firms to set aside a fixed proportion of funds as a risk reserve to make good
 * losses; the analytics here are that fund's arithmetic, in integer fen.
 *
 * Provision, on one of two bases (`ReserveConfig.basis`):
 * - `new_lending`: rate × the principal lent in the period, rounded half-up to the fen (a flow: the
 *   reserve grows with lending, whatever has been drawn).
 * - `outstanding`: the top-up that brings the balance to rate × outstanding at the period end,
 *   max(0, target − balance) (a stock: the reserve tracks the book). An excess over the target is kept,
 *   not released: releasing a loss reserve is a decision for people, not for a report.
 * Drawdown: a write-off draws its amount from the reserve, capped at the balance; the rest is reported
 * as a shortfall (a loss the reserve could not absorb), so the balance never goes below zero.
 * Recovery: money recovered on written-off loans is credited back to the reserve.
 * Coverage: reserve balance / overdue amount, null when nothing is overdue.
 */
import { PortfolioInputError } from './input-error.js';
import type { YearMonth } from './loan-month.js';
import { monthIndex } from './month.js';
import { applyRate, parseReserveRate } from './reserve-rate.js';

/** What a provision is a proportion of. */
export type ReserveBasis = 'new_lending' | 'outstanding';

/** How the reserve is provisioned: a basis and a rate written "0.015" or "1.5%". */
export interface ReserveConfig {
  readonly basis: ReserveBasis;
  readonly rate: string;
}

/** The figures of one period a provision needs; `balance` is the reserve before the provision. */
export interface ProvisionInput {
  readonly newLending: number;
  readonly outstanding: number;
  readonly balance: number;
}

/** A provision and how it was reached. */
export interface Provision {
  readonly basis: ReserveBasis;
  readonly rate: string;
  /** The amount the rate applied to: new lending or outstanding. */
  readonly base: number;
  /** rate × outstanding for the outstanding basis; null for new lending. */
  readonly target: number | null;
  readonly amount: number;
}

/** The provision of one period under a configuration. */
export function provisionFor(config: ReserveConfig, input: ProvisionInput): Provision {
  const rate = parseReserveRate(config.rate);
  checkAmount(input.balance, 'balance');
  if (config.basis === 'new_lending') {
    const amount = applyRate(input.newLending, rate);
    return { basis: config.basis, rate: rate.text, base: input.newLending, target: null, amount };
  }
  if (config.basis === 'outstanding') {
    const target = applyRate(input.outstanding, rate);
    const amount = Math.max(0, target - input.balance);
    return { basis: config.basis, rate: rate.text, base: input.outstanding, target, amount };
  }
  throw new PortfolioInputError(
    `a reserve basis is "new_lending" or "outstanding", not ${JSON.stringify(config.basis)}`,
    `准备金计提基础应为 "new_lending" 或 "outstanding"，而不是 ${JSON.stringify(config.basis)}`,
  );
}

/** A write-off drawn from the reserve: what was asked, what the balance could give, and the rest. */
export interface Drawdown {
  readonly requested: number;
  readonly drawn: number;
  readonly shortfall: number;
  readonly balanceAfter: number;
}

/** Draws a written-off amount from a reserve balance, capped at the balance. */
export function drawdownFor(writtenOff: number, balance: number): Drawdown {
  checkAmount(writtenOff, 'write-off amount');
  checkAmount(balance, 'balance');
  const drawn = Math.min(writtenOff, balance);
  return { requested: writtenOff, drawn, shortfall: writtenOff - drawn, balanceAfter: balance - drawn };
}

/** Reserve balance / overdue amount; null when nothing is overdue (the ratio has no meaning then). */
export function coverageRatio(balance: number, overdue: number): number | null {
  return overdue === 0 ? null : balance / overdue;
}

/** One movement of the reserve, in fen (a non-negative amount; the kind gives the direction). */
export type ReserveEvent =
  | { readonly kind: 'provision'; readonly month: YearMonth; readonly amount: number }
  | {
      readonly kind: 'write_off';
      readonly month: YearMonth;
      readonly amount: number;
      readonly loanId?: string;
    }
  | {
      readonly kind: 'recovery';
      readonly month: YearMonth;
      readonly amount: number;
      readonly loanId?: string;
    };

/** One line of the ledger: the change actually booked (signed) and the balance after it. */
export interface ReserveEntry {
  readonly kind: ReserveEvent['kind'];
  readonly month: YearMonth;
  readonly loanId: string | null;
  /** The event's amount. */
  readonly requested: number;
  /** The signed change of the balance: +provision, −drawdown, +recovery. */
  readonly change: number;
  /** The part of a write-off the reserve could not cover (0 for other kinds). */
  readonly shortfall: number;
  readonly balance: number;
}

/** The folded ledger: opening + provisioned − drawn + recovered = closing, exactly. */
export interface ReserveLedger {
  readonly opening: number;
  readonly entries: readonly ReserveEntry[];
  readonly provisioned: number;
  readonly drawn: number;
  readonly recovered: number;
  readonly shortfall: number;
  readonly closing: number;
}

function checkAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new PortfolioInputError(
      `the ${what} must be a non-negative integer number of fen, not ${amount}`,
      `${what} 必须是以分为单位的非负整数，而不是 ${amount}`,
    );
  }
}

/**
 * Folds reserve events, in the order given (months must not go backwards), into a running balance
 * starting at `opening`. Write-offs draw at most the balance and record the shortfall.
 */
export function reserveLedger(events: readonly ReserveEvent[], opening = 0): ReserveLedger {
  checkAmount(opening, 'opening balance');
  let balance = opening;
  let provisioned = 0;
  let drawn = 0;
  let recovered = 0;
  let shortfall = 0;
  let lastMonth = Number.NEGATIVE_INFINITY;
  const entries: ReserveEntry[] = [];
  for (const event of events) {
    checkAmount(event.amount, `${event.kind} amount`);
    const month = monthIndex(event.month, 'month');
    if (month < lastMonth) {
      throw new PortfolioInputError(
        `reserve events must be in month order: ${event.month} comes after a later month`,
        `准备金事件必须按月份顺序排列：${event.month} 出现在更晚的月份之后`,
      );
    }
    lastMonth = month;
    let change = event.amount;
    let missing = 0;
    if (event.kind === 'write_off') {
      const d = drawdownFor(event.amount, balance);
      change = -d.drawn;
      missing = d.shortfall;
      drawn += d.drawn;
      shortfall += d.shortfall;
    } else if (event.kind === 'provision') provisioned += change;
    else recovered += change;
    balance += change;
    if (!Number.isSafeInteger(balance)) {
      throw new PortfolioInputError(
        'the reserve balance left the exact integer range',
        '准备金余额超出精确整数范围',
      );
    }
    entries.push({
      kind: event.kind,
      month: event.month,
      loanId: event.kind === 'provision' ? null : (event.loanId ?? null),
      requested: event.amount,
      change,
      shortfall: missing,
      balance,
    });
  }
  return { opening, entries, provisioned, drawn, recovered, shortfall, closing: balance };
}
