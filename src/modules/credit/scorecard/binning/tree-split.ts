/**
 * Coarse classing by a decision tree on one variable: binary splits at cell boundaries chosen to
 * maximise the information gain (the fall in entropy, Quinlan, "Induction of Decision Trees", Machine
 * Learning 1986), grown best-first: of all current leaves, the one whose best split gains most is
 * split next. Every child must keep the minimum number of rows; growth stops at `maxBins` leaves or
 * when no allowed split has a positive gain. The leaves, in order, are the bins.
 */
import { type Cells, type Group, groupsFromCuts } from './cells.js';

/** Binary entropy of a group with g goods and b bads, times its size: n·H(b/n), in nats. */
function weightedEntropy(g: number, b: number): number {
  const n = g + b;
  if (g === 0 || b === 0) return 0;
  return -g * Math.log(g / n) - b * Math.log(b / n);
}

interface Leaf {
  readonly start: number;
  readonly end: number;
  /** The best split point (a cell index in (start, end)) and its gain; −1 when none is allowed. */
  readonly cut: number;
  readonly gain: number;
}

/** Groups the cells by best-first binary splits, each child holding at least `minCount` rows. */
export function treeSplit(cells: Cells, minCount: number, maxBins: number): Group[] {
  const m = cells.goods.length;
  const goods = new Float64Array(m + 1);
  const bads = new Float64Array(m + 1);
  for (let c = 0; c < m; c++) {
    goods[c + 1] = (goods[c] as number) + (cells.goods[c] as number);
    bads[c + 1] = (bads[c] as number) + (cells.bads[c] as number);
  }
  const span = (s: number, e: number) =>
    [(goods[e] as number) - (goods[s] as number), (bads[e] as number) - (bads[s] as number)] as const;
  const leaf = (start: number, end: number): Leaf => {
    const [g, b] = span(start, end);
    const parent = weightedEntropy(g, b);
    let cut = -1;
    let gain = 0;
    for (let c = start + 1; c < end; c++) {
      const [lg, lb] = span(start, c);
      if (lg + lb < minCount || g - lg + (b - lb) < minCount) continue;
      const gc = parent - weightedEntropy(lg, lb) - weightedEntropy(g - lg, b - lb);
      if (gc > gain) {
        gain = gc;
        cut = c;
      }
    }
    return { start, end, cut, gain };
  };
  const leaves: Leaf[] = [leaf(0, m)];
  // A gain below this is rounding noise, not a better split.
  const noise = 1e-9 * ((goods[m] as number) + (bads[m] as number));
  while (leaves.length < maxBins) {
    let best = -1;
    for (const [i, l] of leaves.entries())
      if (l.cut >= 0 && l.gain > noise && (best < 0 || l.gain > (leaves[best] as Leaf).gain)) best = i;
    if (best < 0) break;
    const { start, end, cut } = leaves[best] as Leaf;
    leaves.splice(best, 1, leaf(start, cut), leaf(cut, end));
  }
  return groupsFromCuts(
    cells,
    leaves.slice(1).map((l) => l.start),
  );
}
