/**
 * Vintage curves: for each origination cohort (the month the loans were disbursed), the share of the
 * cohort that is bad at each month on book. MOB 0 is the origination month itself and MOB k the k-th
 * month end after it (Siddiqi, *Credit Risk Scorecards*, Wiley 2006, ch. 4 "vintage analysis"; the
 * same layout as the 账龄分析 of Chinese consumer-finance risk reports).
 *
 * A loan is bad in a month when it is at least `badDpd` days past due or written off (a written-off
 * loan is the worst outcome, whatever dpd the source kept). `ever: true` (the default) counts a loan
 * from the first month it was bad onwards ("ever 30+"), so the curve never falls; `ever: false` counts
 * the loans bad in that very month. Between a loan's rows, and after its last one, the last known state
 * is carried forward: a loan that stops being reported after a write-off stays bad, one that stops after
 * closing stays good. A loan not yet observed counts as good.
 *
 * The curve of a cohort runs from MOB 0 to the last observed month (the as-of month): later MOBs are
 * absent, not zero, because nothing is known about them yet.
 */

import { PortfolioInputError } from './input-error.js';
import { indexLoanBook, type LoanBook, resolveAsOf } from './loan-book.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthText } from './month.js';

/** What a vintage curve measures. */
export interface VintageOptions {
  /** A loan is bad from this many days past due (default 30: "30+"; 31 is M2+, 91 is M3+). */
  readonly badDpd?: number;
  /** Ever bad by that MOB (default true), or bad in that month. */
  readonly ever?: boolean;
  /** The share by number of loans (default) or by principal lent. */
  readonly weight?: 'count' | 'principal';
  /** The last month observed (default: the book's last month); later rows are ignored. */
  readonly asOf?: YearMonth;
  /** Cut every curve at this MOB. */
  readonly maxMob?: number;
}

/** One point of a curve: the bad loans and their principal at a MOB, and the share by the weight. */
export interface VintagePoint {
  readonly mob: number;
  readonly badLoans: number;
  readonly badPrincipal: number;
  /** badLoans / loans or badPrincipal / principal; null when the cohort's weight is 0. */
  readonly rate: number | null;
}

/** One origination cohort and its curve (`curve[k].mob === k`). */
export interface VintageCohort {
  readonly originationMonth: YearMonth;
  readonly loans: number;
  readonly principal: number;
  readonly curve: readonly VintagePoint[];
}

/** Vintage curves of a book, cohorts oldest first. */
export interface VintageResult {
  readonly badDpd: number;
  readonly ever: boolean;
  readonly weight: 'count' | 'principal';
  readonly observedThrough: YearMonth | null;
  readonly cohorts: readonly VintageCohort[];
}

interface CohortAcc {
  origin: number;
  loans: number;
  principal: number;
  /** Difference arrays: +w where a bad spell starts, −w where it ends. */
  dCount: Float64Array;
  dPrincipal: Float64Array;
}

function checkOptions(options: VintageOptions): void {
  const { badDpd, maxMob } = options;
  if (badDpd !== undefined && (!Number.isSafeInteger(badDpd) || badDpd < 1)) {
    throw new PortfolioInputError(
      `badDpd must be a positive whole number of days, not ${badDpd}`,
      `badDpd 必须是正整数天数，而不是 ${badDpd}`,
    );
  }
  if (maxMob !== undefined && (!Number.isSafeInteger(maxMob) || maxMob < 0)) {
    throw new PortfolioInputError(
      `maxMob must be a non-negative integer, not ${maxMob}`,
      `maxMob 必须是非负整数，而不是 ${maxMob}`,
    );
  }
}

/** Vintage curves of raw rows; see `vintageOfBook`. */
export function vintage(rows: readonly LoanMonth[], options: VintageOptions = {}): VintageResult {
  return vintageOfBook(indexLoanBook(rows), options);
}

/**
 * Vintage curves of a checked book. Each loan adds its weight to a difference array at the MOB its
 * bad spell starts and subtracts it where the spell ends, so the whole computation is one pass over
 * the rows plus one prefix sum per cohort.
 */
export function vintageOfBook(book: LoanBook, options: VintageOptions = {}): VintageResult {
  checkOptions(options);
  const badDpd = options.badDpd ?? 30;
  const ever = options.ever ?? true;
  const weight = options.weight ?? 'count';
  const base = { badDpd, ever, weight };
  if (book.loans.length === 0 && options.asOf === undefined) {
    return { ...base, observedThrough: null, cohorts: [] };
  }
  const asOf = resolveAsOf(book, options.asOf);
  const cohorts = new Map<number, CohortAcc>();
  for (const loan of book.loans) {
    if (loan.origin > asOf) continue;
    let acc = cohorts.get(loan.origin);
    if (acc === undefined) {
      const length = Math.min(asOf - loan.origin, options.maxMob ?? Number.POSITIVE_INFINITY) + 2;
      acc = {
        origin: loan.origin,
        loans: 0,
        principal: 0,
        dCount: new Float64Array(length),
        dPrincipal: new Float64Array(length),
      };
      cohorts.set(loan.origin, acc);
    }
    acc.loans += 1;
    acc.principal += loan.principal;
    const last = acc.dCount.length - 1;
    let bad = false;
    for (let i = 0; i < loan.rows.length; i++) {
      const month = loan.months[i] as number;
      if (month > asOf) break;
      const row = loan.rows[i] as LoanMonth;
      const isBad = row.writtenOff || row.dpd >= badDpd;
      if (isBad === bad) continue;
      const mob = Math.min(month - loan.origin, last);
      const sign = isBad ? 1 : -1;
      acc.dCount[mob] = (acc.dCount[mob] as number) + sign;
      acc.dPrincipal[mob] = (acc.dPrincipal[mob] as number) + sign * loan.principal;
      bad = isBad;
      if (ever && bad) break;
    }
  }
  const result: VintageCohort[] = [...cohorts.values()]
    .sort((a, b) => a.origin - b.origin)
    .map((acc) => {
      const curve: VintagePoint[] = [];
      let badLoans = 0;
      let badPrincipal = 0;
      for (let mob = 0; mob < acc.dCount.length - 1; mob++) {
        badLoans += acc.dCount[mob] as number;
        badPrincipal += acc.dPrincipal[mob] as number;
        const size = weight === 'count' ? acc.loans : acc.principal;
        const badWeight = weight === 'count' ? badLoans : badPrincipal;
        curve.push({ mob, badLoans, badPrincipal, rate: size === 0 ? null : badWeight / size });
      }
      return { originationMonth: monthText(acc.origin), loans: acc.loans, principal: acc.principal, curve };
    });
  return { ...base, observedThrough: monthText(asOf), cohorts: result };
}
