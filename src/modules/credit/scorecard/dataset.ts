/**
 * The training sample of a scorecard, read from CSV text (RFC 4180, `kernel/csv.ts`) into columns:
 * one binary target, optional ids, and one numeric or categorical column per candidate variable.
 *
 * Cell rules, shared with `columnFromValues` so training and scoring read a value the same way:
 * - Missing: a cell whose trimmed text is one of `MISSING_TOKENS` (case-sensitive): the empty string,
 *   `NA`, `N/A`, `NaN`, `null`, `NULL`, `None`.
 * - Numeric: the trimmed text matches a plain decimal with optional exponent (`12`, `-0.5`, `.5`,
 *   `1e3`; not `Infinity`, hex, `1,000` or `1_000`) and `Number()` of it is finite.
 * - A column is numeric when every cell that is neither missing nor one of its declared special
 *   values is numeric; otherwise categorical. Categorical levels are the cells' exact text (spaces kept,
 *   as RFC 4180 keeps them).
 * - Special values (`special[column]`, and `specialAll` for every numeric column) stay in the data as
 *   their value and are listed on the column when found, so binning gives each its own bin. Numeric
 *   specials match by value (`-999.0` is `-999`).
 */
import { type CsvRecord, parseCsv } from '../../../kernel/csv.js';
import type { Text } from '../../../kernel/i18n.js';

/** Cell texts read as missing (after trimming), case-sensitive. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NaN', 'null', 'NULL', 'None']);

const DECIMAL = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A numeric variable: NaN is missing; declared special values found in the data are listed in `special`. */
export interface NumericColumn {
  readonly name: string;
  readonly type: 'numeric';
  readonly values: Float64Array;
  readonly special: Float64Array;
}

/** A categorical variable: `codes` index `levels`, −1 is missing; `specialLevels` ⊆ `levels`. */
export interface CategoricalColumn {
  readonly name: string;
  readonly type: 'categorical';
  readonly codes: Int32Array;
  readonly levels: readonly string[];
  readonly specialLevels: readonly string[];
}

/** One candidate variable of the sample. */
export type Column = NumericColumn | CategoricalColumn;

/** The sample as columns, row i of every array being line i of the data. */
export interface Dataset {
  readonly rows: number;
  /** The names of `columns`, in file order. */
  readonly names: readonly string[];
  /** 1 = bad, 0 = good. */
  readonly target: Uint8Array;
  /** The id column's cells, when the file has one. */
  readonly ids?: readonly string[];
  readonly columns: readonly Column[];
}

/** How to read the sample. */
export interface DatasetOptions {
  /** The target column (required). */
  readonly target: string;
  /** The target value meaning bad; without it the target must be `0`/`1` with `1` bad. */
  readonly bad?: string;
  /** Columns that are not candidate variables. */
  readonly exclude?: readonly string[];
  /** Types forced over detection. */
  readonly types?: Readonly<Record<string, 'numeric' | 'categorical'>>;
  /** Special values per column, as cell texts. */
  readonly special?: Readonly<Record<string, readonly string[]>>;
  /** Special values of every numeric column (`['-999']`); each must be a number. */
  readonly specialAll?: readonly string[];
  /** The id column, kept as ids and never a variable; default `id` when the header has it. */
  readonly idColumn?: string;
}

/** The sample, or why it cannot be used (with the 1-based file line when one line is to blame). */
export type DatasetResult =
  | { readonly ok: true; readonly dataset: Dataset }
  | { readonly ok: false; readonly message: Text; readonly line?: number };

type Failure = Extract<DatasetResult, { ok: false }>;

function fail(en: string, zh: string, line?: number): Failure {
  return line === undefined ? { ok: false, message: { en, zh } } : { ok: false, message: { en, zh }, line };
}

