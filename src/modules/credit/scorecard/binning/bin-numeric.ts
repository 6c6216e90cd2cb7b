/**
 * Binning of a numeric variable: missing rows (NaN) and each special value found get their own bin;
 * the ordinary values are fine-classed by quantiles and coarse-classed by the chosen method, or cut
 * at manual edges exactly as given. WOE and IV are relative to all rows of the sample (`woe.ts`).
 */
import type { NumericColumn } from '../dataset.js';
import { binStats, informationValue } from '../woe.js';
import { checkTarget, type NumericBinning, trendOf } from './binning.js';
import { type BinningOptions, resolveBinningOptions } from './binning-options.js';
import { coarseClasses } from './coarse-classes.js';
import { type DistinctValues, distinctValues, fineClasses, niceEdge } from './fine-classes.js';

/** Options of `binNumeric`: the binning settings, or manual edges used as they are. */
export type NumericBinningOptions = Partial<BinningOptions> & {
  /** Interior cut points, strictly ascending and finite; only the statistics are computed. */
  readonly manual?: { readonly edges: readonly number[] };
};

/**
 * Bins `column` against `target` (1 = bad). Throws a RangeError on invalid options or manual edges,
 * on a target of another length, or when the target lacks goods or bads.
 */
export function binNumeric(
  column: NumericColumn,
  target: Uint8Array,
  options: NumericBinningOptions = {},
): NumericBinning {
  const { values, special } = column;
  checkTarget(target, values.length, column.name);
  const settings = resolveBinningOptions(options);
  const specialGoods = new Float64Array(special.length);
  const specialBads = new Float64Array(special.length);
  const goodValues = new Float64Array(values.length);
  const badValues = new Float64Array(values.length);
  let missingGoods = 0;
  let missingBads = 0;
  let ng = 0;
  let nb = 0;
  rows: for (let r = 0; r < values.length; r++) {
    const v = values[r] as number;
    const bad = target[r] === 1;
    if (Number.isNaN(v)) {
      if (bad) missingBads++;
      else missingGoods++;
      continue;
    }
    for (let s = 0; s < special.length; s++)
      if (v === special[s]) {
        const counts = bad ? specialBads : specialGoods;
        counts[s] = (counts[s] as number) + 1;
        continue rows;
      }
    if (bad) badValues[nb++] = v;
    else goodValues[ng++] = v;
  }
  const totalGoods = ng + missingGoods + specialGoods.reduce((a, b) => a + b, 0);
  const totalBads = nb + missingBads + specialBads.reduce((a, b) => a + b, 0);
  const table = distinctValues(goodValues.subarray(0, ng).sort(), badValues.subarray(0, nb).sort());
  let edges: number[];
  let trend: NumericBinning['trend'];
  if (options.manual) {
    edges = checkEdges(options.manual.edges);
  } else {
    const fine = fineClasses(table, settings.fineBins);
    const coarse = coarseClasses(fine.cells, settings);
    edges = coarse.cuts.map((c) => {
      const first = fine.starts[c] as number;
      return niceEdge(table.values[first - 1] as number, table.values[first] as number);
    });
    trend = coarse.trend;
  }
  const stats = (g: number, b: number) => binStats(g, b, totalGoods, totalBads);
  const bins = countByEdges(table, edges).map(([g, b]) => stats(g, b));
  const missing = stats(missingGoods, missingBads);
  const specials = [...special].map((value, s) => ({
    value,
    stats: stats(specialGoods[s] as number, specialBads[s] as number),
  }));
  return {
    name: column.name,
    type: 'numeric',
    edges,
    bins,
    missing,
    special: specials,
    iv: informationValue([...bins, missing, ...specials.map((s) => s.stats)]),
    trend: trend ?? trendOf(bins),
  };
}

function checkEdges(edges: readonly number[]): number[] {
  for (const [i, e] of edges.entries())
    if (!Number.isFinite(e) || (i > 0 && !(e > (edges[i - 1] as number))))
      throw new RangeError(`manual edges must be finite and strictly ascending (edge ${i} is ${e})`);
  return [...edges];
}

/** Goods and bads of each bin [edges[i−1], edges[i]) over the distinct values. */
function countByEdges(table: DistinctValues, edges: readonly number[]): [number, number][] {
  const counts: [number, number][] = Array.from({ length: edges.length + 1 }, () => [0, 0]);
  let bin = 0;
  for (let i = 0; i < table.values.length; i++) {
    const v = table.values[i] as number;
    while (bin < edges.length && v >= (edges[bin] as number)) bin++;
    const cell = counts[bin] as [number, number];
    cell[0] += table.goods[i] as number;
    cell[1] += table.bads[i] as number;
  }
  return counts;
}
