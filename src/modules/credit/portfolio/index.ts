/**
 * The public surface of the portfolio analytics: pure functions from `LoanMonth` rows to vintage
 * curves, roll-rate matrices, overdue and NPL ratios, borrower concentration, the risk reserve, and
 * the combined report.
 */
export {
  BUCKETS,
  bucketOfDpd,
  type DelinquencyBucket,
  LOAN_STATE_INFO,
  LOAN_STATES,
  type LoanState,
  type LoanStateInfo,
  NPL_DPD,
  stateOf,
} from './buckets.js';
export {
  type Concentration,
  type ConcentrationOptions,
  concentration,
  concentrationOfBook,
  type TopBorrower,
} from './concentration.js';
export { PortfolioInputError } from './input-error.js';
export { indexLoanBook, type LoanBook, type LoanHistory } from './loan-book.js';
export type { LoanMonth, YearMonth } from './loan-month.js';
export {
  type CohortOverdueRate,
  NPL_DEFINITION,
  type NplFigures,
  type OverdueDenominator,
  type OverdueNumerator,
  type OverdueRate,
  type PortfolioRates,
  portfolioRates,
  portfolioRatesOfBook,
  type RatesOptions,
  type StateFigures,
} from './rates.js';
export { type PortfolioReport, type PortfolioReportOptions, portfolioReport } from './report.js';
export {
  coverageRatio,
  type Drawdown,
  drawdownFor,
  type Provision,
  type ProvisionInput,
  provisionFor,
  type ReserveBasis,
  type ReserveConfig,
  type ReserveEntry,
  type ReserveEvent,
  type ReserveLedger,
  reserveLedger,
} from './reserve.js';
export { applyRate, parseReserveRate, type ReserveRate } from './reserve-rate.js';
export {
  type Recovery,
  type ReserveMonth,
  type ReserveSchedule,
  type ReserveScheduleMonth,
  reserveFiguresOfBook,
  reserveSchedule,
} from './reserve-schedule.js';
export {
  averageRollRate,
  averageRollRateOfBook,
  type RollRateMatrix,
  rollRate,
  rollRateOfBook,
  type StateTable,
  type Unmatched,
} from './roll-rate.js';
export {
  type VintageCohort,
  type VintageOptions,
  type VintagePoint,
  type VintageResult,
  vintage,
  vintageOfBook,
} from './vintage.js';
