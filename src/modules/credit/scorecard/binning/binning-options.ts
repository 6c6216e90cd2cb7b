/**
 * The settings of a binning run and their defaults. The defaults follow common scorecard practice
 * (Siddiqi 2006, "Initial Characteristic Analysis": about 20 fine classes, 5% minimum per coarse
 * class; at most 6 bins keeps a card readable) and the 95% χ² threshold of Kerber (1992).
 */
import type { BinningMethod, Trend } from './binning.js';

/** Settings of `binNumeric` and `binCategorical`; every member but `method` has a default. */
export interface BinningOptions {
  readonly method: BinningMethod;
  /** Most ordinary bins (default 6). */
  readonly maxBins: number;
  /** Least share of the non-missing, non-special rows in an ordinary bin (default 0.05). */
  readonly minBinShare: number;
  /** Number of quantile fine classes before coarse classing (default 20; numeric only). */
  readonly fineBins: number;
  /**
   * Direction of a monotonic binning (default auto: both directions are binned and the one with the
   * higher information value is kept, ascending on a tie). Numeric only: categorical levels are
   * ordered by bad rate, so their monotonic binning is ascending by construction.
   */
  readonly trend: Trend | 'auto';
  /** ChiMerge stops merging when every adjacent pair's χ² reaches this (default 3.841, χ²₀.₉₅ with 1 df). */
  readonly chiThreshold: number;
  /** Categorical levels with a smaller share of the ordinary rows are pooled into one (default 0.01). */
  readonly rareShare: number;
}

/** The defaults, `method` included (monotonic, the usual choice for a card whose points must make sense). */
export const DEFAULT_BINNING_OPTIONS: BinningOptions = Object.freeze({
  method: 'monotonic',
  maxBins: 6,
  minBinShare: 0.05,
  fineBins: 20,
  trend: 'auto',
  chiThreshold: 3.841,
  rareShare: 0.01,
});

/** Fills the defaults and checks every setting, throwing a RangeError that names a bad one. */
export function resolveBinningOptions(options: Partial<BinningOptions> = {}): BinningOptions {
  const o: BinningOptions = { ...DEFAULT_BINNING_OPTIONS, ...options };
  const problems: string[] = [];
  if (!['chimerge', 'tree', 'monotonic'].includes(o.method)) problems.push(`method ${String(o.method)}`);
  if (!Number.isInteger(o.maxBins) || o.maxBins < 1) problems.push(`maxBins ${o.maxBins} (an integer ≥ 1)`);
  if (!(o.minBinShare >= 0 && o.minBinShare <= 0.5)) problems.push(`minBinShare ${o.minBinShare} (0 to 0.5)`);
  if (!Number.isInteger(o.fineBins) || o.fineBins < 2)
    problems.push(`fineBins ${o.fineBins} (an integer ≥ 2)`);
  if (!['auto', 'ascending', 'descending'].includes(o.trend)) problems.push(`trend ${String(o.trend)}`);
  if (!(o.chiThreshold >= 0)) problems.push(`chiThreshold ${o.chiThreshold} (≥ 0)`);
  if (!(o.rareShare >= 0 && o.rareShare < 1)) problems.push(`rareShare ${o.rareShare} (0 to below 1)`);
  if (problems.length > 0) throw new RangeError(`invalid binning options: ${problems.join(', ')}`);
  return o;
}
