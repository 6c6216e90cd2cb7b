/**
 * The common ground of the coarse-classing methods: a row of ordered cells (numeric fine classes, or
 * categorical levels ordered by bad rate), each with its goods and bads, and a partition of that row
 * into groups of adjacent cells. A partition is written as its cuts: the ascending indexes of the
 * cells that start a new group (cell 0 always starts the first). Methods only ever merge adjacent
 * cells, so a numeric bin stays an interval and a categorical group a run of similar bad rates.
 */

/** Goods and bads per cell, in order; every cell holds at least one row. */
export interface Cells {
  readonly goods: readonly number[];
  readonly bads: readonly number[];
}

/** A run of adjacent cells starting at cell `start`, with its totals. */
export interface Group {
  start: number;
  goods: number;
  bads: number;
}

/** The groups a set of cuts makes. */
export function groupsFromCuts(cells: Cells, cuts: readonly number[]): Group[] {
  const groups: Group[] = [];
  const starts = [0, ...cuts];
  for (const [g, start] of starts.entries()) {
    const end = starts[g + 1] ?? cells.goods.length;
    let goods = 0;
    let bads = 0;
    for (let c = start; c < end; c++) {
      goods += cells.goods[c] as number;
      bads += cells.bads[c] as number;
    }
    groups.push({ start, goods, bads });
  }
  return groups;
}

/** The cuts of a list of groups. */
export function cutsOf(groups: readonly Group[]): number[] {
  return groups.slice(1).map((g) => g.start);
}

/** Every cell its own group. */
export function singletonGroups(cells: Cells): Group[] {
  return cells.goods.map((goods, c) => ({ start: c, goods, bads: cells.bads[c] as number }));
}

/** Merges group i+1 into group i, in place. */
export function mergeWithNext(groups: Group[], i: number): void {
  const a = groups[i] as Group;
  const b = groups[i + 1] as Group;
  a.goods += b.goods;
  a.bads += b.bads;
  groups.splice(i + 1, 1);
}

/** The share of bads of a group (0 when empty). */
export function badRate(g: Group): number {
  const n = g.goods + g.bads;
  return n === 0 ? 0 : g.bads / n;
}

/** Rows in a group. */
export function size(g: Group): number {
  return g.goods + g.bads;
}
