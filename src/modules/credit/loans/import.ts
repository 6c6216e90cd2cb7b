/**
 * Importing an existing book (loans and their repayments) from one CSV file. Each row is judged on
 * its own, in file order: a row that cannot be applied is refused with the reason and the others go
 * on — a repayment of a loan refused earlier in the file is refused too. The accepted rows commit
 * together in one transaction with one `loan.import` audit entry (so an import is never half
 * written), and repayments are replayed through each loan's ledger exactly as if they had been
 * posted one by one. Imported loans are booked with source `import`: they record lending already
 * done elsewhere, so they do not pass through the approval authority.
 */
import { createHash } from 'node:crypto';
import { isoUtc } from '../../../kernel/clock.js';
import { FkError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { bookLoan, eventsOf, instalmentRows, ledgerTermsOf } from './booking.js';
import { chinaDate } from './dates.js';
import { type ReadRow, readImport } from './import-rows.js';
import { Ledger } from './ledger.js';
import { replay } from './position.js';
import { repay } from './repayments.js';
import * as repo from './repo.js';
import type { LoanRepaymentTable, LoanTable } from './tables.js';
import type { LoanDeps } from './terms.js';

/** The outcome of one data row. */
export interface LoanImportRow {
  readonly row: number;
  readonly line: number;
  readonly loan_ref: string;
  readonly status: 'booked' | 'recorded' | 'refused';
  readonly loan_id?: string;
  readonly message?: string;
}

/** What an import did, row by row. */
export interface LoanImportReport {
  readonly rows: number;
  readonly booked: number;
  readonly recorded: number;
  readonly refused: number;
  readonly results: LoanImportRow[];
}

interface Book {
  loan: LoanTable | undefined;
  /** The row that refused this loan, when it was refused. */
  refusedAt: number | undefined;
  ledger: Ledger | undefined;
  references: Set<string>;
  added: LoanRepaymentTable[];
  seq: number;
}

const CHUNK = 500;

async function existingBooks(
  trx: Executor,
  rows: readonly ReadRow[],
  at: string,
): Promise<Map<string, Book>> {
  const refs = [...new Set(rows.map((r) => r.loanRef))];
  const books = new Map<string, Book>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const loans = await repo.loansByRef(trx, refs.slice(i, i + CHUNK));
    const ids = loans.map((l) => l.id);
    const [repayments, writeOffs] = await Promise.all([
      repo.repaymentsOf(trx, ids),
      repo.writeOffsOf(trx, ids),
    ]);
    for (const found of loans) {
      const loan = (await repo.lockLoan(trx, found.id, at)) ?? found;
      const own = repayments.filter((r) => r.loan_id === loan.id);
      const events = eventsOf(
        own,
        writeOffs.find((w) => w.loan_id === loan.id),
      );
      books.set(loan.external_ref!, {
        loan,
        refusedAt: undefined,
        ledger: replay(ledgerTermsOf(loan), events),
        references: new Set(own.flatMap((r) => (r.reference ? [r.reference] : []))),
        added: [],
        seq: own.length,
      });
    }
  }
  return books;
}

/** Imports `csv` as `actor`; see the module comment for what is accepted. */
export async function importBook(deps: LoanDeps, csv: string, actor: Actor): Promise<LoanImportReport> {
  const now = deps.clock.now();
  const at = isoUtc(now);
  const rows = readImport(csv, chinaDate(now));
  return transact(deps.db, async (trx) => {
    const books = await existingBooks(trx, rows, at);
    const results: LoanImportRow[] = [];
    for (const row of rows) {
      const place = { row: row.row, line: row.line, loan_ref: row.loanRef };
      const refuse = (message: string) => results.push({ ...place, status: 'refused', message });
      if (row.record === 'refused') {
        refuse(row.message);
        if (!books.has(row.loanRef))
          books.set(row.loanRef, {
            loan: undefined,
            refusedAt: row.row,
            ledger: undefined,
            references: new Set(),
            added: [],
            seq: 0,
          });
        continue;
      }
      const book = books.get(row.loanRef);
      if (row.record === 'loan') {
        if (book) {
          refuse(
            book.loan
              ? `loan ${row.loanRef} is already booked`
              : `loan_ref ${row.loanRef} appears earlier in the file`,
          );
          continue;
        }
        try {
          const loan = await bookLoan(
            deps,
            trx,
            {
              terms: row.terms,
              disbursedOn: row.disbursedOn,
              firstDueDate: row.firstDueDate,
              externalRef: row.loanRef,
              source: 'import',
            },
            actor,
            false,
          );
          books.set(row.loanRef, {
            loan,
            refusedAt: undefined,
            ledger: new Ledger(ledgerTermsOf(loan)),
            references: new Set(),
            added: [],
            seq: 0,
          });
          results.push({ ...place, status: 'booked', loan_id: loan.id });
        } catch (error) {
          if (!(error instanceof FkError)) throw error;
          books.set(row.loanRef, {
            loan: undefined,
            refusedAt: row.row,
            ledger: undefined,
            references: new Set(),
            added: [],
            seq: 0,
          });
          refuse(error.message);
        }
        continue;
      }
      if (!book?.loan || !book.ledger) {
        refuse(
          book?.refusedAt
            ? `loan ${row.loanRef} was refused in row ${book.refusedAt}`
            : `no loan ${row.loanRef} is booked or earlier in the file`,
        );
        continue;
      }
      if (row.reference && book.references.has(row.reference)) {
        refuse(`repayment ${row.reference} of loan ${row.loanRef} is already recorded`);
        continue;
      }
      const outcome = repay(book.ledger, { kind: row.kind, amount: row.amount, receivedOn: row.receivedOn });
      if (!outcome.ok) {
        refuse(outcome.message);
        continue;
      }
      book.ledger = outcome.ledger;
      if (row.reference) book.references.add(row.reference);
      book.added.push({
        id: newId(now),
        loan_id: book.loan.id,
        seq: ++book.seq,
        kind: row.kind,
        amount: row.amount,
        received_on: row.receivedOn,
        ...outcome.allocation,
        reference: row.reference,
        source: 'import',
        created_by_type: actor.type,
        created_by_id: actor.id,
        created_at: at,
      });
      results.push({ ...place, status: 'recorded', loan_id: book.loan.id });
    }
    for (const book of books.values()) {
      if (!book.loan || !book.ledger || book.added.length === 0) continue;
      for (const repayment of book.added) await repo.insertRepayment(trx, repayment);
      await repo.replaceInstalments(trx, book.loan.id, instalmentRows(book.loan.id, book.ledger));
      if (book.ledger.status === 'closed')
        await repo.setLoanStatus(trx, book.loan.id, {
          status: 'closed',
          closed_on: book.ledger.closedOn,
          written_off_on: null,
        });
    }
    const count = (status: LoanImportRow['status']) => results.filter((r) => r.status === status).length;
    const report = {
      rows: rows.length,
      booked: count('booked'),
      recorded: count('recorded'),
      refused: count('refused'),
      results,
    };
    await deps.audit.append(trx, {
      actor,
      action: 'loan.import',
      target: { type: 'loan_import', id: createHash('sha256').update(csv).digest('hex') },
      payload: {
        rows: report.rows,
        booked: report.booked,
        recorded: report.recorded,
        refused: report.refused,
      },
    });
    return report;
  });
}
