/**
 * Reading a labelled or unlabelled applicant file for scoring and reports: the header, the rows as
 * cell texts, the id column when there is one, and the target as 0/1 when a target column is named.
 */
import { parseCsv } from '../../../kernel/csv.js';

/** A CSV file as scoring reads it. */
export interface ApplicantFile {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly ids: readonly string[] | undefined;
  /** 1 = bad, present when a target was asked for. */
  readonly target: Uint8Array | undefined;
}

/**
 * Reads `text`; with `target`, its column must hold only `bad` (default `1`) and one other value.
 * Throws a RangeError naming the line of the first problem.
 */
export function readApplicantFile(text: string, target?: string, bad = '1'): ApplicantFile {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new RangeError(`line ${parsed.line}: ${parsed.message}`);
  const [head, ...records] = parsed.records;
  if (!head) throw new RangeError('the file is empty: it needs a header line');
  const header = head.fields.map((f) => f.trim());
  const rows = records.map((r) => {
    if (r.fields.length !== header.length) {
      throw new RangeError(`line ${r.line}: ${r.fields.length} fields, the header has ${header.length}`);
    }
    return r.fields;
  });
  const idAt = header.indexOf('id');
  let y: Uint8Array | undefined;
  if (target !== undefined) {
    const at = header.indexOf(target);
    if (at < 0) throw new RangeError(`the file has no target column ${target}`);
    let good: string | undefined;
    y = new Uint8Array(rows.length);
    for (const [i, r] of rows.entries()) {
      const v = (r[at] ?? '').trim();
      if (v === bad) y[i] = 1;
      else if (good === undefined || v === good) good = v;
      else {
        throw new RangeError(
          `line ${records[i]?.line}: target ${target} is "${v.slice(0, 40)}"; it must be ${bad} (bad) or ${good} (good)`,
        );
      }
    }
  }
  return { header, rows, ids: idAt < 0 ? undefined : rows.map((r) => r[idAt] ?? ''), target: y };
}
