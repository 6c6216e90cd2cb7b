/**
 * Queries of the loan lifecycle, one SQL path for SQLite and PostgreSQL. Every change to a loan's
 * ledger starts with `lockLoan`, which moves the loan's version and, on PostgreSQL, holds its row
 * until commit: two repayments of one loan queue, and each replays the other's effect.
 */
import { runCompiled } from '../../../store/compiled.js';
import type { Executor } from '../../../store/transaction.js';
import {
  type ApprovalAuthorityTable,
  type LoanApplicationTable,
  type LoanInstalmentTable,
  type LoanRecoveryTable,
  type LoanRepaymentTable,
  type LoanTable,
  type LoanWriteOffTable,
  loanDb,
} from './tables.js';

/** A page of rows and how many match in all. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/** Every authority entry, by subject and product. */
export function listAuthority(db: Executor): Promise<ApprovalAuthorityTable[]> {
  return loanDb(db)
    .selectFrom('approval_authority')
    .selectAll()
    .orderBy('subject_type')
    .orderBy('subject_id')
    .orderBy('product')
    .execute();
}

/** The entries that may apply to a user holding `roles`, for `product` or any product. */
export function authorityEntries(
  db: Executor,
  userId: string,
  roles: readonly string[],
  product: string,
): Promise<ApprovalAuthorityTable[]> {
  return loanDb(db)
    .selectFrom('approval_authority')
    .selectAll()
    .where('product', 'in', [product, '*'])
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)]),
        ...(roles.length > 0
          ? [eb.and([eb('subject_type', '=', 'role'), eb('subject_id', 'in', [...roles])])]
          : []),
      ]),
    )
    .execute();
}

/** One entry, or undefined. */
export function findAuthority(
  db: Executor,
  key: Pick<ApprovalAuthorityTable, 'subject_type' | 'subject_id' | 'product'>,
): Promise<ApprovalAuthorityTable | undefined> {
  return loanDb(db)
    .selectFrom('approval_authority')
    .selectAll()
    .where('subject_type', '=', key.subject_type)
    .where('subject_id', '=', key.subject_id)
    .where('product', '=', key.product)
    .executeTakeFirst();
}

