/**
 * The online-lending event simulator: a deterministic, labelled stream of registrations, logins,
 * loan applications, repayments, deposits, payments, withdrawals and profile changes, with injected
 * fraud patterns at tunable rates and a few late arrivals. It feeds backtests
 * (`fengkong backtest --label label.fraud`), benchmarks, the demo workspace and load tests
 * (`fengkong simulate --target`).
 */
export { type LiveReport, type LiveSendOptions, sendLive } from './live.js';
export {
  DEFAULT_LATE_FRACTION,
  DEFAULT_RATES,
  type EventLabel,
  LATE_MAX_MS,
  PATTERN_TITLES,
  PATTERNS,
  type Pattern,
  type SimulatedEvent,
  withoutLabel,
} from './model.js';
export {
  DEFAULT_START,
  MAX_EVENTS,
  MAX_LATE_FRACTION,
  MAX_PATTERN_RATE,
  MAX_TOTAL_RATE,
  type SimulateOptions,
  simulateOptionProblems,
} from './options.js';
export { simulateEvents, TARGET_SPAN_DAYS } from './simulator.js';
export { describeSummary, type SimulationSummary, SummaryBuilder, summarise } from './summary.js';
