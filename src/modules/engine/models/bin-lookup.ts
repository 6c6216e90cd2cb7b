/**
 * Finding the bin of one value, shared by every way a scorecard is scored (the generated fast path,
 * the closure fallback, `explain` and reason codes), so they cannot disagree.
 *
 * Bin indexes of a variable with m ordinary bins: 0…m−1 the ordinary bins, m the missing bin, m+1…
 * the special values in order, then `else` (categorical only). Numeric bins are [lower, upper): with
 * the interior edges e_0 < … < e_{m−2} (the lower bounds of bins 1…m−1), a value v is in bin i where i
 * is the number of edges ≤ v, so a value on an edge goes to the bin that edge opens.
 */
import { describeKind } from './input-path.js';

/** Up to this many edges a linear scan beats a binary search (measured on random values). */
export const LINEAR_SCAN_MAX = 8;

/**
 * The bin index of `v` for a numeric variable. Absent, null or NaN → missing; a special value → its
 * bin; any other non-number throws (the engine reports it as a model error naming `path`).
 */
export function numericBinIndex(
  v: unknown,
  edges: Float64Array,
  specials: Float64Array,
  m: number,
  path: string,
): number {
  if (typeof v !== 'number') {
    if (v === undefined || v === null) return m;
    throw new Error(`input ${path} is ${describeKind(v)}, not a number`);
  }
  if (Number.isNaN(v)) return m;
  for (let s = 0; s < specials.length; s++) if (v === specials[s]) return m + 1 + s;
  const n = edges.length;
  if (n <= LINEAR_SCAN_MAX) {
    // Edges are sorted, so the first edge above v is the bin (measured faster than a search here).
    let i = 0;
    while (i < n && v >= (edges[i] as number)) i++;
    return i;
  }
  // Upper bound by binary search: the first edge > v, i.e. the count of edges ≤ v.
  let first = 0;
  let length = n;
  while (length > 0) {
    const half = length >>> 1;
    if ((edges[first + half] as number) <= v) {
      first += half + 1;
      length -= half + 1;
    } else length = half;
  }
  return first;
}

function shortened(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The bin index of `v` for a categorical variable: strings as they are, numbers and booleans by their
 * JSON text; absent or null → missing; unseen → `elseIndex`, or a throw when the card has no
 * else_points (`elseIndex` < 0).
 */
export function categoricalBinIndex(
  v: unknown,
  index: ReadonlyMap<string, number>,
  m: number,
  elseIndex: number,
  path: string,
): number {
  let key: string;
  if (typeof v === 'string') key = v;
  else if (v === undefined || v === null) return m;
  else if (typeof v === 'number' || typeof v === 'boolean') key = String(v);
  else throw new Error(`input ${path} is ${describeKind(v)}, not a category`);
  const found = index.get(key);
  if (found !== undefined) return found;
  if (elseIndex >= 0) return elseIndex;
  throw new Error(
    `input ${path} has the category ${JSON.stringify(shortened(key))}, unseen in training, and the card has no else_points`,
  );
}
