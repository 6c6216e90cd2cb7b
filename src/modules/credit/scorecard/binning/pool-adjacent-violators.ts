/**
 * The monotonic step of the optimal monotonic binning: pool adjacent violators (Ayer, Brunk, Ewing,
 * Reid and Silverman, "An Empirical Distribution Function for Sampling with Incomplete Information",
 * Ann. Math. Statist. 1955; Barlow et al., *Statistical Inference under Order Restrictions*, 1972).
 * Walking the cells in order, a cell whose bad rate does not continue the trend is pooled with the
 * group before it, and pooling repeats backwards while the trend is broken. The result is the
 * row-weighted isotonic regression of the bad rate, grouped; here ties are pooled too, so the bad
 * rates of the groups are strictly monotonic. The limits (`bin-constraints.ts`) then merge further by
 * adjacent pairs only, which keeps the trend.
 */
import type { Trend } from './binning.js';
import { type Cells, type Group, mergeWithNext, singletonGroups } from './cells.js';

/** Whether group `b`, after `a`, continues the trend strictly (compared without division). */
function continues(a: Group, b: Group, trend: Trend): boolean {
  // b.bads/nb vs a.bads/na by cross-multiplication: exact for counts, defined for any sizes.
  const left = b.bads * (a.goods + a.bads);
  const right = a.bads * (b.goods + b.bads);
  return trend === 'ascending' ? left > right : left < right;
}

/** Groups the cells so that the groups' bad rates move strictly in the direction of `trend`. */
export function poolAdjacentViolators(cells: Cells, trend: Trend): Group[] {
  const stack: Group[] = [];
  for (const cell of singletonGroups(cells)) {
    stack.push(cell);
    while (
      stack.length > 1 &&
      !continues(stack[stack.length - 2] as Group, stack[stack.length - 1] as Group, trend)
    )
      mergeWithNext(stack, stack.length - 2);
  }
  return stack;
}
