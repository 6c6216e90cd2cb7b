/**
 * Balances and overdue ratios of a book as at one month end: outstanding, overdue amount, overdue
 * rates over a chosen denominator, the NPL ratio, and counts and amounts by state.
 *
 * Written-off loans are off the book: their outstanding and overdue amounts are left out of every
 * balance and ratio (they appear only in the `written_off` state count). `lent` is the principal of
 * every loan originated up to the as-of month, whether still on the book, closed or written off.
 *
 * NPL follows the five-category loan classification of Chinese banking supervision (《贷款风险分类指引》,
 * 银监发〔2007〕54号: 正常 pass, 关注 special mention, 次级 substandard, 可疑 doubtful, 损失 loss; non-
 * performing = substandard and below). The 2023 《商业银行金融资产风险分类办法》 (国家金融监督管理总局、
 * 中国人民银行令2023年第1号) requires an exposure more than 90 days overdue to be classed substandard or
 * worse, and the Basel Committee's definition of non-performing exposures (*Prudential treatment of
 * problem assets*, BCBS, April 2017) uses the same 90-day line. Classification is a judgement we do not
 * have, so we use the days-past-due proxy: M3+ (dpd > 90, not written off) ↔ substandard, doubtful and
 * loss; current to M3 ↔ pass and special mention. The ratio is NPL outstanding / total outstanding.
 */
import type { Text } from '../../../kernel/i18n.js';
import { LOAN_STATES, type LoanState, stateIndex } from './buckets.js';
import { indexLoanBook, type LoanBook, resolveAsOf, rowAt } from './loan-book.js';
import type { LoanMonth, YearMonth } from './loan-month.js';
import { monthText } from './month.js';

/** What an overdue rate is divided by. */
export type OverdueDenominator = 'outstanding' | 'lent' | 'cohort';

/**
 * What is counted as overdue: the amounts past due (`LoanMonth.overdue`: principal, interest and fees
 * due and unpaid) or the whole outstanding principal of every loan at least one day past due (the
 * balance-based 逾期贷款余额 of bank reporting).
 */
export type OverdueNumerator = 'overdue_amount' | 'overdue_balance';

/** Options of `portfolioRates`. */
export interface RatesOptions {
  /** The month end measured (default: the book's last month). */
  readonly asOf?: YearMonth;
  readonly denominator?: OverdueDenominator;
  readonly numerator?: OverdueNumerator;
}

/** Loans and amounts in one state. */
export interface StateFigures {
  readonly loans: number;
  readonly outstanding: number;
  readonly overdue: number;
}

/** The overdue rate of one origination cohort: overdue at the as-of month over the cohort's principal. */
export interface CohortOverdueRate {
  readonly originationMonth: YearMonth;
  readonly loans: number;
  readonly principal: number;
  readonly overdue: number;
  readonly rate: number | null;
}

/** An overdue rate over the whole book (`outstanding`, `lent`) or per cohort. */
export type OverdueRate =
  | {
      readonly denominator: 'outstanding' | 'lent';
      readonly numerator: OverdueNumerator;
      readonly overdue: number;
      readonly base: number;
      /** overdue / base; null when the base is 0. */
      readonly rate: number | null;
    }
  | {
      readonly denominator: 'cohort';
      readonly numerator: OverdueNumerator;
      readonly cohorts: readonly CohortOverdueRate[];
    };

/** The non-performing loans: M3+ outstanding and its share of the book. */
export interface NplFigures {
  readonly loans: number;
  readonly outstanding: number;
  /** NPL outstanding / total outstanding; null when nothing is outstanding. */
  readonly ratio: number | null;
  readonly definition: Text;
}

/** Balances and ratios of a book as at one month end. */
export interface PortfolioRates {
  readonly asOf: YearMonth;
  /** Loans reported in the as-of month, in any state. */
  readonly loans: number;
  /** Of those, neither closed nor written off. */
  readonly activeLoans: number;
  readonly outstanding: number;
  /** Sum of the amounts past due. */
  readonly overdueAmount: number;
  /** Outstanding of loans at least one day past due. */
  readonly overdueBalance: number;
  /** Principal of every loan originated up to the as-of month. */
  readonly lent: number;
  readonly overdueRate: OverdueRate;
  readonly npl: NplFigures;
  readonly byState: Readonly<Record<LoanState, StateFigures>>;
}

