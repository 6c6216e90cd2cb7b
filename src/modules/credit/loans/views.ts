/**
 * Loans, applications and their parts as the API shows them: money as yuan strings with two decimals,
 * rates as the decimal strings they were given in, people as `{ type, id }`.
 */
import type { Actor } from '../../audit/index.js';
import { formatMoney } from './money.js';
import type { Position } from './position.js';
import type { Allocation } from './repayments.js';
import type {
  ApplicationView,
  FeesView,
  LoanDetailView,
  LoanView,
  RecoveryView,
  RepaymentView,
  WriteOffView,
} from './schemas.js';
import type {
  LoanApplicationTable,
  LoanInstalmentTable,
  LoanRecoveryTable,
  LoanRepaymentTable,
  LoanTable,
  LoanWriteOffTable,
} from './tables.js';

const money = formatMoney;

function actorOf(type: string | null, id: string | null): Actor | null {
  return type === null || id === null ? null : { type: type as Actor['type'], id };
}

/** `type:id` of an actor, as stored in one column. */
export function actorText(actor: Actor): string {
  return `${actor.type}:${actor.id}`;
}

/** An application for the API. */
export function toApplicationView(row: LoanApplicationTable): ApplicationView {
  return {
    id: row.id,
    event_id: row.event_id,
    decision_id: row.decision_id,
    borrower_id: row.borrower_id,
    product: row.product,
    amount: money(row.amount),
    term_months: row.term_months,
    annual_rate: row.annual_rate,
    schedule_kind: row.schedule_kind,
    fees: JSON.parse(row.fees) as FeesView,
    engine_outcome: row.engine_outcome,
    score: row.score,
    probability: row.probability,
    status: row.status as ApplicationView['status'],
    change_id: row.change_id,
    first_approver: actorOf(row.first_approver_id === null ? null : 'user', row.first_approver_id),
    decided_by: actorOf(row.decided_by_type, row.decided_by_id),
    decided_at: row.decided_at,
    decision_reason: row.decision_reason,
    loan_id: row.loan_id,
    created_by: actorOf(row.created_by_type, row.created_by_id),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** A position for the API. */
export function toPositionView(p: Position) {
  return {
    as_of: p.asOf,
    outstanding_principal: money(p.outstandingPrincipal),
    overdue: money(p.overdue),
    penalty_due: money(p.penaltyDue),
    dpd: p.dpd,
    bucket: p.bucket,
    credit: money(p.credit),
    next_due: p.nextDue ? { date: p.nextDue.date, amount: money(p.nextDue.amount) } : null,
  };
}

/** A loan (without its schedule) for the API. */
export function toLoanView(row: LoanTable, position: Position): LoanView {
  return {
    id: row.id,
    application_id: row.application_id,
    external_ref: row.external_ref,
    borrower_id: row.borrower_id,
    product: row.product,
    principal: money(row.principal),
    annual_rate: row.annual_rate,
    term_months: row.term_months,
    schedule_kind: row.schedule_kind,
    fees: JSON.parse(row.fees) as FeesView,
    upfront_fee: money(row.upfront_fee),
    monthly_fee: money(row.monthly_fee),
    net_disbursed: money(row.principal - row.upfront_fee),
    penalty_daily_rate: row.penalty_daily_rate,
    apr: { nominal: row.apr_nominal, effective: row.apr_effective },
    disbursed_on: row.disbursed_on,
    first_due_date: row.first_due_date,
    status: row.status as LoanView['status'],
    closed_on: row.closed_on,
    written_off_on: row.written_off_on,
    source: row.source,
    created_by: actorOf(row.created_by_type, row.created_by_id),
    created_at: row.created_at,
    version: row.version,
    position: toPositionView(position),
  };
}

/** A ledger line for the API. */
export function toInstalmentView(row: LoanInstalmentTable) {
  return {
    seq: row.seq,
    kind: row.kind,
    due_date: row.due_date,
    principal: money(row.principal),
    interest: money(row.interest),
    fee: money(row.fee),
    penalty: money(row.penalty),
    paid_principal: money(row.paid_principal),
    paid_interest: money(row.paid_interest),
    paid_fee: money(row.paid_fee),
    paid_penalty: money(row.paid_penalty),
    settled_on: row.settled_on,
  };
}

/** Where a repayment went, for the API. */
export function toAllocationView(a: Allocation) {
  return {
    penalty: money(a.penalty),
    fee: money(a.fee),
    interest: money(a.interest),
    principal: money(a.principal),
    credit: money(a.credit),
  };
}

/** A repayment for the API. */
export function toRepaymentView(row: LoanRepaymentTable): RepaymentView {
  return {
    id: row.id,
    loan_id: row.loan_id,
    seq: row.seq,
    kind: row.kind,
    amount: money(row.amount),
    received_on: row.received_on,
    allocation: toAllocationView(row),
    reference: row.reference,
    source: row.source,
    created_by: actorOf(row.created_by_type, row.created_by_id),
    created_at: row.created_at,
  };
}

/** A write-off for the API. */
export function toWriteOffView(row: LoanWriteOffTable): WriteOffView {
  return {
    loan_id: row.loan_id,
    written_off_on: row.written_off_on,
    principal: money(row.principal),
    interest: money(row.interest),
    fee: money(row.fee),
    penalty: money(row.penalty),
    total: money(row.total),
    dpd: row.dpd,
    reason: row.reason,
    created_by: actorOf(row.created_by_type, row.created_by_id),
    created_at: row.created_at,
  };
}

/** A recovery for the API. */
export function toRecoveryView(row: LoanRecoveryTable): RecoveryView {
  return {
    id: row.id,
    loan_id: row.loan_id,
    amount: money(row.amount),
    received_on: row.received_on,
    note: row.note,
    created_by: actorOf(row.created_by_type, row.created_by_id),
    created_at: row.created_at,
  };
}

export type { ApplicationView, LoanDetailView, LoanView, RecoveryView, RepaymentView, WriteOffView };
