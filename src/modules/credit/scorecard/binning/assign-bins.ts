/**
 * Puts each row of a column in its bin of a finished binning, with the card's bin indexes and order
 * of resolution (`engine/models/bin-lookup.ts`): missing first, then the special values, then the
 * ordinary bins ([lower, upper), so a value on an edge is in the bin it opens). With k ordinary bins:
 * 0…k−1 ordinary, k missing, k+1+j special j, and for a categorical level in no group k+1+(number of
 * specials), the card's `else`.
 */
import type { Column } from '../dataset.js';
import type { BinStats } from '../woe.js';
import type { Binning, CategoricalBinning, NumericBinning } from './binning.js';

/** The bin index of every row of `column` under `binning`; a column of the other type is a TypeError. */
export function assignBins(binning: Binning, column: Column): Int32Array {
  if (binning.type !== column.type)
    throw new TypeError(
      `binning ${binning.name} is ${binning.type} but column ${column.name} is ${column.type}`,
    );
  if (column.type === 'numeric') return numericBins(binning as NumericBinning, column.values);
  const levelBin = categoricalLevelBins(binning as CategoricalBinning, column.levels);
  const k = binning.bins.length;
  const out = new Int32Array(column.codes.length);
  for (let r = 0; r < out.length; r++) {
    const c = column.codes[r] as number;
    out[r] = c < 0 ? k : (levelBin[c] as number);
  }
  return out;
}

function numericBins(binning: NumericBinning, values: Float64Array): Int32Array {
  const edges = Float64Array.from(binning.edges);
  const specials = Float64Array.from(binning.special, (s) => s.value);
  const k = binning.bins.length;
  const out = new Int32Array(values.length);
  rows: for (let r = 0; r < values.length; r++) {
    const v = values[r] as number;
    if (Number.isNaN(v)) {
      out[r] = k;
      continue;
    }
    for (let s = 0; s < specials.length; s++)
      if (v === specials[s]) {
        out[r] = k + 1 + s;
        continue rows;
      }
    // The count of edges ≤ v, by binary search: the index of the bin [edge, next edge) holding v.
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((edges[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    out[r] = lo;
  }
  return out;
}

/** The bin of each level of a categorical column: special, its group, or else. */
function categoricalLevelBins(binning: CategoricalBinning, levels: readonly string[]): Int32Array {
  const k = binning.bins.length;
  const bin = new Map<string, number>();
  for (const [g, group] of binning.groups.entries()) for (const level of group) bin.set(level, g);
  // Specials are resolved before the groups, as on the card.
  for (const [j, s] of binning.special.entries()) bin.set(s.value, k + 1 + j);
  const elseBin = k + 1 + binning.special.length;
  return Int32Array.from(levels, (level) => bin.get(level) ?? elseBin);
}

/**
 * The WOE of every row's bin: the input of the logistic regression. A categorical level in no group
 * (unseen in training) gets 0, the WOE of an average row.
 */
export function woeEncode(binning: Binning, column: Column): Float64Array {
  const all: readonly BinStats[] = [
    binning.bins,
    [binning.missing],
    binning.special.map((s) => s.stats),
  ].flat();
  const woe = Float64Array.from(all, (b) => b.woe);
  const bins = assignBins(binning, column);
  const out = new Float64Array(bins.length);
  // A plain loop: Float64Array.from with a mapping function goes through the iterator, several times slower.
  for (let r = 0; r < bins.length; r++) out[r] = woe[bins[r] as number] ?? 0;
  return out;
}
