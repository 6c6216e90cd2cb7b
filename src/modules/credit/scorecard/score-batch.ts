/**
 * Scoring a file of applicants with a card, through the very model the engine scores with
 * (`compileScorecard`), so a batch score and a live decision cannot disagree. Each row's cells are put
 * where the card reads them (`data.income` → `{ data: { income } }`): a numeric cell is parsed as the
 * training reader parses it, a missing token is a missing value, a categorical cell is its text.
 */
import {
  compileScorecard,
  oddsAtScore,
  type RuleInput,
  type ScorecardDocument,
  type ScorecardVariable,
} from '../../engine/index.js';
import { MISSING_TOKENS, parseNumericCell } from './dataset.js';

/** Scores, probabilities of bad and reason codes of a batch, row for row. */
export interface BatchScores {
  readonly scores: Float64Array;
  readonly probabilities: Float64Array;
  /** The variables that cost the most points, per row (largest shortfall first). */
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

type Setter = (input: RuleInput, value: unknown) => void;

function setterFor(path: string): Setter {
  const [root, ...keys] = path.split('.') as [keyof RuleInput, ...string[]];
  const last = keys.pop() as string;
  return (input, value) => {
    let target = input[root] as Record<string, unknown>;
    for (const k of keys) {
      target[k] ??= {};
      target = target[k] as Record<string, unknown>;
    }
    target[last] = value;
  };
}

function cellValue(variable: ScorecardVariable, cell: string | undefined, row: number): unknown {
  if (cell === undefined || MISSING_TOKENS.has(cell.trim())) return null;
  if (variable.type === 'categorical') return cell;
  const n = parseNumericCell(cell);
  if (n === undefined)
    throw new BatchRowError(row, `${variable.name} is "${cell.slice(0, 40)}", not a number`);
  return n;
}

/**
 * Scores `rows` (cells in `header` order), with `reasons` reason codes per row (default 3, 0 skips
 * them) and, with `bins`, each variable's bin index per row. Throws
 * a RangeError naming a variable whose column is absent, and a {@link BatchRowError} for a cell of the
 * wrong type.
 */
export function scoreBatch(
  card: ScorecardDocument,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly reasons?: number; readonly bins?: boolean } = {},
): BatchScores {
  const reasonCount = options.reasons ?? 3;
  const model = compileScorecard(card);
  const columns = card.variables.map((v) => {
    const c = columnFor(header, v);
    if (c < 0) throw new RangeError(`the file has no column ${v.name} (the card reads ${v.input})`);
    return c;
  });
  const setters = card.variables.map((v) => setterFor(v.input));
  const n = rows.length;
  const scores = new Float64Array(n);
  const probabilities = new Float64Array(n);
  const reasons: string[][] = [];
  const bins = options.bins ? card.variables.map(() => new Int32Array(n)) : [];
  for (let r = 0; r < n; r++) {
    const cells = rows[r] as readonly string[];
    const input: RuleInput = {
      event: { type: 'batch', id: String(r), occurred_at: '' },
      subject: {},
      data: {},
      features: {},
      models: {},
    };
    card.variables.forEach((v, i) => {
      (setters[i] as Setter)(input, cellValue(v, cells[columns[i] as number], r));
    });
    let score: number;
    try {
      score = model.score(input);
    } catch (error) {
      throw new BatchRowError(r, (error as Error).message);
    }
    scores[r] = score;
    probabilities[r] = 1 / (1 + oddsAtScore(score, card.scaling));
    if (reasonCount > 0 || options.bins) {
      const details = model.details(input);
      reasons.push(details.reasons.slice(0, reasonCount).map((x) => x.variable));
      if (options.bins) {
        details.bins.forEach((b, i) => {
          (bins[i] as Int32Array)[r] = b;
        });
      }
    } else reasons.push([]);
  }
  return { scores, probabilities, reasons, bins };
}
