/**
 * The loan lifecycle as one service: applications and their approval by authority and four eyes,
 * booking, repayments, write-offs and recoveries, the authority table, imports, and month-end
 * snapshots. Each method delegates to the file that implements it; the service holds the
 * dependencies, so routes, the CLI and the engine call one object.
 */
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import type { ChangeCaller } from '../../identity/changes/index.js';
import { ROLE_NAMES } from '../../identity/index.js';
import type { LoanMonth } from '../portfolio/index.js';
import {
  type ApplicationInput,
  invalid,
  recordApplication,
  recordApplications,
  rejectApplication,
  requireApplication,
} from './applications.js';
import { approveApplication } from './approve.js';
import { type AuthorityInput, limitOf, setAuthority, toAuthorityView } from './authority.js';
import { bookLoan } from './booking.js';
import { isLocalDate, type LocalDate } from './dates.js';
import { LoanAuthorityExceeded, LoanDateInvalid } from './errors.js';
import { importBook, type LoanImportReport } from './import.js';
import { type LoanMonthsOptions, loanMonths } from './loan-months.js';
import { formatMoney, parseMoney } from './money.js';
import type { PayoffQuote } from './repayments.js';
import * as repo from './repo.js';
import type { AuthorityView } from './schemas.js';
import {
  loanDetail,
  loanView,
  quotePayoff,
  type RepaymentRequest,
  recordRecovery,
  recordRepayment,
  today,
  writeOffLoan,
} from './servicing.js';
import { type LoanDeps, parseTerms, type TermsInput } from './terms.js';
import {
  type ApplicationView,
  type LoanDetailView,
  type LoanView,
  type RecoveryView,
  type RepaymentView,
  toApplicationView,
  type WriteOffView,
} from './views.js';

/** A loan booked directly (not from an application). */
export interface DirectBooking extends TermsInput {
  /** Default: today (China Standard Time). */
  readonly disbursed_on?: string | undefined;
  /** Default: one month after disbursement. */
  readonly first_due_date?: string | undefined;
}

/** Filters and paging of lists. */
export interface ListQuery {
  readonly status?: string | undefined;
  readonly borrower_id?: string | undefined;
  readonly product?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** The loan service. */
export class LoanService {
  constructor(readonly deps: LoanDeps) {}

  /** Records an application from the engine's decision (idempotent per event id). */
  recordApplication(input: ApplicationInput, actor?: Actor): Promise<ApplicationView> {
    return recordApplication(this.deps, input, actor);
  }

  /** Records a batch of applications in one transaction (all or none; see `recordApplications`). */
  recordApplications(inputs: readonly ApplicationInput[], actor?: Actor): Promise<void> {
    return recordApplications(this.deps, inputs, actor);
  }

  /** Approves an application: booked within authority, else the first of two signatures. */
  approve(caller: ChangeCaller, id: string, comment?: string): Promise<ApplicationView> {
    return approveApplication(this.deps, caller, id, comment);
  }

  /** Rejects an open application with a reason. */
  reject(caller: ChangeCaller, id: string, reason: string): Promise<ApplicationView> {
    return rejectApplication(this.deps, caller, id, reason);
  }

  /** One application. */
  async application(id: string): Promise<ApplicationView> {
    return toApplicationView(await requireApplication(this.deps.db, id));
  }

  /** A page of applications, newest first. */
  async applications(
    query: ListQuery & { readonly min_amount?: string | undefined; readonly max_amount?: string | undefined },
  ): Promise<{ items: ApplicationView[]; total: number }> {
    // The amounts passed the schema's yuan pattern, so they parse; fen are compared exactly.
    const fen = (text: string | undefined) => {
      if (text === undefined) return undefined;
      const parsed = parseMoney(text);
      return parsed.ok ? parsed.value : undefined;
    };
    const page = await repo.queryApplications(this.deps.db, {
      ...query,
      minAmount: fen(query.min_amount),
      maxAmount: fen(query.max_amount),
    });
    return { items: page.items.map(toApplicationView), total: page.total };
  }

