/**
 * A reader of CSV text as RFC 4180 defines it (comma-separated fields, records ended by CRLF or LF,
 * fields in double quotes may hold commas, line breaks and doubled quotes), with a UTF-8 byte order
 * mark tolerated at the start because spreadsheet programs write one. Each record keeps the line
 * it starts on, so an import can tell a person which line of their file is wrong.
 */

/** One record and the (1-based) line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** The records of a file, or where and why it cannot be read (a quote left open desynchronises the rest). */
export type CsvParse =
  | { readonly ok: true; readonly records: readonly CsvRecord[] }
  | { readonly ok: false; readonly line: number; readonly message: string };

/** Reads every record of `text`; blank lines are skipped. */
export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    let ended = false;
    while (i < n && !ended) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          const next = text[i];
          if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
            return {
              ok: false,
              line,
              message: 'a closing quote must end its field (write "" for a quote inside)',
            };
          }
          continue;
        }
        if (c === '\n') line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"') {
        if (!atFieldStart)
          return { ok: false, line, message: 'a quote inside an unquoted field (quote the whole field)' };
        quoted = true;
        atFieldStart = false;
        i++;
      } else if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        field += c;
        atFieldStart = false;
        i++;
      }
    }
    if (quoted) return { ok: false, line: start, message: 'a quoted field is never closed' };
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
  }
  return { ok: true, records };
}

/** Quotes a field for CSV output when it needs it (RFC 4180 §2.6–2.7). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
