/**
 * Score bands given by cut points, shared by the score-band table and PSI. Edges e₁ < … < e_k cut the
 * line into k + 1 bands, each closed on the left: (−∞, e₁), [e₁, e₂), …, [e_k, +∞). A score equal to an
 * edge therefore belongs to the band that starts there, as in a score-band report reading "600–619".
 */
import type { Numbers } from './input.js';
import { ValidationInputError } from './input.js';

/** One band: its bounds (`null` for an open end) and a printable label. */
export interface Band {
  /** Inclusive lower bound, or null for −∞. */
  readonly from: number | null;
  /** Exclusive upper bound, or null for +∞. */
  readonly to: number | null;
  /** `"< 500"`, `"[500, 550)"` or `"≥ 700"`. */
  readonly label: string;
}

/** Checks that edges are finite and strictly increasing, and returns them as a Float64Array. */
export function checkEdges(edges: Numbers): Float64Array {
  const out = Float64Array.from(edges);
  for (let i = 0; i < out.length; i++) {
    const edge = out[i]!;
    if (!Number.isFinite(edge) || (i > 0 && edge <= out[i - 1]!)) {
      throw new ValidationInputError({
        en: `band edges must be finite and strictly increasing; edge ${i} is ${edge}`,
        zh: `分段边界必须为有限值且严格递增；第 ${i} 个边界为 ${edge}`,
      });
    }
  }
  return out;
}

/** The band of a value: the number of edges at or below it (binary search, O(log k)). */
export function bandOf(edges: Float64Array, value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k + 1 bands of k edges, lowest first. */
export function describeBands(edges: Float64Array): Band[] {
  const bands: Band[] = [];
  for (let i = 0; i <= edges.length; i++) {
    const from = i > 0 ? edges[i - 1]! : null;
    const to = i < edges.length ? edges[i]! : null;
    const label =
      from === null && to === null
        ? 'all'
        : from === null
          ? `< ${to}`
          : to === null
            ? `≥ ${from}`
            : `[${from}, ${to})`;
    bands.push({ from, to, label });
  }
  return bands;
}

/**
 * Cut points that split a sample into `parts` bands of nearly equal size: the values at ranks
 * ⌊j·n/parts⌋ (0-based) of the sorted sample, j = 1 … parts − 1, so that band j starts at the first
 * value of the j-th part. Repeated values give one edge only, and an edge at the minimum is dropped
 * (it would open an empty first band), as is an infinite one; heavy ties therefore give fewer bands.
 */
export function quantileEdges(values: Numbers, parts: number): Float64Array {
  if (!Number.isInteger(parts) || parts < 1)
    throw new RangeError(`parts must be a positive integer, not ${parts}`);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const edges: number[] = [];
  for (let j = 1; j < parts; j++) {
    const edge = sorted[Math.floor((j * n) / parts)];
    if (edge === undefined || !Number.isFinite(edge)) continue;
    const previous = edges.length > 0 ? edges[edges.length - 1]! : sorted[0]!;
    if (edge > previous) edges.push(edge);
  }
  return Float64Array.from(edges);
}
