/**
 * The binning of one variable, as training hands it to the card export: the ordinary bins with their
 * WOE statistics, the bin of missing values and one bin per special value found. Bin indexes follow
 * the card (`engine/models/bin-lookup.ts`): ordinary bins 0…k−1, missing k, special j at k+1+j, and
 * for a categorical variable an unseen level at k+1+(number of specials), scored as `else`.
 */
import type { BinStats } from '../woe.js';

/** How the fine classes are grouped into the final bins. */
export type BinningMethod = 'chimerge' | 'tree' | 'monotonic';

/** Direction of the bad rate across ordinary bins, from low to high values. */
export type Trend = 'ascending' | 'descending';

/**
 * A numeric variable. `edges` are the interior cut points, ascending: ordinary bin i is
 * [edges[i−1], edges[i]) with −∞ and +∞ at the ends, so a value on an edge is in the bin it opens.
 */
export interface NumericBinning {
  readonly name: string;
  readonly type: 'numeric';
  readonly edges: readonly number[];
  readonly bins: readonly BinStats[];
  readonly missing: BinStats;
  readonly special: readonly { readonly value: number; readonly stats: BinStats }[];
  /** Information value over all bins, missing and special included. */
  readonly iv: number;
  /**
   * For a monotonic binning the direction it was built to (also with a single bin); otherwise how the
   * bad rate moves across the ordinary bins: strictly up, strictly down, or neither.
   */
  readonly trend?: Trend | 'none';
}

/** A categorical variable: the levels of each ordinary bin (a level is in one group only). */
export interface CategoricalBinning {
  readonly name: string;
  readonly type: 'categorical';
  readonly groups: readonly (readonly string[])[];
  readonly bins: readonly BinStats[];
  readonly missing: BinStats;
  readonly special: readonly { readonly value: string; readonly stats: BinStats }[];
  readonly iv: number;
}

/** The binning of any variable. */
export type Binning = NumericBinning | CategoricalBinning;

/** The trend of a sequence of bins' bad rates: strictly ascending, strictly descending, or none. */
export function trendOf(bins: readonly BinStats[]): Trend | 'none' {
  if (bins.length < 2) return 'none';
  let up = true;
  let down = true;
  for (let i = 1; i < bins.length; i++) {
    const a = (bins[i - 1] as BinStats).badRate;
    const b = (bins[i] as BinStats).badRate;
    if (!(b > a)) up = false;
    if (!(b < a)) down = false;
  }
  return up ? 'ascending' : down ? 'descending' : 'none';
}

/** Throws a RangeError when the target and a column differ in length (a caller's bug). */
export function checkTarget(target: Uint8Array, rows: number, name: string): void {
  if (target.length !== rows)
    throw new RangeError(`column ${name} has ${rows} rows but the target ${target.length}`);
}
