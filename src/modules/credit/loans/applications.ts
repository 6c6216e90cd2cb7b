/**
 * Loan applications and their approval (reference text 五.3: a standardised electronic approval
 * process). The engine's decision records an application (`recordApplication`): reject closes it,
 * approve and review leave it for a person. A person with `loan:approve` approves: within their
 * authority the loan is booked at once; above it a `loan.approve` four-eyes change is submitted and
 * the loan waits for a second person whose own authority covers the amount. Rejection needs a
 * reason. Every step is audited in the transaction of the step.
 */
import { isoUtc } from '../../../kernel/clock.js';
import type { ErrorField } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import { transact } from '../../../store/transaction.js';
import {
  type Actor,
  type AuditAppender,
  AuditBatch,
  type AuditLog,
  SYSTEM_ACTOR,
} from '../../audit/index.js';
import type { ChangeCaller } from '../../identity/changes/index.js';
import { bookLoan } from './booking.js';
import { chinaDate } from './dates.js';
import {
  LoanApplicationClosed,
  LoanApplicationNotFound,
  LoanApproverNotPerson,
  LoanInvalid,
} from './errors.js';
import { formatMoney, rate } from './money.js';
import * as repo from './repo.js';
import type { ScheduleKind } from './schedule.js';
import type { LoanApplicationTable, LoanTable } from './tables.js';
import { feesOf, type LoanDeps, type ParsedTerms, parseTerms, type TermsInput } from './terms.js';
import { type ApplicationView, toApplicationView } from './views.js';

/** What the engine (or a person entering an application) gives. */
export interface ApplicationInput extends TermsInput {
  readonly event_id?: string | null | undefined;
  readonly decision_id?: string | null | undefined;
  readonly engine_outcome?: 'approve' | 'review' | 'reject' | null | undefined;
  readonly score?: number | null | undefined;
  readonly probability?: number | null | undefined;
}

/** Statuses from which a person may still approve or reject. */
export const OPEN_STATUSES: readonly string[] = ['pending_review', 'approved', 'awaiting_second_approval'];

/** Refuses anyone but a person: an API key or the system is not a pair of eyes. */
export function requirePerson(actor: Actor): void {
  if (actor.type !== 'user') throw LoanApproverNotPerson(`a ${actor.type} cannot approve or reject loans`);
}

/** The application target of audit entries and changes. */
export function applicationTarget(id: string) {
  return { type: 'loan_application', id };
}

/** The terms of a stored application. */
export function termsOfApplication(app: LoanApplicationTable): ParsedTerms {
  const fees = feesOf(app.fees);
  return {
    borrowerId: app.borrower_id,
    product: app.product,
    principal: app.amount,
    annualRate: rate(app.annual_rate),
    termMonths: app.term_months,
    kind: app.schedule_kind as ScheduleKind,
    upfrontFee: fees.upfront,
    monthlyFee: fees.monthly,
    fees: app.fees,
  };
}

/**
 * Books an open application in `trx` as approved by `approver` (disbursed today, China time) and
 * marks it booked; undefined when the application moved meanwhile (its version is not `app`'s).
 */
export async function bookApplication(
  deps: Pick<LoanDeps, 'clock' | 'penaltyDailyRate'> & { readonly audit: AuditAppender },
  trx: Executor,
  app: LoanApplicationTable,
  approver: Actor,
  reason: string | null,
): Promise<{ loan: LoanTable; application: LoanApplicationTable } | undefined> {
  const at = isoUtc(deps.clock.now());
  const loan = await bookLoan(
    deps,
    trx,
    {
      terms: termsOfApplication(app),
      disbursedOn: chinaDate(deps.clock.now()),
      applicationId: app.id,
      source: 'application',
    },
    approver,
  );
  const application = await repo.updateApplication(trx, app.id, app.version, {
    status: 'booked',
    loan_id: loan.id,
    decided_by_type: approver.type,
    decided_by_id: approver.id,
    decided_at: at,
    decision_reason: reason,
    updated_at: at,
  });
  return application ? { loan, application } : undefined;
}

/** Throws `FK_ERR_LOAN_INVALID` naming every problem. */
export function invalid(problems: readonly ErrorField[]): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw LoanInvalid(`${first.path} ${first.message}${more}`, problems);
}

/**
 * Records an application. An event recorded before returns its application unchanged (the engine
 * may retry). Engine `reject` closes it; `approve` marks it approved for a person to confirm — or
 * books it at once as the system when the amount is within the configured engine authority.
 */
export async function recordApplication(
  deps: LoanDeps,
  input: ApplicationInput,
  actor: Actor = SYSTEM_ACTOR,
): Promise<ApplicationView> {
  const parsed = parseTerms(input);
  if (!parsed.ok) invalid(parsed.problems);
  if (input.event_id) {
    const known = await repo.applicationOfEvent(deps.db, input.event_id);
    if (known) return toApplicationView(known);
  }
  const stored = await transact(deps.db, (trx) => recordParsed(deps, trx, input, parsed.value, actor));
  if (stored) return toApplicationView(stored);
  // Another request recorded the same event first.
  const known = input.event_id ? await repo.applicationOfEvent(deps.db, input.event_id) : undefined;
  if (!known) throw new Error('an application insert was refused without a known event');
  return toApplicationView(known);
}

/**
 * Records several applications in one transaction (the engine's decisions arrive in batches: one
 * durable commit for the batch instead of one per application). Each is recorded as
 * {@link recordApplication} would; an event already recorded is left as it is. Throws, recording
 * none, if any input is invalid or any write fails (the caller retries them one by one).
 */