/** The NPL definition this module applies, for reports. */
export const NPL_DEFINITION: Text = Object.freeze({
  en: 'Outstanding principal of loans more than 90 days past due and not written off (M3+), the days-past-due proxy of substandard, doubtful and loss in the five-category classification, over total outstanding.',
  zh: '逾期90天以上且未核销（M3+）贷款的未偿本金占全部贷款余额的比例；以逾期天数近似五级分类中的次级、可疑、损失类。',
});

interface CohortAcc {
  origin: number;
  loans: number;
  principal: number;
  overdue: number;
}

/** Rates of raw rows; see `portfolioRatesOfBook`. */
export function portfolioRates(rows: readonly LoanMonth[], options: RatesOptions = {}): PortfolioRates {
  return portfolioRatesOfBook(indexLoanBook(rows), options);
}

/** Balances, overdue rates, NPL ratio and state figures of a checked book as at one month end. */
export function portfolioRatesOfBook(book: LoanBook, options: RatesOptions = {}): PortfolioRates {
  const asOf = resolveAsOf(book, options.asOf);
  const denominator = options.denominator ?? 'outstanding';
  const numerator = options.numerator ?? 'overdue_amount';
  const loans = new Float64Array(LOAN_STATES.length);
  const outstandings = new Float64Array(LOAN_STATES.length);
  const overdues = new Float64Array(LOAN_STATES.length);
  let lent = 0;
  let overdueBalance = 0;
  const cohorts = new Map<number, CohortAcc>();
  for (const loan of book.loans) {
    if (loan.origin > asOf) continue;
    lent += loan.principal;
    let cohort = cohorts.get(loan.origin);
    if (cohort === undefined) {
      cohort = { origin: loan.origin, loans: 0, principal: 0, overdue: 0 };
      cohorts.set(loan.origin, cohort);
    }
    cohort.loans += 1;
    cohort.principal += loan.principal;
    const row = rowAt(loan, asOf);
    if (row === undefined) continue;
    const s = stateIndex(row);
    loans[s] = (loans[s] as number) + 1;
    if (row.writtenOff) continue;
    outstandings[s] = (outstandings[s] as number) + row.outstanding;
    overdues[s] = (overdues[s] as number) + row.overdue;
    const overdueBit = row.dpd > 0 ? row.outstanding : 0;
    overdueBalance += overdueBit;
    cohort.overdue += numerator === 'overdue_amount' ? row.overdue : overdueBit;
  }
  const byState = {} as Record<LoanState, StateFigures>;
  let loanCount = 0;
  let outstanding = 0;
  let overdueAmount = 0;
  LOAN_STATES.forEach((state, i) => {
    const figures = {
      loans: loans[i] as number,
      outstanding: outstandings[i] as number,
      overdue: overdues[i] as number,
    };
    byState[state] = figures;
    loanCount += figures.loans;
    outstanding += figures.outstanding;
    overdueAmount += figures.overdue;
  });
  const activeLoans = loanCount - byState.written_off.loans - byState.closed.loans;
  const overdue = numerator === 'overdue_amount' ? overdueAmount : overdueBalance;
  const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
  const overdueRate: OverdueRate =
    denominator === 'cohort'
      ? {
          denominator,
          numerator,
          cohorts: [...cohorts.values()]
            .sort((a, b) => a.origin - b.origin)
            .map((c) => ({
              originationMonth: monthText(c.origin),
              loans: c.loans,
              principal: c.principal,
              overdue: c.overdue,
              rate: ratio(c.overdue, c.principal),
            })),
        }
      : {
          denominator,
          numerator,
          overdue,
          base: denominator === 'outstanding' ? outstanding : lent,
          rate: ratio(overdue, denominator === 'outstanding' ? outstanding : lent),
        };
  const nplState = byState['M3+'];
  return {
    asOf: monthText(asOf),
    loans: loanCount,
    activeLoans,
    outstanding,
    overdueAmount,
    overdueBalance,
    lent,
    overdueRate,
    npl: {
      loans: nplState.loans,
      outstanding: nplState.outstanding,
      ratio: ratio(nplState.outstanding, outstanding),
      definition: NPL_DEFINITION,
    },
    byState,
  };
}