/** Sets an entry (inserted or replaced). */
export async function putAuthority(db: Executor, row: ApprovalAuthorityTable): Promise<void> {
  await loanDb(db)
    .insertInto('approval_authority')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['subject_type', 'subject_id', 'product']).doUpdateSet({
        max_amount: row.max_amount,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Removes an entry. */
export async function deleteAuthority(
  db: Executor,
  key: Pick<ApprovalAuthorityTable, 'subject_type' | 'subject_id' | 'product'>,
): Promise<void> {
  await loanDb(db)
    .deleteFrom('approval_authority')
    .where('subject_type', '=', key.subject_type)
    .where('subject_id', '=', key.subject_id)
    .where('product', '=', key.product)
    .execute();
}

/** Stores an application; false when its event was recorded already. */
export async function insertApplication(db: Executor, row: LoanApplicationTable): Promise<boolean> {
  const columns = Object.keys(row);
  const values = columns.map((c) => row[c as keyof LoanApplicationTable]);
  const result = await runCompiled(
    db,
    `insert loan_application if new\u0000${columns.join(',')}`,
    values,
    () =>
      loanDb(db)
        .insertInto('loan_application')
        .values(row)
        .onConflict((oc) => oc.doNothing()),
  );
  return result.numAffectedRows === 1n;
}

/** One application, or undefined. */
export function findApplication(db: Executor, id: string): Promise<LoanApplicationTable | undefined> {
  return loanDb(db).selectFrom('loan_application').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The application recorded for an engine event, or undefined. */
export function applicationOfEvent(db: Executor, eventId: string): Promise<LoanApplicationTable | undefined> {
  return loanDb(db)
    .selectFrom('loan_application')
    .selectAll()
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

/** A page of applications, newest first. */
export async function queryApplications(
  db: Executor,
  query: {
    status?: string | undefined;
    product?: string | undefined;
    /** Fen, inclusive. */
    minAmount?: number | undefined;
    maxAmount?: number | undefined;
    limit: number;
    offset: number;
  },
): Promise<Page<LoanApplicationTable>> {
  let base = loanDb(db).selectFrom('loan_application');
  if (query.status) base = base.where('status', '=', query.status);
  if (query.product) base = base.where('product', '=', query.product);
  if (query.minAmount !== undefined) base = base.where('amount', '>=', query.minAmount);
  if (query.maxAmount !== undefined) base = base.where('amount', '<=', query.maxAmount);
  const items = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const count = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(count.n) };
}

/**
 * Updates an application while it is at version `expected`; returns the row after the update, or
 * undefined when someone else moved it first.
 */
export function updateApplication(
  db: Executor,
  id: string,
  expected: number,
  set: Partial<Omit<LoanApplicationTable, 'id' | 'version'>>,
): Promise<LoanApplicationTable | undefined> {
  return loanDb(db)
    .updateTable('loan_application')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expected)
    .returningAll()
    .executeTakeFirst();
}

/** Stores a loan; false when its id, application or external reference is taken. */
export async function insertLoan(db: Executor, row: LoanTable): Promise<boolean> {
  const result = await loanDb(db)
    .insertInto('loan')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** One loan, or undefined. */
export function findLoan(db: Executor, id: string): Promise<LoanTable | undefined> {
  return loanDb(db).selectFrom('loan').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Loans by external reference (imports), among `refs`. */
export function loansByRef(db: Executor, refs: readonly string[]): Promise<LoanTable[]> {
  if (refs.length === 0) return Promise.resolve([]);
  return loanDb(db)
    .selectFrom('loan')
    .selectAll()
    .where('external_ref', 'in', [...refs])
    .execute();
}

/** Moves the loan's version and returns it (locked until commit on PostgreSQL), or undefined. */
export function lockLoan(db: Executor, id: string, at: string): Promise<LoanTable | undefined> {
  return loanDb(db)
    .updateTable('loan')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Sets the status of a loan. */
export async function setLoanStatus(
  db: Executor,
  id: string,
  set: Pick<LoanTable, 'status' | 'closed_on' | 'written_off_on'>,
): Promise<void> {
  await loanDb(db).updateTable('loan').set(set).where('id', '=', id).execute();
}

/** A page of loans by id, filtered by status, borrower or product. */
export async function queryLoans(
  db: Executor,
  query: {
    status?: string | undefined;
    borrowerId?: string | undefined;
    product?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<Page<LoanTable>> {
  let base = loanDb(db).selectFrom('loan');
  if (query.status) base = base.where('status', '=', query.status);
  if (query.borrowerId) base = base.where('borrower_id', '=', query.borrowerId);
  if (query.product) base = base.where('product', '=', query.product);
  const items = await base.selectAll().orderBy('id').limit(query.limit).offset(query.offset).execute();
  const count = await base
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(count.n) };
}

/** Loans disbursed on or before `until`, by id (the input of month-end snapshots). */
export function loansDisbursedBy(db: Executor, until: string): Promise<LoanTable[]> {
  return loanDb(db).selectFrom('loan').selectAll().where('disbursed_on', '<=', until).orderBy('id').execute();
}

/** Replaces the ledger lines of a loan. */
export async function replaceInstalments(
  db: Executor,
  loanId: string,
  rows: readonly LoanInstalmentTable[],
): Promise<void> {
  const ldb = loanDb(db);
  await ldb.deleteFrom('loan_instalment').where('loan_id', '=', loanId).execute();
  if (rows.length > 0)
    await ldb
      .insertInto('loan_instalment')
      .values([...rows])
      .execute();
}

/** The ledger lines of a loan, in order. */
export function instalmentsOf(db: Executor, loanId: string): Promise<LoanInstalmentTable[]> {
  return loanDb(db)
    .selectFrom('loan_instalment')
    .selectAll()
    .where('loan_id', '=', loanId)
    .orderBy('seq')
    .execute();
}

/** Stores a repayment. */
export async function insertRepayment(db: Executor, row: LoanRepaymentTable): Promise<void> {
  await loanDb(db).insertInto('loan_repayment').values(row).execute();
}

/** The repayments of some loans, each loan's in the order recorded. */
export function repaymentsOf(db: Executor, loanIds: readonly string[]): Promise<LoanRepaymentTable[]> {
  if (loanIds.length === 0) return Promise.resolve([]);
  return loanDb(db)
    .selectFrom('loan_repayment')
    .selectAll()
    .where('loan_id', 'in', [...loanIds])
    .orderBy('loan_id')
    .orderBy('seq')
    .execute();
}

/** Stores a write-off. */
export async function insertWriteOff(db: Executor, row: LoanWriteOffTable): Promise<void> {
  await loanDb(db).insertInto('loan_write_off').values(row).execute();
}

/** The write-offs of some loans. */
export function writeOffsOf(db: Executor, loanIds: readonly string[]): Promise<LoanWriteOffTable[]> {
  if (loanIds.length === 0) return Promise.resolve([]);
  return loanDb(db)
    .selectFrom('loan_write_off')
    .selectAll()
    .where('loan_id', 'in', [...loanIds])
    .execute();
}

/** Stores a recovery. */
export async function insertRecovery(db: Executor, row: LoanRecoveryTable): Promise<void> {
  await loanDb(db).insertInto('loan_recovery').values(row).execute();
}

/** The recoveries of a loan, by date. */
export function recoveriesOf(db: Executor, loanId: string): Promise<LoanRecoveryTable[]> {
  return loanDb(db)
    .selectFrom('loan_recovery')
    .selectAll()
    .where('loan_id', '=', loanId)
    .orderBy('received_on')
    .orderBy('id')
    .execute();
}
