/**
 * Monthly repayment schedules: equal instalment (等额本息, an annuity) and equal principal (等额本金),
 * with an upfront fee deducted at disbursement and a monthly fee, each a fixed amount or a rate of
 * the principal. Every part is rounded half up to the fen once; the last instalment takes the
 * remaining principal, so the principal parts add up to the principal exactly, and the schedule's
 * total interest and fees are by definition the sums of its parts (no separate figure to drift from).
 *
 * Each period counts as one month at the monthly rate (annual nominal rate ÷ 12, 月利率 = 年利率 ÷ 12,
 * PBOC 《人民币利率管理规定》, 1999), whatever its number of days, the first period from
 * disbursement to the first due date included: the convention of Chinese consumer-loan schedules.
 */
import { addMonths, type LocalDate } from './dates.js';
import { applyRate, type Rate, roundHalfUp, sum, toFen } from './money.js';

/** How principal is repaid: equal instalments (annuity) or equal principal parts. */
export type ScheduleKind = 'annuity' | 'equal_principal';

/** Every schedule kind. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['annuity', 'equal_principal'];

/** A fee: a fixed amount in fen, or a rate of the principal (per month for the monthly fee). */
export type FeeSpec = { readonly amount: number } | { readonly rate: Rate };

/** What a schedule is computed from. */
export interface LoanTerms {
  /** Principal lent, in fen. */
  readonly principal: number;
  /** Annual nominal interest rate, a fraction (0.12 is 12 %). */
  readonly annualRate: Rate;
  readonly termMonths: number;
  readonly kind: ScheduleKind;
  /** The first due date; the others fall on the same day of later months, clamped to month end. */
  readonly firstDueDate: LocalDate;
  /** Deducted from the amount paid out at disbursement. */
  readonly upfrontFee?: FeeSpec | undefined;
  /** Due with every instalment. */
  readonly monthlyFee?: FeeSpec | undefined;
}

/** One instalment: what falls due on `dueDate`, in fen. */
export interface Instalment {
  /** 1-based position in the schedule. */
  readonly seq: number;
  readonly dueDate: LocalDate;
  readonly principal: number;
  readonly interest: number;
  readonly fee: number;
}

/** A computed schedule and its totals, in fen. */
export interface Schedule {
  readonly instalments: readonly Instalment[];
  readonly principal: number;
  /** Σ interest parts. */
  readonly totalInterest: number;
  /** Σ monthly fee parts. */
  readonly totalFees: number;
  readonly upfrontFee: number;
  readonly monthlyFee: number;
  /** What the borrower receives: principal − upfront fee. */
  readonly netDisbursed: number;
  /** Σ (principal + interest + fee) over the instalments. */
  readonly totalRepayment: number;
  /** The level instalment (annuity: principal + interest; equal principal: the principal part). */
  readonly level: number;
}

/** Longest term accepted, in months (40 years). */
export const MAX_TERM_MONTHS = 480;
/** Largest principal accepted, in fen (10^13 fen = 10^11 yuan). */
export const MAX_PRINCIPAL = 10 ** 13;

/** The monthly rate as a fraction a / b: annual ÷ 12. */
export function monthlyRate(annual: Rate): { readonly a: bigint; readonly b: bigint } {
  return { a: annual.num, b: annual.den * 12n };
}

/** The fee in fen that `spec` comes to on `principal` (0 when absent). */
export function feeAmount(spec: FeeSpec | undefined, principal: number): number {
  if (!spec) return 0;
  return 'amount' in spec ? spec.amount : applyRate(principal, spec.rate);
}

/** What is wrong with `terms` (empty when they can be scheduled); paths are field names. */
export function termsProblems(terms: LoanTerms): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isSafeInteger(terms.principal) || terms.principal < 1 || terms.principal > MAX_PRINCIPAL)
    problems.push({ path: 'principal', message: 'must be between 0.01 and 100000000000.00' });
  if (!Number.isInteger(terms.termMonths) || terms.termMonths < 1 || terms.termMonths > MAX_TERM_MONTHS)
    problems.push({
      path: 'term_months',
      message: `must be a whole number of months from 1 to ${MAX_TERM_MONTHS}`,
    });
  for (const [path, spec] of [
    ['upfront_fee', terms.upfrontFee],
    ['monthly_fee', terms.monthlyFee],
  ] as const) {
    if (spec && 'amount' in spec && (!Number.isSafeInteger(spec.amount) || spec.amount < 0))
      problems.push({ path, message: 'must not be negative' });
  }
  if (problems.length === 0 && feeAmount(terms.upfrontFee, terms.principal) >= terms.principal)
    problems.push({ path: 'upfront_fee', message: 'must be less than the principal' });
  return problems;
}

