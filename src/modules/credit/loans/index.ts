/**
 * The loan lifecycle of the credit module: the public surface the composition root, the CLI, the
 * engine link and the portfolio analytics use. `createLoans` wires the service and the `loan.approve`
 * four-eyes kind; `loansPlugin` serves the routes; `loanMonths` feeds the portfolio report.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { ChangeKind, ChangeService } from '../../identity/changes/index.js';
import { type LoanApproveChange, loanApproveKind } from './approve-kind.js';
import { parseMoney, rate } from './money.js';
import { type LoanRouteDeps, loanRoutes } from './routes.js';
import { LoanService } from './service.js';
import type { LoanUsers } from './terms.js';

export type { ApplicationInput } from './applications.js';
export { type LoanApproveChange, LoanApproveContent, loanApproveKind } from './approve-kind.js';
export { type AnnualRates, annualRates, formatRate, irr } from './apr.js';
export { type AuthorityInput, effectiveLimit } from './authority.js';
export { addMonths, chinaDate, isLocalDate, type LocalDate } from './dates.js';
export * from './errors.js';
export type { LoanImportReport, LoanImportRow } from './import.js';
export { IMPORT_COLUMNS } from './import-rows.js';
export { type LoanMonthsOptions, loanMonths } from './loan-months.js';
export { formatMoney, parseMoney, parseRate, type Rate } from './money.js';
export { bucketOf, DELINQUENCY_BUCKETS, type DelinquencyBucket, type Position } from './position.js';
export { REPAYMENT_KINDS, type RepaymentKind } from './repayments.js';
export {
  buildSchedule,
  type FeeSpec,
  type Instalment,
  type LoanTerms,
  SCHEDULE_KINDS,
  type Schedule,
  type ScheduleKind,
} from './schedule.js';
export type { ApplicationView, AuthorityView, LoanDetailView, LoanView, RepaymentView } from './schemas.js';
export { type DirectBooking, type ListQuery, LoanService } from './service.js';
export { LOAN_TABLES, type LoanTables } from './tables.js';
export type { LoanDeps, LoanUsers, TermsInput } from './terms.js';

/** Penalty interest per day on overdue principal unless configured: 0.05 % a day. */
export const DEFAULT_PENALTY_DAILY_RATE = '0.0005';

/** The loans of one process, as the composition root wires them. */
export interface Loans {
  readonly service: LoanService;
  /** `loan.approve`, to register in the change registry. */
  readonly changeKind: ChangeKind<LoanApproveChange>;
}

/** What `createLoans` needs. */
export interface LoansDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  /** Reads a person's roles (the identity module's `users`). */
  readonly users: LoanUsers;
  /**
   * Penalty interest per day on overdue principal, a decimal fraction (default "0.0005", 0.05 % a
   * day), fixed on each loan when it is booked. Lenders set it by contract, within the caps the law
   * allows them.
   */
  readonly penaltyDailyRate?: string;
  /**
   * Engine approvals up to this amount in yuan ("5000.00") are booked at once without a person
   * (default "0.00": an engine approval always waits for a person's approval within authority).
   */
  readonly engineAuthority?: string;
}

/** Wires the loan service; throws a RangeError for a malformed option (a configuration bug). */
export function createLoans(deps: LoansDeps): Loans {
  const engine = parseMoney(deps.engineAuthority ?? '0');
  if (!engine.ok) throw new RangeError(`engineAuthority ${engine.message}`);
  const service = new LoanService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    changes: deps.changes,
    users: deps.users,
    penaltyDailyRate: rate(deps.penaltyDailyRate ?? DEFAULT_PENALTY_DAILY_RATE),
    engineAuthority: engine.value,
  });
  return { service, changeKind: loanApproveKind(service.deps) };
}

/** The module's HTTP surface under the prefix it is registered with (`/api/v1`). */
export const loansPlugin: FastifyPluginAsync<{ deps: LoanRouteDeps }> = async (app, opts) => {
  await app.register(loanRoutes, { deps: opts.deps });
};
