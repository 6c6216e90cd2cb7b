/**
 * Turns a finished binning and its points into a variable of the `fengkong.scorecard/v1` card, with
 * the card's bin layout (engine/models/scorecard-format.ts): numeric bins as contiguous half-open
 * intervals [lower, upper) covering the line, categorical bins as level groups, the missing bin, one
 * bin per special value, and for a categorical variable the points of an unseen level (`else_points`).
 */
import type { ScorecardVariable } from '../../engine/index.js';
import type { Binning } from './binning/binning.js';
import type { BinStats } from './woe.js';

/** The WOEs of a binning in card index order: ordinary bins, missing, specials, then else (WOE 0). */
export function cardWoes(binning: Binning): number[] {
  const woes = [
    ...binning.bins.map((b) => b.woe),
    binning.missing.woe,
    ...binning.special.map((s) => s.stats.woe),
  ];
  // An unseen category is scored as an average applicant: WOE 0.
  if (binning.type === 'categorical') woes.push(0);
  return woes;
}

function statsFields(stats: BinStats, points: number) {
  return { woe: stats.woe, points, count: stats.count, bad_rate: stats.badRate };
}

/**
 * The card variable of `binning` read from `input` (`data.income`), with `points` in the order of
 * {@link cardWoes}.
 */
export function cardVariable(
  binning: Binning,
  points: readonly number[],
  input: string,
  label?: { en: string; zh: string },
): ScorecardVariable {
  const k = binning.bins.length;
  const at = (i: number) => points[i] as number;
  const missing = statsFields(binning.missing, at(k));
  const common = { name: binning.name, input, ...(label ? { label } : {}) };
  if (binning.type === 'numeric') {
    const edges = binning.edges;
    return {
      ...common,
      type: 'numeric',
      bins: binning.bins.map((b, i) => ({
        lower: i === 0 ? null : (edges[i - 1] as number),
        upper: i === k - 1 ? null : (edges[i] as number),
        ...statsFields(b, at(i)),
      })),
      missing,
      special: binning.special.map((s, j) => ({ value: s.value, ...statsFields(s.stats, at(k + 1 + j)) })),
    };
  }
  return {
    ...common,
    type: 'categorical',
    bins: binning.bins.map((b, i) => ({
      categories: [...(binning.groups[i] ?? [])],
      ...statsFields(b, at(i)),
    })),
    missing,
    special: binning.special.map((s, j) => ({ value: s.value, ...statsFields(s.stats, at(k + 1 + j)) })),
    else_points: at(k + 1 + binning.special.length),
  };
}