/**
 * The level payment of an annuity, exact then rounded half up: A = P·i / (1 − (1 + i)^−n), computed
 * as P·a·(b + a)^n / (b·((b + a)^n − b^n)) with i = a / b in bigints (the present value of an
 * annuity-immediate, Kellison, *The Theory of Interest*, 3rd ed., §3.2). With i = 0 it is P / n.
 */
export function annuityPayment(principal: number, annual: Rate, n: number): number {
  const { a, b } = monthlyRate(annual);
  const P = BigInt(principal);
  if (a === 0n) return toFen(roundHalfUp(P, BigInt(n)));
  const grown = (b + a) ** BigInt(n);
  return toFen(roundHalfUp(P * a * grown, b * (grown - b ** BigInt(n))));
}

/** The principal and interest parts of one period. */
export interface Amortised {
  readonly principal: number;
  readonly interest: number;
}

/**
 * Splits `balance` over at most `count` monthly periods at `annual` ÷ 12: each period's interest is the
 * balance times the monthly rate; its principal is `level` minus the interest (annuity) or `level`
 * (equal principal), never more than the balance, and the last allowed period takes what remains.
 * With `stopWhenRepaid`, periods after the balance reaches zero are left out (a shortened term).
 */
export function amortise(
  balance: number,
  annual: Rate,
  kind: ScheduleKind,
  level: number,
  count: number,
  stopWhenRepaid = false,
): Amortised[] {
  const { a, b } = monthlyRate(annual);
  const out: Amortised[] = [];
  let left = balance;
  for (let k = 1; k <= count; k++) {
    if (stopWhenRepaid && left === 0) break;
    const interest = toFen(roundHalfUp(BigInt(left) * a, b));
    const wanted = kind === 'annuity' ? level - interest : level;
    const principal = k === count ? left : Math.max(0, Math.min(wanted, left));
    out.push({ principal, interest });
    left -= principal;
  }
  return out;
}

/** Computes the schedule of `terms`; throws a RangeError naming the problem when they are invalid. */
export function buildSchedule(terms: LoanTerms): Schedule {
  const problems = termsProblems(terms);
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.path} ${p.message}`).join('; '));
  const n = terms.termMonths;
  const level =
    terms.kind === 'annuity'
      ? annuityPayment(terms.principal, terms.annualRate, n)
      : toFen(roundHalfUp(BigInt(terms.principal), BigInt(n)));
  const monthlyFee = feeAmount(terms.monthlyFee, terms.principal);
  const upfrontFee = feeAmount(terms.upfrontFee, terms.principal);
  const day = Number(terms.firstDueDate.slice(8, 10));
  const instalments = amortise(terms.principal, terms.annualRate, terms.kind, level, n).map(
    (part, i): Instalment => ({
      seq: i + 1,
      dueDate: addMonths(terms.firstDueDate, i, day),
      principal: part.principal,
      interest: part.interest,
      fee: monthlyFee,
    }),
  );
  return summarise(instalments, { upfrontFee, monthlyFee, level });
}

/** Totals of a list of instalments (also after a prepayment has reshaped them). */
export function summarise(
  instalments: readonly Instalment[],
  fees: { readonly upfrontFee: number; readonly monthlyFee: number; readonly level: number },
): Schedule {
  const principal = sum(instalments.map((x) => x.principal));
  const totalInterest = sum(instalments.map((x) => x.interest));
  const totalFees = sum(instalments.map((x) => x.fee));
  return {
    instalments,
    principal,
    totalInterest,
    totalFees,
    upfrontFee: fees.upfrontFee,
    monthlyFee: fees.monthlyFee,
    netDisbursed: principal - fees.upfrontFee,
    totalRepayment: principal + totalInterest + totalFees,
    level: fees.level,
  };
}
