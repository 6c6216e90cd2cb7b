/**
 * A numeric series read from one column of a CSV file with a header line (RFC 4180, through
 * `kernel/csv.ts`), for running a detector offline. The column is the one named, else the only
 * column whose every cell is a number, else the first. Every cell of the chosen column must be a
 * plain decimal number (an optional sign, digits, a point, an exponent): an empty cell, a percent
 * sign or a thousands separator is refused with the line it is on, since guessing would run the
 * detector over a different series than the user believes.
 */
import { parseCsv } from '../../../kernel/csv.js';
import type { Text } from '../../../kernel/i18n.js';

/** The series, or the first reason it cannot be read and the line (1-based, 0 for the whole file). */
export type SeriesCsv =
  | { readonly ok: true; readonly column: string; readonly values: readonly number[] }
  | { readonly ok: false; readonly line: number; readonly message: Text };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function numberIn(cell: string | undefined): number | null {
  const text = (cell ?? '').trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

/** Reads the series in `column` (or the default column) of CSV `text`. */
export function readSeriesCsv(text: string, column?: string): SeriesCsv {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    return { ok: false, line: parsed.line, message: { en: parsed.message, zh: 'CSV 格式错误' } };
  }
  const [header, ...rows] = parsed.records;
  if (header === undefined)
    return { ok: false, line: 0, message: { en: 'the file is empty', zh: '文件为空' } };
  if (rows.length === 0) {
    return { ok: false, line: 0, message: { en: 'the file has no data rows', zh: '文件没有数据行' } };
  }
  const names = header.fields.map((f) => f.trim());
  let at: number;
  if (column !== undefined) {
    at = names.indexOf(column);
    if (at < 0) {
      return {
        ok: false,
        line: header.line,
        message: {
          en: `there is no column "${column}" (columns: ${names.join(', ')})`,
          zh: `没有名为 "${column}" 的列（现有列：${names.join('、')}）`,
        },
      };
    }
  } else {
    const numeric = names.flatMap((_, i) => (rows.every((r) => numberIn(r.fields[i]) !== null) ? [i] : []));
    at = numeric.length === 1 ? (numeric[0] as number) : 0;
  }
  const name = names[at] ?? '';
  const values: number[] = [];
  for (const row of rows) {
    const cell = row.fields[at];
    const value = numberIn(cell);
    if (value === null || !Number.isFinite(value)) {
      const shown = cell === undefined || cell.trim() === '' ? 'an empty cell' : `"${cell}"`;
      const shownZh = cell === undefined || cell.trim() === '' ? '空单元格' : `"${cell}"`;
      return {
        ok: false,
        line: row.line,
        message: {
          en: `${shown} in column "${name}" is not a number`,
          zh: `"${name}" 列中的${shownZh}不是数字`,
        },
      };
    }
    values.push(value);
  }
  return { ok: true, column: name, values };
}
