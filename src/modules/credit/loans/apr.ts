/**
 * The annualised cost of a loan as the borrower bears it. The PBOC announcement [2021] No. 3
 * (中国人民银行公告〔2021〕第3号) requires lenders to show the annualised rate of every loan product,
 * computed from all the costs the borrower pays against the principal actually at their disposal,
 * by the internal-rate-of-return (compound) method. Here: the monthly IRR r of the cash flows
 * (+ net amount paid out at month 0, − each instalment with its fee at month k), reported as the
 * nominal APR 12·r and the effective annual rate (1 + r)^12 − 1.
 *
 * Rates are not money: they are found by floating-point root finding and reported to 6 decimals.
 */
import type { Schedule } from './schedule.js';

/** The annualised rates of a schedule. */
export interface AnnualRates {
  /** Monthly internal rate of return of the borrower's cash flows. */
  readonly monthlyIrr: number;
  /** 12 × the monthly IRR: the annualised rate (年化利率) to show the borrower. */
  readonly nominalApr: number;
  /** (1 + monthly IRR)^12 − 1. */
  readonly effectiveAnnualRate: number;
}

/** Net present value of `flows` (flow k at period k) at rate `r` per period, and its derivative. */
function npv(flows: readonly number[], r: number): { value: number; slope: number } {
  let value = 0;
  let slope = 0;
  let discount = 1;
  for (let k = 0; k < flows.length; k++) {
    const f = flows[k] as number;
    value += f * discount;
    slope -= (k * f * discount) / (1 + r);
    discount /= 1 + r;
  }
  return { value, slope };
}

/**
 * The rate per period at which `flows` (one per period, the first at period 0) have a net present
 * value of zero, for a loan's shape: a positive first flow and non-positive later ones, whose NPV
 * rises with the rate (later repayments weigh less), so the root is unique. Bisection brackets it to 1e-15, then Newton steps
 * polish it. Returns NaN when there is no root above −100 % (nothing to repay, or less than lent).
 */
export function irr(flows: readonly number[]): number {
  let lo = -0.99;
  let hi = 1;
  while (npv(flows, hi).value < 0 && hi < 1e6) hi *= 2;
  if (npv(flows, lo).value > 0 || npv(flows, hi).value < 0) return Number.NaN;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (npv(flows, mid).value < 0) lo = mid;
    else hi = mid;
  }
  let r = (lo + hi) / 2;
  for (let i = 0; i < 3; i++) {
    const { value, slope } = npv(flows, r);
    if (slope === 0) break;
    const next = r - value / slope;
    if (!(next > lo - 1e-12 && next < hi + 1e-12)) break;
    r = next;
  }
  return r;
}

/** The borrower's cash flows of a schedule, in fen: the net amount paid out, then each instalment. */
export function cashFlows(schedule: Schedule): number[] {
  return [schedule.netDisbursed, ...schedule.instalments.map((x) => -(x.principal + x.interest + x.fee))];
}

/** The annualised rates of a schedule (PBOC announcement [2021] No. 3, IRR method). */
export function annualRates(schedule: Schedule): AnnualRates {
  const r = irr(cashFlows(schedule));
  return { monthlyIrr: r, nominalApr: 12 * r, effectiveAnnualRate: (1 + r) ** 12 - 1 };
}

/** A rate shown to people: a decimal fraction with 6 decimals ("0.126825"). */
export function formatRate(value: number): string {
  return Number.isFinite(value) ? value.toFixed(6) : 'NaN';
}
