/**
 * Scoring a file of applicants with a card, through the very lookups the engine scores with
 * (`compileScorecard(...).scoreColumns`), so a batch score and a live decision cannot disagree. Each
 * variable's column is found by the variable's name (or the last segment of its input path); a
 * numeric cell is parsed as the training reader parses it, a missing token is a missing value, and a
 * categorical cell is its text.
 */
import {
  compileScorecard,
  type ScorecardDocument,
  type ScorecardVariable,
  scalingConstants,
} from '../../engine/index.js';
import { MISSING_TOKENS, parseNumericCell } from './dataset.js';

/** Scores, probabilities of bad and reason codes of a batch, row for row. */
export interface BatchScores {
  readonly scores: Float64Array;
  readonly probabilities: Float64Array;
  /** The variables that cost the most points, per row (largest shortfall first; ties in card order). */
  readonly reasons: readonly (readonly string[])[];
  /** Per variable in card order, the bin index of each row (card convention), for CSI. */
  readonly bins: readonly Int32Array[];
}

/** A row that could not be scored: its 0-based index and why. */
export class BatchRowError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(`row ${row + 1}: ${message}`);
  }
}

/** The column of `header` that feeds `variable`: its name, else the last segment of its input path. */
export function columnFor(header: readonly string[], variable: ScorecardVariable): number {
  const byName = header.indexOf(variable.name);
  if (byName >= 0) return byName;
  return header.indexOf(variable.input.slice(variable.input.lastIndexOf('.') + 1));
}

/** A categorical cell's value: its text, or null when missing (trimmed only when it has blanks). */
function categoricalCell(cell: string | undefined): string | null {
  if (cell === undefined) return null;
  const padded = cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32;
  return MISSING_TOKENS.has(padded ? cell.trim() : cell) ? null : cell;
}

const NO_REASONS: readonly string[] = Object.freeze([]);

/** One variable's cells as the values the card looks up: numbers (NaN missing) or texts (null missing). */
function columnValues(
  variable: ScorecardVariable,
  rows: readonly (readonly string[])[],
  at: number,
): Float64Array | (string | null)[] {
  if (variable.type === 'categorical') {
    const out: (string | null)[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = categoricalCell((rows[r] as readonly string[])[at]);
    return out;
  }
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const cell = (rows[r] as readonly string[])[at] ?? '';
    const n = parseNumericCell(cell);
    if (n === undefined)
      throw new BatchRowError(r, `${variable.name} is "${cell.slice(0, 40)}", not a number`);
    out[r] = n;
  }
  return out;
}

/** Every value's points in card index order (bins, missing, specials, else), and the best of them. */
function pointTables(card: ScorecardDocument): { points: number[]; best: number }[] {
  return card.variables.map((v) => {
    const points = [...v.bins.map((b) => b.points), v.missing.points, ...v.special.map((s) => s.points)];
    if (v.type === 'categorical' && v.else_points !== undefined) points.push(v.else_points);
    return { points, best: Math.max(...points) };
  });
}

/** The `k` variables of row `r` with the largest shortfall against their best points (the engine's rule). */
function reasonsOf(
  card: ScorecardDocument,
  tables: readonly { points: number[]; best: number }[],
  bins: readonly Int32Array[],
  r: number,
  k: number,
): string[] {
  const ranked: { name: string; short: number; order: number }[] = [];
  tables.forEach((t, i) => {
    const short = t.best - (t.points[(bins[i] as Int32Array)[r] as number] as number);
    if (short > 0) ranked.push({ name: (card.variables[i] as ScorecardVariable).name, short, order: i });
  });
  ranked.sort((a, b) => b.short - a.short || a.order - b.order);
  return ranked.slice(0, k).map((x) => x.name);
}

/**
 * Scores `rows` (cells in `header` order), with `reasons` reason codes per row (default 3, 0 skips
 * them). Throws a RangeError naming a variable whose column is absent, and a {@link BatchRowError}
 * for a cell that cannot be scored.
 */
export function scoreBatch(
  card: ScorecardDocument,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly reasons?: number } = {},
): BatchScores {
  const reasonCount = options.reasons ?? 3;
  const model = compileScorecard(card);
  const columns = card.variables.map((v) => {
    const at = columnFor(header, v);
    if (at < 0) throw new RangeError(`the file has no column ${v.name} (the card reads ${v.input})`);
    return columnValues(v, rows, at);
  });
  let scored: { scores: Float64Array; bins: Int32Array[] };
  try {
    scored = model.scoreColumns(columns, rows.length);
  } catch (error) {
    // Find the row to name (only on failure: the fast path does not track it).
    for (let r = 0; r < rows.length; r++) {
      try {
        model.scoreColumns(
          columns.map((c) => [c[r]]),
          1,
        );
      } catch (rowError) {
        throw new BatchRowError(r, (rowError as Error).message);
      }
    }
    throw error;
  }
  const { scores, bins } = scored;
  const probabilities = new Float64Array(rows.length);
  // P(bad) = 1 / (1 + odds), odds = exp((score − offset) / factor) (engine/models/scaling.ts).
  const { factor, offset } = scalingConstants(card.scaling);
  for (let r = 0; r < rows.length; r++) {
    probabilities[r] = 1 / (1 + Math.exp(((scores[r] as number) - offset) / factor));
  }
  const tables = reasonCount > 0 ? pointTables(card) : [];
  const reasons = rows.map((_, r) =>
    reasonCount > 0 ? reasonsOf(card, tables, bins, r, reasonCount) : NO_REASONS,
  );
  return { scores, probabilities, reasons, bins };
}
