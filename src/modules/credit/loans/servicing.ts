/**
 * Servicing a booked loan: repayments, the payoff quote, the write-off and recoveries, and the loan
 * as it stands today. Every change locks the loan, replays its stored events into the ledger, applies
 * the new event there, and writes the event, the ledger lines, the status and the audit entry in one
 * transaction.
 */
import { isoUtc } from '../../../kernel/clock.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { eventsOf, instalmentRows, ledgerTermsOf } from './booking.js';
import { chinaDate, isLocalDate, type LocalDate } from './dates.js';
import {
  LoanDateInvalid,
  LoanExists,
  LoanNotActive,
  LoanNotFound,
  LoanNotWrittenOff,
  LoanRepaymentRefused,
} from './errors.js';
import type { Ledger } from './ledger.js';
import { formatMoney } from './money.js';
import { type Position, positionAt, replay } from './position.js';
import {
  type PayoffQuote,
  payoffQuote,
  type Refusal,
  type RepaymentInput,
  repay,
  writeOff,
} from './repayments.js';
import * as repo from './repo.js';
import type { LoanRepaymentTable, LoanTable, LoanWriteOffTable } from './tables.js';
import type { LoanDeps } from './terms.js';
import {
  type LoanDetailView,
  type LoanView,
  type RecoveryView,
  type RepaymentView,
  toAllocationView,
  toInstalmentView,
  toLoanView,
  toRecoveryView,
  toRepaymentView,
  toWriteOffView,
  type WriteOffView,
} from './views.js';

type Deps = Pick<LoanDeps, 'db' | 'clock' | 'audit'>;

/** Today in China Standard Time by the service clock. */
export function today(deps: Pick<LoanDeps, 'clock'>): LocalDate {
  return chinaDate(deps.clock.now());
}

/** A loan's stored ledger: terms replayed through its repayments and write-off. */
export async function loadLedger(
  db: Executor,
  loan: LoanTable,
): Promise<{ ledger: Ledger; writeOff: LoanWriteOffTable | undefined }> {
  const [repayments, writeOffs] = await Promise.all([
    repo.repaymentsOf(db, [loan.id]),
    repo.writeOffsOf(db, [loan.id]),
  ]);
  const writeOffRow = writeOffs[0];
  return { ledger: replay(ledgerTermsOf(loan), eventsOf(repayments, writeOffRow)), writeOff: writeOffRow };
}

/** Where a loan stands on `date` (or on its last event, when that is later). */
export function positionOn(ledger: Ledger, date: LocalDate): Position {
  return positionAt(ledger, date < ledger.at ? ledger.at : date);
}

function refused(outcome: Refusal, path: string): never {
  if (outcome.reason === 'not_active') throw LoanNotActive(outcome.message);
  if (outcome.reason === 'date')
    throw LoanDateInvalid(`${path} ${outcome.message}`, [{ path, message: outcome.message }]);
  throw LoanRepaymentRefused(outcome.message, [
    { path: outcome.reason === 'credit' ? 'loan' : 'body.amount', message: outcome.message },
  ]);
}

/** Refuses a date that is not a calendar date, or (unless `future`) one after today. */
function checkDay(deps: Deps, date: LocalDate, path: string, future = false): void {
  if (!isLocalDate(date))
    throw LoanDateInvalid(`${path} ${date} is not a calendar date`, [
      { path, message: 'must be a date YYYY-MM-DD' },
    ]);
  if (!future && date > today(deps))
    throw LoanDateInvalid(`${path} ${date} is in the future`, [
      { path, message: 'must not be in the future' },
    ]);
}

async function locked(trx: Executor, deps: Deps, id: string): Promise<LoanTable> {
  const loan = await repo.lockLoan(trx, id, isoUtc(deps.clock.now()));
  if (!loan) throw LoanNotFound(`loan ${id} does not exist`);
  return loan;
}

/** A repayment as received. */
export type RepaymentRequest = RepaymentInput & {
  readonly reference?: string | null | undefined;
  readonly source?: string;
};

