import { createHash, type Hash } from 'node:crypto';
import { BackupRefused, bilingual } from './errors.js';

/** A value as a backup holds it: the portable subset of what both dialects store. */
export type BackupValue = string | number | null;

/** A row as a backup holds it: column name to portable value. */
export type BackupRow = Record<string, BackupValue>;

/**
 * Turns a row as a driver returned it into its portable form, following the portability rules of
 * `schema.ts`: whole numbers stay numbers, text stays text, NULL stays null. Anything else (a float,
 * a boolean, a Date, a Buffer) would not read back the same on the other dialect, so it stops the
 * backup with the table and column named rather than producing a file that cannot restore equal.
 */
export function normaliseRow(table: string, row: Record<string, unknown>): BackupRow {
  const out: BackupRow = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === null || typeof value === 'string') out[column] = value;
    else if (typeof value === 'number' && Number.isSafeInteger(value)) out[column] = value;
    else if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) out[column] = Number(value);
    else {
      const kind = value instanceof Date ? 'a date' : Buffer.isBuffer(value) ? 'binary data' : typeof value;
      throw BackupRefused(
        bilingual(
          `${table}.${column} holds ${kind} (${String(value).slice(0, 40)}), which is not portable: Fengkong stores whole numbers, text and NULL only`,
          `${table}.${column} 存有不可移植的值（${kind}）：系统只存整数、文本和空值`,
        ),
      );
    }
  }
  return out;
}

/** Whether a parsed JSON value is a valid backup row (an object of strings, safe integers and nulls). */
export function isBackupRow(value: unknown): value is BackupRow {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const v of Object.values(value)) {
    if (v !== null && typeof v !== 'string' && !(typeof v === 'number' && Number.isSafeInteger(v)))
      return false;
  }
  return true;
}

/**
 * The RFC 8785 canonical JSON of a backup row: `canonicalJson(row)`, specialised to a flat object of
 * strings, safe integers and nulls (keys sorted by UTF-16 code units, strings escaped as
 * `JSON.stringify` does, integers in decimal). Every row of every backup passes through here two or
 * three times, and the general canonicaliser is several times slower on this shape.
 */
export function canonicalRow(row: BackupRow): string {
  const keys = Object.keys(row).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = row[k];
    out += `${i > 0 ? ',' : ''}${JSON.stringify(k)}:${v === null || v === undefined ? 'null' : typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
  }
  return `${out}}`;
}

/** The checksum of one table: its row count and SHA-256 in lower-case hex. */
export interface TableChecksum {
  readonly rows: number;
  readonly sha256: string;
}

/**
 * SHA-256 over the canonical JSON (RFC 8785) of a table's rows as one array in `orderBy` order,
 * computed incrementally: `[`, each row's canonical JSON separated by `,`, `]`. The result equals
 * `sha256(canonicalJson(rows))` without ever holding the whole table, and depends only on the values,
 * never on the dialect, column order or the text layout of a backup file.
 */
export class TableDigest {
  private readonly hash: Hash = createHash('sha256').update('[');
  private count = 0;

  /** Adds the next row (in `orderBy` order). */
  add(row: BackupRow): void {
    this.addCanonical(canonicalRow(row));
  }

  /** Adds the next row when its canonical JSON is already at hand. */
  addCanonical(json: string): void {
    if (this.count > 0) this.hash.update(',');
    this.hash.update(json, 'utf8');
    this.count++;
  }

  /** Rows added so far. */
  get rows(): number {
    return this.count;
  }

  /** Ends the array and returns the checksum; the digest cannot be used afterwards. */
  finish(): TableChecksum {
    return { rows: this.count, sha256: this.hash.update(']').digest('hex') };
  }
}
