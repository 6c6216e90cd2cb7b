/**
 * Weight of evidence and information value of the bins of one variable, with the sign convention of
 * the exported card (`engine/models/scorecard-format.ts`): following Siddiqi (*Credit Risk
 * Scorecards*, Wiley 2006, "Weight of Evidence" and "Information Value"),
 *
 *   WOE_i = ln(%good_i / %bad_i),   IV = Σ_i (%good_i − %bad_i) · WOE_i,
 *
 * where %good_i is the bin's share of all goods and %bad_i its share of all bads. A positive WOE means
 * fewer bads than average; every term of the IV is ≥ 0.
 *
 * Empty cells: a bin with goods but no bads (or bads but no goods) would get an infinite WOE. For such
 * a bin only, 0.5 is added to both its goods and its bads before the shares are taken (the usual
 * continuity correction, as in Haldane's estimator of a log odds ratio); the totals stay the real
 * totals, so the shares of the other bins are untouched and the corrected shares no longer sum
 * exactly to 1. A bin with no rows at all (a missing bin when no value was missing) gets WOE 0 and IV
 * 0, so a value landing there at scoring time is neutral. The reported counts are always the real ones.
 */

/** What training saw in one bin, with its WOE and its share of the variable's IV. */
export interface BinStats {
  /** Rows in the bin. */
  readonly count: number;
  readonly goods: number;
  readonly bads: number;
  /** bads / count; 0 for an empty bin (so it stays a valid share in the exported card). */
  readonly badRate: number;
  /** ln(%good / %bad), see the module comment for empty cells. */
  readonly woe: number;
  /** (%good − %bad) · WOE, this bin's term of the information value. */
  readonly iv: number;
}

/** The continuity correction added to the goods and bads of a bin that lacks one of the classes. */
export const EMPTY_CELL_CORRECTION = 0.5;

/**
 * The statistics of a bin holding `goods` and `bads` rows out of `totalGoods` and `totalBads` in the
 * whole sample (missing and special rows included in the totals). Throws a RangeError when a total is
 * not positive: WOE is undefined without both classes, and the data reader refuses such a sample.
 */
export function binStats(goods: number, bads: number, totalGoods: number, totalBads: number): BinStats {
  if (!(totalGoods > 0) || !(totalBads > 0))
    throw new RangeError(`WOE needs goods and bads in the sample (got ${totalGoods} and ${totalBads})`);
  const count = goods + bads;
  if (count === 0) return { count: 0, goods: 0, bads: 0, badRate: 0, woe: 0, iv: 0 };
  const correction = goods === 0 || bads === 0 ? EMPTY_CELL_CORRECTION : 0;
  const goodShare = (goods + correction) / totalGoods;
  const badShare = (bads + correction) / totalBads;
  const woe = Math.log(goodShare / badShare);
  return { count, goods, bads, badRate: bads / count, woe, iv: (goodShare - badShare) * woe };
}

/** The information value of a variable: the sum of the IV terms of all its bins (missing and special included). */
export function informationValue(bins: readonly BinStats[]): number {
  let iv = 0;
  for (const bin of bins) iv += bin.iv;
  return iv;
}
