/**
 * Variable selection before the regression: Pearson correlations between candidate variables, their
 * variance inflation factors, and the two usual filters of scorecard development: of each highly
 * correlated pair keep the variable with the higher information value, and drop variables one at a
 * time while any VIF exceeds a threshold (Siddiqi, *Credit Risk Scorecards*, 2006, on correlation and
 * multicollinearity among WOE variables). Every drop carries its reason in English and Chinese.
 */
import { constantColumns } from './aliasing.js';
import { choleskyFactor, choleskyInverseDiagonal, choleskySkipping } from './cholesky.js';
import { addSymmetricBlock, BLOCK_ROWS, blockBuffers, mirrorUpper } from './cross-product.js';
import { formatStatistic, variableLabel } from './variable-label.js';

/** A column whose 1 − R² on the others is below this has an infinite VIF (exact collinearity). */
const SINGULAR = 1e-10;

/**
 * The k×k Pearson correlation matrix as a flat row-major array, from centred cross-products (two
 * passes: means, then sums of products of deviations, which avoids the cancellation of the one-pass
 * formula). A constant column's row and column, diagonal included, are NaN: its correlation is undefined.
 */
function correlationFlat(columns: readonly Float64Array[]): Float64Array {
  const k = columns.length;
  const n = columns[0]?.length ?? 0;
  columns.forEach((x, j) => {
    if (x.length !== n) throw new RangeError(`columns[${j}] has ${x.length} rows, columns[0] has ${n}`);
  });
  const mean = columns.map((x) => x.reduce((s, v) => s + v, 0) / n);
  const s = new Float64Array(k * k);
  const d = blockBuffers(k);
  for (let start = 0; start < n; start += BLOCK_ROWS) {
    const len = Math.min(BLOCK_ROWS, n - start);
    for (let a = 0; a < k; a++) {
      const x = columns[a]!;
      const da = d[a]!;
      const mu = mean[a]!;
      for (let i = 0; i < len; i++) da[i] = x[start + i]! - mu;
    }
    addSymmetricBlock(d, d, len, s, k);
  }
  mirrorUpper(s, k);
  const constant = new Set(constantColumns(columns, undefined));
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = s[a * k + b]! / Math.sqrt(s[a * k + a]! * s[b * k + b]!);
      r[a * k + b] =
        constant.has(a) || constant.has(b) ? Number.NaN : a === b ? 1 : Math.max(-1, Math.min(1, v));
    }
  }
  return r;
}

/**
 * Pearson correlations between the columns (each a Float64Array of the same length): r[a][b] in
 * [−1, 1], 1 on the diagonal; NaN in the row and column of a constant column.
 */
export function correlationMatrix(columns: readonly Float64Array[]): number[][] {
  const k = columns.length;
  const r = correlationFlat(columns);
  return Array.from({ length: k }, (_, a) => Array.from(r.subarray(a * k, (a + 1) * k)));
}

/**
 * VIFs of the columns `subset` from the full correlation matrix r (k×k). VIF_j = 1/(1 − R²_j) is the
 * j-th diagonal element of the inverse correlation matrix of the subset (Marquardt, "Generalized
 * inverses, ridge regression, biased linear estimation", Technometrics 12 (1970); Kutner et al.,
 * *Applied Linear Statistical Models*, 5th ed., §10.5). When that matrix is singular each VIF is
 * computed on its own from the last Cholesky pivot with the column ordered last (= 1 − R²_j), and is
 * Infinity for the columns that are exact combinations of the others. Constant columns: Infinity.
 */
function vifFromCorrelation(r: Float64Array, k: number, subset: readonly number[]): Float64Array {
  const vif = new Float64Array(subset.length).fill(Number.POSITIVE_INFINITY);
  const varying = subset.map((j, at) => ({ j, at })).filter(({ j }) => !Number.isNaN(r[j * k + j]!));
  const m = varying.length;
  const sub = (order: readonly { j: number }[]): Float64Array => {
    const a = new Float64Array(m * m);
    order.forEach((p, u) => {
      order.forEach((q, v) => {
        a[u * m + v] = r[p.j * k + q.j]!;
      });
    });
    return a;
  };
  const whole = sub(varying);
  if (choleskyFactor(whole, m, SINGULAR) === -1) {
    const diagonal = choleskyInverseDiagonal(whole, m);
    varying.forEach(({ at }, u) => {
      vif[at] = diagonal[u]!;
    });
    return vif;
  }
  for (const target of varying) {
    const order = [...varying.filter((p) => p !== target), target];
    const { pivots } = choleskySkipping(sub(order), m, SINGULAR);
    const rest = pivots[m - 1]!;
    vif[target.at] = rest > SINGULAR ? 1 / rest : Number.POSITIVE_INFINITY;
  }
  return vif;
}

