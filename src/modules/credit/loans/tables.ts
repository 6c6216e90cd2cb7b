/**
 * Table types of the loan lifecycle (migration `0005-loans`), for Kysely. Amounts are `bigint`
 * columns of whole fen read as JavaScript numbers; rates are decimal text; dates are `YYYY-MM-DD`
 * text; times are UTC ISO-8601 text; JSON documents are canonical JSON text (see `store/schema.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** How much one user, or every holder of one role, may approve alone, per product (`*` for any). */
export interface ApprovalAuthorityTable {
  subject_type: string;
  subject_id: string;
  product: string;
  max_amount: number;
  updated_by: string;
  updated_at: string;
}

/** A loan application: the engine's decision, the people's decisions, and the loan it became. */
export interface LoanApplicationTable {
  id: string;
  event_id: string | null;
  decision_id: string | null;
  borrower_id: string;
  product: string;
  amount: number;
  term_months: number;
  annual_rate: string;
  schedule_kind: string;
  fees: string;
  engine_outcome: string | null;
  score: number | null;
  probability: number | null;
  /** pending_review | approved | awaiting_second_approval | booked | rejected */
  status: string;
  change_id: string | null;
  first_approver_id: string | null;
  decided_by_type: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  loan_id: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A booked loan: its terms, its original schedule (JSON), and its status. */
export interface LoanTable {
  id: string;
  application_id: string | null;
  external_ref: string | null;
  borrower_id: string;
  product: string;
  principal: number;
  annual_rate: string;
  term_months: number;
  schedule_kind: string;
  fees: string;
  upfront_fee: number;
  monthly_fee: number;
  level: number;
  penalty_daily_rate: string;
  apr_nominal: string;
  apr_effective: string;
  disbursed_on: string;
  first_due_date: string;
  schedule: string;
  /** active | closed | written_off */
  status: string;
  closed_on: string | null;
  written_off_on: string | null;
  /** application | direct | import */
  source: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One line of a loan's current ledger (scheduled instalment, or a prepayment's settlement). */
export interface LoanInstalmentTable {
  loan_id: string;
  seq: number;
  kind: string;
  due_date: string;
  principal: number;
  interest: number;
  fee: number;
  penalty: number;
  paid_principal: number;
  paid_interest: number;
  paid_fee: number;
  paid_penalty: number;
  settled_on: string | null;
}

/** A repayment received and where it went. */
export interface LoanRepaymentTable {
  id: string;
  loan_id: string;
  seq: number;
  kind: string;
  amount: number;
  received_on: string;
  penalty: number;
  fee: number;
  interest: number;
  principal: number;
  credit: number;
  reference: string | null;
  source: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** What a write-off moved off the books. */
export interface LoanWriteOffTable {
  loan_id: string;
  written_off_on: string;
  principal: number;
  interest: number;
  fee: number;
  penalty: number;
  total: number;
  dpd: number;
  reason: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** Money received on a written-off loan. */
export interface LoanRecoveryTable {
  id: string;
  loan_id: string;
  amount: number;
  received_on: string;
  note: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** The loan tables, to add to a `Kysely<Database>` with `withTables` (a type: Kysely wants an index). */
export type LoanTables = {
  approval_authority: ApprovalAuthorityTable;
  loan_application: LoanApplicationTable;
  loan: LoanTable;
  loan_instalment: LoanInstalmentTable;
  loan_repayment: LoanRepaymentTable;
  loan_write_off: LoanWriteOffTable;
  loan_recovery: LoanRecoveryTable;
};

/** A query handle that knows the loan tables. */
export type LoanDb = Kysely<Database & LoanTables>;

/**
 * The loan tables with the columns that order their rows, in restore order: what `TABLES` in
 * `store/schema.ts` lists for backups and checksums.
 */
export const LOAN_TABLES = [
  { name: 'approval_authority', orderBy: ['subject_type', 'subject_id', 'product'] },
  { name: 'loan_application', orderBy: ['id'] },
  { name: 'loan', orderBy: ['id'] },
  { name: 'loan_instalment', orderBy: ['loan_id', 'seq'] },
  { name: 'loan_repayment', orderBy: ['id'] },
  { name: 'loan_write_off', orderBy: ['loan_id'] },
  { name: 'loan_recovery', orderBy: ['id'] },
] as const;

/** `db` (a store handle or a transaction) seen with the loan tables. */
export function loanDb(db: Executor): LoanDb {
  return db.withTables<LoanTables>();
}
