/**
 * Coarse classing: the chosen method groups the ordered cells, then the limits on bin size and
 * count are enforced. Shared by numeric variables (cells = quantile fine classes) and categorical
 * ones (cells = levels ordered by bad rate).
 */

import { binStats, informationValue } from '../woe.js';
import { binLimits, enforceLimits } from './bin-constraints.js';
import type { Trend } from './binning.js';
import type { BinningOptions } from './binning-options.js';
import { type Cells, cutsOf, type Group } from './cells.js';
import { chiMerge } from './chi-merge.js';
import { poolAdjacentViolators } from './pool-adjacent-violators.js';
import { treeSplit } from './tree-split.js';

/** The grouping of the cells, as cuts, and for a monotonic binning the trend it follows. */
export interface CoarseClasses {
  readonly cuts: number[];
  readonly trend?: Trend;
}

/**
 * Groups `cells` by `options.method` within `options.maxBins` and `options.minBinShare` (a share of
 * the rows in the cells). A monotonic binning follows `options.trend`; on `auto` both directions are
 * tried and the one with the higher information value over the cells is kept (ascending on a tie).
 */
export function coarseClasses(cells: Cells, options: BinningOptions): CoarseClasses {
  if (cells.goods.length === 0) return { cuts: [] };
  const rows = cells.goods.reduce((s, g, c) => s + g + (cells.bads[c] as number), 0);
  const limits = binLimits(rows, options.minBinShare, options.maxBins);
  if (options.method === 'chimerge')
    return { cuts: cutsOf(enforceLimits(chiMerge(cells, options.chiThreshold, options.maxBins), limits)) };
  if (options.method === 'tree')
    return { cuts: cutsOf(enforceLimits(treeSplit(cells, limits.minCount, options.maxBins), limits)) };
  const monotonic = (trend: Trend) => enforceLimits(poolAdjacentViolators(cells, trend), limits);
  if (options.trend !== 'auto') return { cuts: cutsOf(monotonic(options.trend)), trend: options.trend };
  const up = monotonic('ascending');
  const down = monotonic('descending');
  return ivOf(down) > ivOf(up)
    ? { cuts: cutsOf(down), trend: 'descending' }
    : { cuts: cutsOf(up), trend: 'ascending' };
}

/** Information value of groups relative to their own totals, to compare two groupings of the same cells. */
function ivOf(groups: readonly Group[]): number {
  const goods = groups.reduce((s, g) => s + g.goods, 0);
  const bads = groups.reduce((s, g) => s + g.bads, 0);
  if (goods === 0 || bads === 0) return 0;
  return informationValue(groups.map((g) => binStats(g.goods, g.bads, goods, bads)));
}
