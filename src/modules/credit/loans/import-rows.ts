/**
 * Reading an import file of an existing book: one CSV with a header and a `record` column saying
 * what each row is — `loan` (terms, disbursement date, `loan_ref` naming it) or `repayment` (of the
 * loan named by `loan_ref`). Columns may come in any order; unknown columns refuse the file, since a
 * misspelt column would otherwise be silently ignored. Nothing here touches the database.
 */
import { parseCsv } from '../../../kernel/csv.js';
import type { ErrorField } from '../../../kernel/errors.js';
import { isLocalDate } from './dates.js';
import { LoanImportInvalid } from './errors.js';
import { parseMoney } from './money.js';
import { REPAYMENT_KINDS, type RepaymentKind } from './repayments.js';
import { type ParsedTerms, parseTerms } from './terms.js';

/** Every column a file may have. */
export const IMPORT_COLUMNS = [
  'record',
  'loan_ref',
  'borrower_id',
  'product',
  'principal',
  'annual_rate',
  'term_months',
  'schedule_kind',
  'disbursed_on',
  'first_due_date',
  'upfront_fee',
  'upfront_fee_rate',
  'monthly_fee',
  'monthly_fee_rate',
  'amount',
  'received_on',
  'repayment_kind',
  'reference',
] as const;

/** Most data rows in one file. */
export const MAX_IMPORT_ROWS = 200_000;

/** Where a row is: its number (1 = first after the header) and the line of the file it starts on. */
export interface RowPlace {
  readonly row: number;
  readonly line: number;
}

/** A row read as a loan, a repayment, or a refusal. */
export type ReadRow = RowPlace &
  (
    | {
        readonly record: 'loan';
        readonly loanRef: string;
        readonly terms: ParsedTerms;
        readonly disbursedOn: string;
        readonly firstDueDate: string | undefined;
      }
    | {
        readonly record: 'repayment';
        readonly loanRef: string;
        readonly kind: RepaymentKind;
        readonly amount: number;
        readonly receivedOn: string;
        readonly reference: string | null;
      }
    | { readonly record: 'refused'; readonly loanRef: string; readonly message: string }
  );

const REF = /^[\x21-\x7e]{1,64}$/;

function fee(amount: string, rate: string): { amount?: string; rate?: string } | undefined {
  if (amount === '' && rate === '') return undefined;
  return { ...(amount === '' ? {} : { amount }), ...(rate === '' ? {} : { rate }) };
}

function describe(problems: readonly ErrorField[]): string {
  return problems.map((p) => `${p.path} ${p.message}`).join('; ');
}

function readRow(get: (column: string) => string, place: RowPlace, today: string): ReadRow {
  const loanRef = get('loan_ref');
  const refuse = (message: string): ReadRow => ({ ...place, record: 'refused', loanRef, message });
  if (!REF.test(loanRef)) return refuse('loan_ref must be 1–64 printable characters without spaces');
  const record = get('record');
  const date = (column: string, required: boolean) => {
    const value = get(column);
    if (value === '' && !required) return { ok: true as const, value: undefined };
    if (!isLocalDate(value)) return { ok: false as const, message: `${column} must be a date YYYY-MM-DD` };
    if (value > today) return { ok: false as const, message: `${column} must not be in the future` };
    return { ok: true as const, value };
  };
  if (record === 'loan') {
    const term = get('term_months');
    const parsed = parseTerms(
      {
        borrower_id: get('borrower_id'),
        product: get('product'),
        principal: get('principal'),
        annual_rate: get('annual_rate'),
        term_months: /^\d{1,4}$/.test(term) ? Number(term) : Number.NaN,
        schedule_kind: get('schedule_kind'),
        upfront_fee: fee(get('upfront_fee'), get('upfront_fee_rate')),
        monthly_fee: fee(get('monthly_fee'), get('monthly_fee_rate')),
      },
      'column',
    );
    if (!parsed.ok) return refuse(describe(parsed.problems).replaceAll('column.', ''));
    const disbursed = date('disbursed_on', true);
    if (!disbursed.ok || disbursed.value === undefined)
      return refuse(disbursed.ok ? 'disbursed_on is required' : disbursed.message);
    const firstDue = get('first_due_date');
    if (firstDue !== '' && !isLocalDate(firstDue)) return refuse('first_due_date must be a date YYYY-MM-DD');
    return {
      ...place,
      record,
      loanRef,
      terms: parsed.value,
      disbursedOn: disbursed.value,
      firstDueDate: firstDue || undefined,
    };
  }
  if (record === 'repayment') {
    const amount = parseMoney(get('amount'));
    if (!amount.ok) return refuse(`amount ${amount.message}`);
    if (amount.value <= 0) return refuse('amount must be positive');
    const received = date('received_on', true);
    if (!received.ok || received.value === undefined)
      return refuse(received.ok ? 'received_on is required' : received.message);
    const kind = (get('repayment_kind') || 'regular') as RepaymentKind;
    if (!REPAYMENT_KINDS.includes(kind))
      return refuse(`repayment_kind must be one of ${REPAYMENT_KINDS.join(', ')}`);
    const reference = get('reference');
    if (reference !== '' && !REF.test(reference))
      return refuse('reference must be 1–64 printable characters without spaces');
    return {
      ...place,
      record,
      loanRef,
      kind,
      amount: amount.value,
      receivedOn: received.value,
      reference: reference || null,
    };
  }
  return refuse('record must be loan or repayment');
}

/**
 * Reads every data row of `csv`, dates checked against `today`. Throws `FK_ERR_LOAN_IMPORT_INVALID`
 * only for a file that cannot be read as a whole (unreadable CSV, no header, unknown or missing
 * columns, too many rows); a bad row is a refused row.
 */
export function readImport(csv: string, today: string): ReadRow[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw LoanImportInvalid(`line ${parsed.line}: ${parsed.message}`);
  const [header, ...records] = parsed.records;
  if (!header) throw LoanImportInvalid('the file is empty: it needs a header line naming its columns');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw LoanImportInvalid(`unknown columns: ${unknown.join(', ')} (known: ${IMPORT_COLUMNS.join(', ')})`);
  if (new Set(names).size !== names.length) throw LoanImportInvalid('a column is named twice in the header');
  for (const needed of ['record', 'loan_ref'])
    if (!names.includes(needed)) throw LoanImportInvalid(`the header must name a ${needed} column`);
  if (records.length > MAX_IMPORT_ROWS)
    throw LoanImportInvalid(`at most ${MAX_IMPORT_ROWS} rows per file; split it`);
  const index = new Map(names.map((n, i) => [n, i]));
  return records.map((record, i) => {
    const get = (column: string) => {
      const at = index.get(column);
      return at === undefined ? '' : (record.fields[at] ?? '').trim();
    };
    return readRow(get, { row: i + 1, line: record.line }, today);
  });
}