/**
 * Records a repayment in `trx` (or a transaction of its own) and returns it with its allocation.
 * Refused for a loan closed or written off, a date in the future or before the last repayment, and
 * an amount the ledger cannot take (an overpayment, a payoff that is not the quote).
 */
export async function recordRepayment(
  deps: Deps,
  loanId: string,
  input: RepaymentRequest,
  actor: Actor,
  db: Executor = deps.db,
): Promise<RepaymentView> {
  checkDay(deps, input.receivedOn, 'body.received_on');
  return transact(db, async (trx) => {
    const loan = await locked(trx, deps, loanId);
    if (loan.status !== 'active') throw LoanNotActive(`loan ${loanId} is ${loan.status}`);
    const repayments = await repo.repaymentsOf(trx, [loanId]);
    if (input.reference && repayments.some((r) => r.reference === input.reference))
      throw LoanExists(`repayment ${input.reference} of loan ${loanId} is already recorded`);
    const ledger = replay(ledgerTermsOf(loan), eventsOf(repayments, undefined));
    const outcome = repay(ledger, input);
    if (!outcome.ok) refused(outcome, 'body.received_on');
    const now = deps.clock.now();
    const row: LoanRepaymentTable = {
      id: newId(now),
      loan_id: loanId,
      seq: repayments.length + 1,
      kind: input.kind,
      amount: input.amount,
      received_on: input.receivedOn,
      ...outcome.allocation,
      reference: input.reference ?? null,
      source: input.source ?? 'manual',
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: isoUtc(now),
    };
    await repo.insertRepayment(trx, row);
    await repo.replaceInstalments(trx, loanId, instalmentRows(loanId, outcome.ledger));
    if (outcome.ledger.status === 'closed')
      await repo.setLoanStatus(trx, loanId, {
        status: 'closed',
        closed_on: outcome.ledger.closedOn,
        written_off_on: null,
      });
    await deps.audit.append(trx, {
      actor,
      action: 'loan.repayment',
      target: { type: 'loan', id: loanId },
      payload: {
        repayment_id: row.id,
        kind: row.kind,
        amount: formatMoney(row.amount),
        received_on: row.received_on,
        reference: row.reference,
        allocation: toAllocationView(outcome.allocation),
        status: outcome.ledger.status,
      },
    });
    return toRepaymentView(row);
  });
}

/** What paying the loan off on `on` (default today) costs. */
export async function quotePayoff(deps: Deps, loanId: string, on?: LocalDate): Promise<PayoffQuote> {
  const loan = await repo.findLoan(deps.db, loanId);
  if (!loan) throw LoanNotFound(`loan ${loanId} does not exist`);
  if (loan.status !== 'active') throw LoanNotActive(`loan ${loanId} is ${loan.status}`);
  if (on !== undefined) checkDay(deps, on, 'query.on', true);
  const { ledger } = await loadLedger(deps.db, loan);
  const date = on ?? today(deps);
  const quote = payoffQuote(ledger, date);
  if (!quote) throw LoanDateInvalid(`query.on must not be before ${ledger.at}`);
  return quote;
}

/**
 * Writes a loan off on `on`: what is left moves off the books, audited with the amounts
 * (`loan.write_off`). Needs `loan:approve` at the route; no second person (the amounts are recorded
 * and every later recovery is recorded against them).
 */