/**
 * Variance inflation factor of each column, VIF_j = 1/(1 − R²_j) with R²_j from regressing column j on
 * all the others (see `vifFromCorrelation` for the method and its references). Infinity for a
 * column that is constant or an exact linear combination of the others.
 */
export function varianceInflation(columns: readonly Float64Array[]): number[] {
  const k = columns.length;
  return Array.from(
    vifFromCorrelation(
      correlationFlat(columns),
      k,
      columns.map((_, j) => j),
    ),
  );
}

/** A variable dropped by `dropCorrelated`, with the kept variable it is too correlated with. */
export interface CorrelationDrop {
  readonly index: number;
  readonly correlatedWith: number;
  readonly r: number;
  readonly iv: number;
  readonly keptIv: number;
  readonly en: string;
  readonly zh: string;
}

/**
 * Pairwise correlation filter. Variables are visited by decreasing information value (ties: lower
 * index first); one is kept unless its |r| with an already-kept variable exceeds `threshold`, so of
 * every pair above the threshold the one with the lower IV goes, and the kept set has all |r| ≤
 * threshold. A constant column (r undefined) is never dropped here. `kept` is in index order; each
 * drop names the kept variable it correlates with most.
 */
export function dropCorrelated(
  columns: readonly Float64Array[],
  iv: readonly number[],
  threshold = 0.7,
  names?: readonly string[],
): { kept: number[]; dropped: CorrelationDrop[] } {
  const k = columns.length;
  if (iv.length !== k) throw new RangeError(`iv has ${iv.length} values, columns has ${k}`);
  if (iv.some((v) => !Number.isFinite(v))) throw new RangeError('iv must hold finite numbers');
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], not ${threshold}`);
  const r = correlationFlat(columns);
  const order = columns.map((_, j) => j).sort((a, b) => iv[b]! - iv[a]! || a - b);
  const kept: number[] = [];
  const dropped: CorrelationDrop[] = [];
  for (const j of order) {
    let worst = -1;
    for (const u of kept) {
      const v = Math.abs(r[j * k + u]!);
      if (v > threshold && (worst === -1 || v > Math.abs(r[j * k + worst]!))) worst = u;
    }
    if (worst === -1) {
      kept.push(j);
      continue;
    }
    const rv = r[j * k + worst]!;
    const me = variableLabel(j, names);
    const other = variableLabel(worst, names);
    const [rs, t, ivMe, ivOther] = [rv, threshold, iv[j]!, iv[worst]!].map(formatStatistic);
    dropped.push({
      index: j,
      correlatedWith: worst,
      r: rv,
      iv: iv[j]!,
      keptIv: iv[worst]!,
      en: `Variable ${me.en} dropped: its correlation with ${other.en} is ${rs} (|r| > ${t}) and its IV ${ivMe} is not higher than ${ivOther}.`,
      zh: `剔除变量${me.zh}：与${other.zh}的相关系数为 ${rs}（|r| > ${t}），且其 IV ${ivMe} 不高于后者的 ${ivOther}。`,
    });
  }
  return { kept: kept.sort((a, b) => a - b), dropped };
}

/** A variable dropped by `dropByVif`, with its VIF at the moment it was dropped. */
export interface VifDrop {
  readonly index: number;
  readonly vif: number;
  readonly en: string;
  readonly zh: string;
}

/**
 * Drops, one at a time, the variable with the highest VIF among those left (ties: the higher index)
 * until every VIF is at most `threshold`. Returns the kept indices in index order with their final
 * VIFs, and the drops in the order they happened. The correlation matrix is computed once; each round
 * only inverts a k×k matrix.
 */
export function dropByVif(
  columns: readonly Float64Array[],
  threshold = 10,
  names?: readonly string[],
): { kept: number[]; vif: number[]; dropped: VifDrop[] } {
  if (!(threshold >= 1))
    throw new RangeError(`threshold must be ≥ 1 (a VIF is never below 1), not ${threshold}`);
  const k = columns.length;
  const r = correlationFlat(columns);
  let kept = columns.map((_, j) => j);
  const dropped: VifDrop[] = [];
  for (;;) {
    const vif = vifFromCorrelation(r, k, kept);
    let worst = -1;
    for (let u = 0; u < kept.length; u++) if (worst === -1 || vif[u]! >= vif[worst]!) worst = u;
    if (worst === -1 || vif[worst]! <= threshold) return { kept, vif: Array.from(vif), dropped };
    const j = kept[worst]!;
    const v = vif[worst]!;
    const me = variableLabel(j, names);
    dropped.push({
      index: j,
      vif: v,
      en: `Variable ${me.en} dropped: its variance inflation factor ${formatStatistic(v)} exceeds ${formatStatistic(threshold)}.`,
      zh: `剔除变量${me.zh}：其方差膨胀因子 ${formatStatistic(v)} 超过 ${formatStatistic(threshold)}。`,
    });
    kept = kept.filter((u) => u !== j);
  }
}
