/**
 * ChiMerge (Kerber, "ChiMerge: Discretization of Numeric Attributes", AAAI 1992): adjacent intervals
 * whose class frequencies are alike by Pearson's χ² test are merged, smallest χ² first, until every
 * adjacent pair differs significantly. Kerber starts from one interval per distinct value; here the
 * start is the fine classes, which keeps the work small on large samples and changes little, since
 * fine classes are far narrower than the final bins. As Kerber allows, a maximum number of intervals
 * is also enforced: merging goes on past the threshold until there are at most `maxBins`.
 */
import { type Cells, type Group, mergeWithNext, singletonGroups, size } from './cells.js';

/**
 * Pearson's χ² of the 2×2 table of two adjacent groups (rows) by class (goods, bads):
 * Σ (A_ij − E_ij)² / E_ij with E_ij = R_i·C_j / N. An expected count of 0 (a class absent from both
 * groups) is replaced by 0.1, as Kerber (1992) does, so the statistic stays defined.
 */
export function chiSquare(a: Group, b: Group): number {
  const n = size(a) + size(b);
  if (n === 0) return 0;
  const goods = a.goods + b.goods;
  const bads = a.bads + b.bads;
  const table: readonly (readonly [observed: number, rowTotal: number, classTotal: number])[] = [
    [a.goods, size(a), goods],
    [a.bads, size(a), bads],
    [b.goods, size(b), goods],
    [b.bads, size(b), bads],
  ];
  let chi = 0;
  for (const [observed, rowTotal, classTotal] of table) {
    const e = (rowTotal * classTotal) / n;
    const expected = e === 0 ? 0.1 : e;
    chi += (observed - expected) ** 2 / expected;
  }
  return chi;
}

/** Groups the cells by ChiMerge with the given χ² threshold and maximum number of groups. */
export function chiMerge(cells: Cells, threshold: number, maxBins: number): Group[] {
  const groups = singletonGroups(cells);
  const chi = groups.slice(1).map((g, i) => chiSquare(groups[i] as Group, g));
  while (groups.length > 1) {
    let best = 0;
    for (let i = 1; i < chi.length; i++) if ((chi[i] as number) < (chi[best] as number)) best = i;
    if ((chi[best] as number) >= threshold && groups.length <= maxBins) break;
    mergeWithNext(groups, best);
    chi.splice(best, 1);
    // Only the merged group's two neighbouring pairs change.
    if (best > 0) chi[best - 1] = chiSquare(groups[best - 1] as Group, groups[best] as Group);
    if (best < groups.length - 1) chi[best] = chiSquare(groups[best] as Group, groups[best + 1] as Group);
  }
  return groups;
}