/** The number in a cell's text: NaN when missing, undefined when it is not a number. */
export function parseNumericCell(text: string): number | undefined {
  // Fast path for the common cell: starts with a digit, sign or point and is not a 0x / 0b / 0o
  // literal, so Number() reads it exactly as the pattern below would accept it.
  const c0 = text.charCodeAt(0);
  if ((c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 43 || c0 === 46) {
    const c1 = text.charCodeAt(1) | 0x20; // lower case; NaN | 0x20 is 32 (a space)
    if (c1 !== 120 && c1 !== 98 && c1 !== 111) {
      const x = Number(text);
      if (Number.isFinite(x)) return x;
    }
  }
  // Number() alone would also take hex, binary and octal literals and read blanks as 0; the pattern
  // (which allows the surrounding white space Number() ignores) keeps plain decimals only.
  if (DECIMAL.test(text)) {
    const x = Number(text);
    return Number.isFinite(x) ? x : undefined;
  }
  return isMissing(text) ? Number.NaN : undefined;
}

/** Whether a categorical cell is missing. */
function isMissing(text: string): boolean {
  return MISSING_TOKENS.has(text.trim());
}

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Reads the sample; every expected problem is a value, never a throw. */
export function readDataset(text: string, options: DatasetOptions): DatasetResult {
  const parsed = parseCsv(text);
  if (!parsed.ok)
    return fail(
      `Line ${parsed.line} is not valid CSV: ${parsed.message}`,
      `第 ${parsed.line} 行不是有效的 CSV（引号使用有误）`,
      parsed.line,
    );
  const [head, ...records] = parsed.records;
  if (head === undefined) return fail('The file is empty', '文件为空');
  const header = head.fields;
  const index = new Map<string, number>();
  for (const [j, name] of header.entries()) {
    if (index.has(name))
      return fail(`The header names column "${name}" twice`, `表头中列名“${name}”重复`, head.line);
    index.set(name, j);
  }
  const targetIndex = index.get(options.target);
  if (targetIndex === undefined)
    return fail(
      `The target column "${options.target}" is not in the header`,
      `表头中没有目标列“${options.target}”`,
    );
  const named = [
    ...(options.exclude ?? []),
    ...Object.keys(options.types ?? {}),
    ...Object.keys(options.special ?? {}),
    ...(options.idColumn === undefined ? [] : [options.idColumn]),
  ];
  const unknown = named.find((name) => !index.has(name));
  if (unknown !== undefined)
    return fail(
      `The options name column "${unknown}", which is not in the header`,
      `选项中的列“${unknown}”不在表头中`,
    );
  const specialAll: number[] = [];
  for (const s of options.specialAll ?? []) {
    const x = parseNumericCell(s);
    if (x === undefined || Number.isNaN(x))
      return fail(
        `The special value ${show(s)} for all columns is not a number`,
        `通用特殊值 ${show(s)} 不是数字`,
      );
    specialAll.push(x);
  }
  for (const record of records)
    if (record.fields.length !== header.length)
      return fail(
        `Line ${record.line} has ${record.fields.length} fields, the header ${header.length}`,
        `第 ${record.line} 行有 ${record.fields.length} 个字段，表头有 ${header.length} 个`,
        record.line,
      );
  const target = readTarget(records, targetIndex, options.bad);
  if (!(target instanceof Uint8Array)) return target;
  const idIndex = index.get(options.idColumn ?? 'id') ?? -1;
  const excluded = new Set(options.exclude ?? []);
  const columns: Column[] = [];
  for (const [j, name] of header.entries()) {
    if (j === targetIndex || j === idIndex || excluded.has(name)) continue;
    const cells = records.map((r) => r.fields[j] as string);
    const declared = options.special?.[name] ?? [];
    const lineOf = (row: number) => (records[row] as CsvRecord).line;
    const column = readColumn(name, cells, options.types?.[name], declared, specialAll, lineOf);
    if ('ok' in column) return column;
    columns.push(column);
  }
  return {
    ok: true,
    dataset: {
      rows: records.length,
      names: columns.map((c) => c.name),
      target,
      ...(idIndex >= 0 ? { ids: records.map((r) => r.fields[idIndex] as string) } : {}),
      columns,
    },
  };
}

function readTarget(records: readonly CsvRecord[], j: number, bad: string | undefined): Uint8Array | Failure {
  const target = new Uint8Array(records.length);
  let other: string | undefined = bad === undefined ? '0' : undefined;
  const badValue = bad === undefined ? '1' : bad.trim();
  let bads = 0;
  for (const [i, record] of records.entries()) {
    const v = (record.fields[j] as string).trim();
    if (v === badValue) {
      target[i] = 1;
      bads++;
    } else if (MISSING_TOKENS.has(v)) {
      return fail(`Line ${record.line} has no target value`, `第 ${record.line} 行缺少目标值`, record.line);
    } else if (other === undefined) other = v;
    else if (v !== other) {
      const expected = bad === undefined ? '0 or 1' : `${show(badValue)} (bad) or ${show(other)}`;
      return fail(
        `Line ${record.line} has the target value ${show(v)}; expected ${expected}`,
        `第 ${record.line} 行的目标值 ${show(v)} 无效，应为 ${bad === undefined ? '0 或 1' : `${show(badValue)}（坏）或 ${show(other)}`}`,
        record.line,
      );
    }
  }
  if (bads === 0 || bads === records.length)
    return fail(
      `The target needs both goods and bads; the ${records.length} rows have ${bads} bads`,
      `目标列须同时包含好样本和坏样本；${records.length} 行中坏样本 ${bads} 个`,
    );
  return target;
}

function readColumn(
  name: string,
  cells: readonly string[],
  type: 'numeric' | 'categorical' | undefined,
  declared: readonly string[],
  specialAll: readonly number[],
  lineOf: (row: number) => number,
): Column | Failure {
  if (type !== 'categorical') {
    const declaredSet = new Set(declared);
    const values = new Float64Array(cells.length);
    let i = 0;
    for (; i < cells.length; i++) {
      const cell = cells[i] as string;
      const x = parseNumericCell(cell);
      if (x === undefined) {
        if (declaredSet.has(cell)) continue;
        break;
      }
      values[i] = x;
    }
    if (i === cells.length) return numericColumn(name, values, declared, specialAll);
    if (type === 'numeric') {
      const [line, value] = [lineOf(i), show(cells[i] as string)];
      return fail(
        `Line ${line}: column "${name}" is numeric but has ${value}`,
        `第 ${line} 行：数值列“${name}”的值 ${value} 不是数字`,
        line,
      );
    }
  }
  return categoricalColumn(name, cells, declared);
}

function numericColumn(
  name: string,
  values: Float64Array,
  declared: readonly string[],
  specialAll: readonly number[],
): NumericColumn | Failure {
  const wanted: number[] = [];
  for (const s of declared) {
    const x = parseNumericCell(s);
    if (x === undefined || Number.isNaN(x))
      return fail(
        `Column "${name}" is numeric but its special value ${show(s)} is not a number (declare the column categorical)`,
        `数值列“${name}”的特殊值 ${show(s)} 不是数字（可将该列声明为类别型）`,
      );
    wanted.push(x);
  }
  wanted.push(...specialAll);
  // A few specials at most: comparing each is faster than hashing every double.
  const special = Float64Array.from([...new Set(wanted)].filter((x) => values.includes(x)));
  return { name, type: 'numeric', values, special };
}

function categoricalColumn(
  name: string,
  cells: readonly string[],
  declared: readonly string[],
): CategoricalColumn {
  const codes = new Int32Array(cells.length);
  const levels: string[] = [];
  const code = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (isMissing(cell)) {
      codes[i] = -1;
      continue;
    }
    let c = code.get(cell);
    if (c === undefined) {
      c = levels.length;
      code.set(cell, c);
      levels.push(cell);
    }
    codes[i] = c;
  }
  const specialLevels = [...new Set(declared)].filter((s) => code.has(s));
  return { name, type: 'categorical', codes, levels, specialLevels };
}