export async function writeOffLoan(
  deps: Deps,
  loanId: string,
  input: { on: LocalDate; reason: string },
  actor: Actor,
): Promise<WriteOffView> {
  checkDay(deps, input.on, 'body.written_off_on');
  return transact(deps.db, async (trx) => {
    const loan = await locked(trx, deps, loanId);
    if (loan.status !== 'active') throw LoanNotActive(`loan ${loanId} is ${loan.status}`);
    const { ledger } = await loadLedger(trx, loan);
    const outcome = writeOff(ledger, input.on);
    if (!outcome.ok) refused(outcome, 'body.written_off_on');
    const a = outcome.amounts;
    const row: LoanWriteOffTable = {
      loan_id: loanId,
      written_off_on: input.on,
      penalty: a.penalty,
      fee: a.fee,
      interest: a.interest,
      principal: a.principal,
      total: a.total,
      dpd: a.dpd,
      reason: input.reason,
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: isoUtc(deps.clock.now()),
    };
    await repo.insertWriteOff(trx, row);
    await repo.replaceInstalments(trx, loanId, instalmentRows(loanId, outcome.ledger));
    await repo.setLoanStatus(trx, loanId, {
      status: 'written_off',
      closed_on: null,
      written_off_on: input.on,
    });
    const view = toWriteOffView(row);
    await deps.audit.append(trx, {
      actor,
      action: 'loan.write_off',
      target: { type: 'loan', id: loanId },
      payload: { ...view, created_by: undefined, created_at: undefined },
    });
    return view;
  });
}

/** Records money received on a written-off loan (`loan.recovery`); the ledger does not move. */
export async function recordRecovery(
  deps: Deps,
  loanId: string,
  input: { amount: number; receivedOn: LocalDate; note: string },
  actor: Actor,
): Promise<RecoveryView> {
  checkDay(deps, input.receivedOn, 'body.received_on');
  return transact(deps.db, async (trx) => {
    const loan = await locked(trx, deps, loanId);
    if (loan.status !== 'written_off' || !loan.written_off_on)
      throw LoanNotWrittenOff(`loan ${loanId} is ${loan.status}`);
    if (input.receivedOn < loan.written_off_on)
      throw LoanDateInvalid(`body.received_on must not be before the write-off on ${loan.written_off_on}`);
    const now = deps.clock.now();
    const row = {
      id: newId(now),
      loan_id: loanId,
      amount: input.amount,
      received_on: input.receivedOn,
      note: input.note,
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: isoUtc(now),
    };
    await repo.insertRecovery(trx, row);
    await deps.audit.append(trx, {
      actor,
      action: 'loan.recovery',
      target: { type: 'loan', id: loanId },
      payload: {
        recovery_id: row.id,
        amount: formatMoney(row.amount),
        received_on: row.received_on,
        note: row.note,
      },
    });
    return toRecoveryView(row);
  });
}

/** A loan as it stands today (or on `asOf`). */
export async function loanView(deps: Deps, loan: LoanTable, asOf?: LocalDate): Promise<LoanView> {
  const { ledger } = await loadLedger(deps.db, loan);
  return toLoanView(loan, positionOn(ledger, asOf ?? today(deps)));
}

/** A loan with its ledger lines, repayments, write-off and recoveries. */
export async function loanDetail(deps: Deps, loanId: string, asOf?: LocalDate): Promise<LoanDetailView> {
  if (asOf !== undefined) checkDay(deps, asOf, 'query.as_of', true);
  const loan = await repo.findLoan(deps.db, loanId);
  if (!loan) throw LoanNotFound(`loan ${loanId} does not exist`);
  const [repayments, writeOffs, lines, recoveries] = await Promise.all([
    repo.repaymentsOf(deps.db, [loanId]),
    repo.writeOffsOf(deps.db, [loanId]),
    repo.instalmentsOf(deps.db, loanId),
    repo.recoveriesOf(deps.db, loanId),
  ]);
  const ledger = replay(ledgerTermsOf(loan), eventsOf(repayments, writeOffs[0]));
  return {
    ...toLoanView(loan, positionOn(ledger, asOf ?? today(deps))),
    instalments: lines.map(toInstalmentView),
    repayments: repayments.map(toRepaymentView),
    write_off: writeOffs[0] ? toWriteOffView(writeOffs[0]) : null,
    recoveries: recoveries.map(toRecoveryView),
    recovered: formatMoney(recoveries.reduce((t, r) => t + r.amount, 0)),
  };
}
