/**
 * Binning of a categorical variable: missing rows and each special level get their own bin. Ordinary
 * levels rarer than `rareShare` are pooled into one class (their WOE alone would be noise); the
 * classes are ordered by bad rate and grouped by the chosen method along that order, so a group is a
 * run of similar bad rates and a monotonic binning is monotonic by construction. Each level is in one
 * group only. Levels never seen in the rows are left out, and so score as `else` on the card.
 */
import type { CategoricalColumn } from '../dataset.js';
import { binStats, informationValue } from '../woe.js';
import { type CategoricalBinning, checkTarget } from './binning.js';
import { type BinningOptions, resolveBinningOptions } from './binning-options.js';
import { coarseClasses } from './coarse-classes.js';

/**
 * Options of `binCategorical`: the binning settings, or manual groups used as they are. Ordinary
 * levels that the manual groups do not name are put together in one extra group at the end.
 */
export type CategoricalBinningOptions = Partial<BinningOptions> & {
  readonly manual?: { readonly groups: readonly (readonly string[])[] };
};

/**
 * Bins `column` against `target` (1 = bad). Throws a RangeError on invalid options, on manual groups
 * that are empty, repeat a level or name a special level, on a target of another length, or when the
 * target lacks goods or bads.
 */
export function binCategorical(
  column: CategoricalColumn,
  target: Uint8Array,
  options: CategoricalBinningOptions = {},
): CategoricalBinning {
  const { codes, levels } = column;
  checkTarget(target, codes.length, column.name);
  const settings = resolveBinningOptions(options);
  const goods = new Float64Array(levels.length);
  const bads = new Float64Array(levels.length);
  let missingGoods = 0;
  let missingBads = 0;
  for (let r = 0; r < codes.length; r++) {
    const c = codes[r] as number;
    const bad = target[r] === 1;
    if (c < 0) {
      if (bad) missingBads++;
      else missingGoods++;
    } else {
      const counts = bad ? bads : goods;
      counts[c] = (counts[c] as number) + 1;
    }
  }
  const totalGoods = goods.reduce((a, b) => a + b, missingGoods);
  const totalBads = bads.reduce((a, b) => a + b, missingBads);
  const specials = new Set(column.specialLevels);
  const ordinary = levels.flatMap((level, c) =>
    !specials.has(level) && (goods[c] as number) + (bads[c] as number) > 0 ? [c] : [],
  );
  const groupCodes = options.manual
    ? manualGroups(options.manual.groups, ordinary, levels, specials)
    : automaticGroups(ordinary, goods, bads, settings);
  const stats = (g: number, b: number) => binStats(g, b, totalGoods, totalBads);
  const bins = groupCodes.map((group) =>
    stats(
      group.reduce((s, c) => s + (goods[c] as number), 0),
      group.reduce((s, c) => s + (bads[c] as number), 0),
    ),
  );
  const missing = stats(missingGoods, missingBads);
  const special = column.specialLevels.map((value) => {
    const c = levels.indexOf(value);
    return { value, stats: stats(goods[c] ?? 0, bads[c] ?? 0) };
  });
  return {
    name: column.name,
    type: 'categorical',
    groups: options.manual
      ? [
          ...options.manual.groups.map((g) => [...g]),
          ...groupCodes.slice(options.manual.groups.length).map((g) => g.map((c) => levels[c] as string)),
        ]
      : groupCodes.map((g) => g.map((c) => levels[c] as string)),
    bins,
    missing,
    special,
    iv: informationValue([...bins, missing, ...special.map((s) => s.stats)]),
  };
}

/** Level codes of each group: rare levels pooled, classes ordered by bad rate, then coarse-classed. */
function automaticGroups(
  ordinary: readonly number[],
  goods: Float64Array,
  bads: Float64Array,
  settings: BinningOptions,
): number[][] {
  const count = (c: number) => (goods[c] as number) + (bads[c] as number);
  const rows = ordinary.reduce((s, c) => s + count(c), 0);
  const rare = ordinary.filter((c) => count(c) < settings.rareShare * rows);
  const classes = ordinary.filter((c) => count(c) >= settings.rareShare * rows).map((c) => [c]);
  if (rare.length > 0) classes.push(rare);
  if (classes.length === 0) return [];
  const totals = classes.map((cls) => [
    cls.reduce((s, c) => s + (goods[c] as number), 0),
    cls.reduce((s, c) => s + (bads[c] as number), 0),
  ]);
  const rate = (i: number) => {
    const [g = 0, b = 0] = totals[i] ?? [];
    return b / (g + b);
  };
  // Stable sort by bad rate: equal rates keep the order the levels first appeared in.
  const order = classes.map((_, i) => i).sort((i, j) => rate(i) - rate(j));
  const cells = {
    goods: order.map((i) => totals[i]?.[0] ?? 0),
    bads: order.map((i) => totals[i]?.[1] ?? 0),
  };
  const { cuts } = coarseClasses(cells, { ...settings, trend: 'ascending' });
  const starts = [0, ...cuts];
  return starts.map((start, g) =>
    order.slice(start, starts[g + 1] ?? order.length).flatMap((i) => classes[i] ?? []),
  );
}

/** Level codes of each manual group, plus one group of the ordinary levels they leave out. */
function manualGroups(
  groups: readonly (readonly string[])[],
  ordinary: readonly number[],
  levels: readonly string[],
  specials: ReadonlySet<string>,
): number[][] {
  const seen = new Set<string>();
  for (const [g, group] of groups.entries()) {
    if (group.length === 0) throw new RangeError(`manual group ${g} is empty`);
    for (const level of group) {
      if (seen.has(level))
        throw new RangeError(`manual groups name the level ${JSON.stringify(level)} twice`);
      if (specials.has(level))
        throw new RangeError(`manual groups name ${JSON.stringify(level)}, a special value with its own bin`);
      seen.add(level);
    }
  }
  const code = new Map(levels.map((level, c) => [level, c]));
  const result = groups.map((group) =>
    group.flatMap((level) => (code.has(level) ? [code.get(level) as number] : [])),
  );
  const rest = ordinary.filter((c) => !seen.has(levels[c] as string));
  if (rest.length > 0) result.push(rest);
  return result;
}