  /**
   * Books a loan directly. Subject to the booker's own approval authority for the product (a direct
   * booking is an approval): above it, record an application and have it approved instead.
   */
  async book(actor: Actor, input: DirectBooking): Promise<LoanDetailView> {
    const parsed = parseTerms(input);
    if (!parsed.ok) invalid(parsed.problems);
    const disbursedOn = input.disbursed_on ?? today(this.deps);
    for (const [path, date] of [
      ['body.disbursed_on', disbursedOn],
      ['body.first_due_date', input.first_due_date],
    ] as const) {
      if (date !== undefined && !isLocalDate(date))
        throw LoanDateInvalid(`${path} must be a date YYYY-MM-DD`);
    }
    if (disbursedOn > today(this.deps)) throw LoanDateInvalid('body.disbursed_on must not be in the future');
    const limit = await limitOf(this.deps, this.deps.db, actor, parsed.value.product);
    if (parsed.value.principal > limit) {
      throw LoanAuthorityExceeded(
        `${formatMoney(parsed.value.principal)} yuan is above your authority of ${formatMoney(limit)} yuan for ${parsed.value.product}: record an application for approval instead`,
      );
    }
    const loan = await transact(this.deps.db, (trx) =>
      bookLoan(
        this.deps,
        trx,
        { terms: parsed.value, disbursedOn, firstDueDate: input.first_due_date, source: 'direct' },
        actor,
      ),
    );
    return loanDetail(this.deps, loan.id);
  }

  /** A page of loans with their position today. */
  async loans(query: ListQuery): Promise<{ items: LoanView[]; total: number }> {
    const page = await repo.queryLoans(this.deps.db, { ...query, borrowerId: query.borrower_id });
    return { items: await Promise.all(page.items.map((l) => loanView(this.deps, l))), total: page.total };
  }

  /** One loan with its ledger, repayments, write-off and recoveries, positioned on `asOf` (default today). */
  loan(id: string, asOf?: LocalDate): Promise<LoanDetailView> {
    return loanDetail(this.deps, id, asOf);
  }

  /** Records a repayment. */
  repay(actor: Actor, loanId: string, input: RepaymentRequest): Promise<RepaymentView> {
    return recordRepayment(this.deps, loanId, input, actor);
  }

  /** What paying the loan off on `on` costs. */
  payoffQuote(loanId: string, on?: LocalDate): Promise<PayoffQuote> {
    return quotePayoff(this.deps, loanId, on);
  }

  /** Writes a loan off (audited). */
  writeOff(actor: Actor, loanId: string, input: { on: LocalDate; reason: string }): Promise<WriteOffView> {
    return writeOffLoan(this.deps, loanId, input, actor);
  }

  /** Records a recovery on a written-off loan. */
  recover(
    actor: Actor,
    loanId: string,
    input: { amount: number; receivedOn: LocalDate; note: string },
  ): Promise<RecoveryView> {
    return recordRecovery(this.deps, loanId, input, actor);
  }

  /** Every authority entry. */
  async authority(): Promise<AuthorityView[]> {
    return (await repo.listAuthority(this.deps.db)).map(toAuthorityView);
  }

  /** Sets (or, with a null limit, removes) one authority entry. */
  setAuthority(actor: Actor, input: AuthorityInput): Promise<AuthorityView | null> {
    return transact(this.deps.db, (trx) => setAuthority(this.deps, trx, input, ROLE_NAMES, actor));
  }

  /** What `actor` may approve alone for `product`, in fen. */
  limitOf(actor: Actor, product: string): Promise<number> {
    return limitOf(this.deps, this.deps.db, actor, product);
  }

  /** Imports loans and repayments from CSV, row by row. */
  import(csv: string, actor: Actor): Promise<LoanImportReport> {
    return importBook(this.deps, csv, actor);
  }

  /** Month-end snapshots of the book for the portfolio analytics. */
  months(options: LoanMonthsOptions = {}): Promise<LoanMonth[]> {
    return loanMonths(this.deps.db, { now: this.deps.clock.now(), ...options });
  }
}