export async function recordApplications(
  deps: LoanDeps,
  inputs: readonly ApplicationInput[],
  actor: Actor = SYSTEM_ACTOR,
): Promise<void> {
  const parsed = inputs.map((input) => {
    const terms = parseTerms(input);
    if (!terms.ok) invalid(terms.problems);
    return terms.value;
  });
  await transact(deps.db, async (trx) => {
    // The batch's audit entries are appended together once its rows are written.
    const audit = new AuditBatch(deps.audit);
    const batched = { ...deps, audit };
    // An event recorded before is left as it is: its insert does nothing (`recordParsed`).
    for (const [i, input] of inputs.entries())
      await recordParsed(batched, trx, input, parsed[i] as ParsedTerms, actor);
    await audit.flush(trx);
  });
}

/** Inserts one application with its audit entry inside `trx`, booking it when the engine may; undefined if its event was recorded first. */
async function recordParsed(
  deps: Omit<LoanDeps, 'audit'> & { readonly audit: AuditAppender },
  trx: Executor,
  input: ApplicationInput,
  t: ParsedTerms,
  actor: Actor,
): Promise<LoanApplicationTable | undefined> {
  const outcome = input.engine_outcome ?? null;
  const now = deps.clock.now();
  const at = isoUtc(now);
  const rejected = outcome === 'reject';
  const row: LoanApplicationTable = {
    id: newId(now),
    event_id: input.event_id ?? null,
    decision_id: input.decision_id ?? null,
    borrower_id: t.borrowerId,
    product: t.product,
    amount: t.principal,
    term_months: t.termMonths,
    annual_rate: t.annualRate.text,
    schedule_kind: t.kind,
    fees: t.fees,
    engine_outcome: outcome,
    score: input.score ?? null,
    probability: input.probability ?? null,
    status: rejected ? 'rejected' : outcome === 'approve' ? 'approved' : 'pending_review',
    change_id: null,
    first_approver_id: null,
    decided_by_type: rejected ? SYSTEM_ACTOR.type : null,
    decided_by_id: rejected ? SYSTEM_ACTOR.id : null,
    decided_at: rejected ? at : null,
    decision_reason: rejected ? 'the decision engine rejected the application' : null,
    loan_id: null,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (!(await repo.insertApplication(trx, row))) return undefined;
  await deps.audit.append(trx, {
    actor,
    action: 'loan.application.record',
    target: applicationTarget(row.id),
    payload: {
      event_id: row.event_id,
      decision_id: row.decision_id,
      borrower_id: row.borrower_id,
      product: row.product,
      amount: formatMoney(row.amount),
      engine_outcome: outcome,
      status: row.status,
    },
  });
  if (outcome !== 'approve' || row.amount > deps.engineAuthority) return row;
  const booked = await bookApplication(deps, trx, row, SYSTEM_ACTOR, 'within the engine authority');
  return booked?.application ?? row;
}

/** One application; `FK_ERR_LOAN_APPLICATION_NOT_FOUND` otherwise. */
export async function requireApplication(db: Executor, id: string): Promise<LoanApplicationTable> {
  const app = await repo.findApplication(db, id);
  if (!app) throw LoanApplicationNotFound(`loan application ${id} does not exist`);
  return app;
}

/** Audits a refused approval as `denied` (in its own transaction) and throws the refusal. */
export async function deny(
  deps: { readonly audit: AuditLog },
  caller: ChangeCaller,
  action: string,
  id: string,
  refusal: Error & { code?: string },
): Promise<never> {
  await deps.audit.record({
    actor: caller.actor,
    action,
    target: applicationTarget(id),
    outcome: 'denied',
    payload: { code: refusal.code ?? 'FK_ERR_INTERNAL' },
  });
  throw refusal;
}

/** Rejects an open application with the reason the applicant's file keeps. */
export async function rejectApplication(
  deps: LoanDeps,
  caller: ChangeCaller,
  id: string,
  reason: string,
): Promise<ApplicationView> {
  requirePerson(caller.actor);
  const why = reason.trim();
  if (why === '') invalid([{ path: 'body.reason', message: 'must say why the application is rejected' }]);
  const app = await requireApplication(deps.db, id);
  if (!OPEN_STATUSES.includes(app.status))
    throw LoanApplicationClosed(`loan application ${id} is ${app.status}`);
  const at = isoUtc(deps.clock.now());
  const updated = await transact(deps.db, async (trx) => {
    const row = await repo.updateApplication(trx, id, app.version, {
      status: 'rejected',
      decided_by_type: caller.actor.type,
      decided_by_id: caller.actor.id,
      decided_at: at,
      decision_reason: why,
      updated_at: at,
    });
    if (!row) throw LoanApplicationClosed(`loan application ${id} was decided by someone else a moment ago`);
    await deps.audit.append(trx, {
      actor: caller.actor,
      action: 'loan.application.reject',
      target: applicationTarget(id),
      payload: { reason: why, previous_status: app.status, change_id: app.change_id },
    });
    return row;
  });
  if (app.change_id) await closeChange(deps, caller, app.change_id, why);
  return toApplicationView(updated);
}

/**
 * Closes the pending `loan.approve` change of a rejected application: withdrawn by its maker,
 * rejected by anyone else. Best effort: the change no longer matches its application (it is stale),
 * so it could never be applied even if this fails.
 */
async function closeChange(
  deps: LoanDeps,
  caller: ChangeCaller,
  changeId: string,
  why: string,
): Promise<void> {
  const change = await deps.changes.get(changeId).catch(() => undefined);
  if (change?.status !== 'pending') return;
  const mine = change.maker.type === caller.actor.type && change.maker.id === caller.actor.id;
  await (mine
    ? deps.changes.withdraw(caller, changeId, why)
    : deps.changes.reject(caller, changeId, why)
  ).catch(() => undefined);
}
