/**
 * Turning a CSV file (`value,reason,expires_at`, reason and expiry optional) into the entries to
 * write, row by row: each row is accepted with its normalised value or refused with the reason, and
 * nothing here touches the database, so the direct import and a four-eyes import change read files
 * exactly the same way. Refusal messages never repeat the value (it may be an identity number).
 */

import { parseCsv } from '../../../kernel/csv.js';
import type { ErrorField } from '../../../kernel/errors.js';
import type { IdentifierHasher } from '../contracts.js';
import { ListImportInvalid } from './errors.js';
import { type ListKind, normaliseValue, parseExpiry } from './values.js';

/** Longest reason, in characters. */
export const MAX_REASON_LENGTH = 500;

/** Most data rows in one import. */
export const MAX_IMPORT_ROWS = 1_000_000;

/** An entry ready to be written: stored value, display, reason and expiry (UTC ISO or null). */
export interface PreparedEntry {
  readonly value: string;
  readonly display: string;
  readonly reason: string;
  readonly expires_at: string | null;
}

/** The outcome of one data row (row 1 is the first row after the header). */
export interface ImportRow {
  readonly row: number;
  /** The line of the file the row starts on. */
  readonly line: number;
  readonly status: 'added' | 'updated' | 'refused';
  /** The masked (hashed kinds) or normalised value, when the row could be read. */
  readonly display?: string;
  /** Why the row was refused. */
  readonly message?: string;
}

/** Rows read from a file: the entries to write (in file order) and the refused rows. */
export interface PreparedImport {
  readonly rows: number;
  readonly entries: readonly (PreparedEntry & { readonly row: number; readonly line: number })[];
  readonly refused: readonly ImportRow[];
}

const COLUMNS = ['value', 'reason', 'expires_at'] as const;

/** Checks one reason; undefined when acceptable. */
export function reasonProblem(reason: string): string | undefined {
  if (reason.trim() === '') return 'must not be blank';
  if ([...reason].length > MAX_REASON_LENGTH) return `must be at most ${MAX_REASON_LENGTH} characters`;
  return undefined;
}

/**
 * Reads `csv` for a list of `kind`. The header must name a `value` column and may name `reason` and
 * `expires_at`, in any order; a row without a reason takes `defaultReason`. Throws
 * `FK_ERR_LIST_IMPORT_INVALID` only for a file that cannot be read as a whole (no header, unknown
 * column, an unclosed quote, too many rows); a bad row is a refused row.
 */
export function prepareImport(
  kind: ListKind,
  csv: string,
  defaultReason: string,
  hasher: IdentifierHasher,
  nowMs: number,
  progress?: (done: number, total: number) => void,
): PreparedImport {
  const parsed = parseCsv(csv);
  if (!parsed.ok) {
    throw ListImportInvalid(`line ${parsed.line}: ${parsed.message}`, [
      { path: `line ${parsed.line}`, message: parsed.message },
    ]);
  }
  const [header, ...data] = parsed.records;
  if (!header)
    throw ListImportInvalid('the file is empty: the first line must be the header value,reason,expires_at');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = (name: (typeof COLUMNS)[number]) => names.indexOf(name);
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (column('value') === -1 || unknown.length > 0 || repeated.length > 0) {
    const problem: ErrorField = {
      path: 'line 1',
      message: 'the header must be value,reason,expires_at (reason and expires_at optional, each once)',
    };
    throw ListImportInvalid(`${problem.path}: ${problem.message}`, [problem]);
  }
  if (data.length > MAX_IMPORT_ROWS) {
    throw ListImportInvalid(`the file has ${data.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`);
  }
  const [valueAt, reasonAt, expiresAt] = [column('value'), column('reason'), column('expires_at')];
  const entries: (PreparedEntry & { row: number; line: number })[] = [];
  const refused: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [index, record] of data.entries()) {
    const row = index + 1;
    if (index % 1000 === 0) progress?.(index, data.length);
    const outcome = readRow(
      record.fields,
      names.length,
      [valueAt, reasonAt, expiresAt],
      kind,
      defaultReason,
      hasher,
      nowMs,
    );
    if (!outcome.ok) {
      refused.push({
        row,
        line: record.line,
        status: 'refused',
        message: outcome.message,
        ...(outcome.display ? { display: outcome.display } : {}),
      });
      continue;
    }
    const first = firstRowOf.get(outcome.entry.value);
    if (first !== undefined) {
      refused.push({
        row,
        line: record.line,
        status: 'refused',
        message: `the same value as row ${first}`,
        display: outcome.entry.display,
      });
      continue;
    }
    firstRowOf.set(outcome.entry.value, row);
    entries.push({ row, line: record.line, ...outcome.entry });
  }
  progress?.(data.length, data.length);
  return { rows: data.length, entries, refused };
}

/** Reads one data row: the entry, or why it is refused (with the display when the value was read). */
function readRow(
  fields: readonly string[],
  width: number,
  [valueAt, reasonAt, expiresAt]: readonly [number, number, number],
  kind: ListKind,
  defaultReason: string,
  hasher: IdentifierHasher,
  nowMs: number,
): { ok: true; entry: PreparedEntry } | { ok: false; message: string; display?: string } {
  if (fields.length !== width)
    return { ok: false, message: `has ${fields.length} fields; the header has ${width}` };
  const value = normaliseValue(kind, fields[valueAt]!, hasher);
  if (!value.ok) return { ok: false, message: `value ${value.message}` };
  const reason = (reasonAt === -1 ? '' : fields[reasonAt]!.trim()) || defaultReason;
  const badReason = reasonProblem(reason);
  if (badReason) return { ok: false, message: `reason ${badReason}`, display: value.display };
  const expiry = parseExpiry(expiresAt === -1 ? '' : fields[expiresAt], nowMs);
  if (!expiry.ok) return { ok: false, message: `expires_at ${expiry.message}`, display: value.display };
  return {
    ok: true,
    entry: { value: value.value, display: value.display, reason, expires_at: expiry.value },
  };
}