/**
 * Builds a column from values already in memory (JSON rows or CSV cells to be scored). Numbers are
 * taken as they are (NaN, null and undefined are missing); strings follow the CSV cell rules above;
 * a categorical number or boolean becomes its JSON text, as the card looks it up. `special` lists the
 * special values to look for. A value that cannot be of the type is a TypeError naming the row.
 */
export function columnFromValues(
  name: string,
  raw: readonly unknown[],
  type: 'numeric' | 'categorical',
  special: readonly string[] = [],
): Column {
  if (type === 'categorical') {
    const cells = raw.map((v, i) => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw new TypeError(`${name}, row ${i}: ${typeof v} is not a category`);
    });
    return categoricalColumn(name, cells, special);
  }
  const values = new Float64Array(raw.length);
  for (const [i, v] of raw.entries()) {
    const x =
      typeof v === 'number'
        ? v
        : v === null || v === undefined
          ? Number.NaN
          : typeof v === 'string'
            ? parseNumericCell(v)
            : undefined;
    if (x === undefined) throw new TypeError(`${name}, row ${i}: ${JSON.stringify(v)} is not a number`);
    values[i] = x;
  }
  const column = numericColumn(name, values, special, []);
  if ('ok' in column) throw new TypeError(column.message.en);
  return column;
}
