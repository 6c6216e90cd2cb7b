/**
 * Finds the columns a logistic regression cannot estimate: constant columns (confounded with the
 * intercept) and columns that are exact linear combinations of earlier ones. Both make the
 * information matrix H = XᵀWX singular for every W > 0, like the pivoting QR by which R's lm and glm
 * report aliased coefficients as NA. Collinearity is read off the first information matrix of the
 * Newton iterations, so it costs no extra pass over the data: after the intercept is eliminated, the
 * Cholesky pivots of H are the W-weighted residual sums of squares of each column regressed on the
 * intercept and the columns before it (Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2).
 */
import { choleskySkipping } from './cholesky.js';

/** A design column that is a linear combination of the intercept and the listed earlier columns. */
export interface AliasedColumn {
  /** Position in the design (0 = first column after the intercept). */
  readonly index: number;
  /** Positions of the earlier columns involved; empty when only the intercept is. */
  readonly with: readonly number[];
}

/**
 * A column counts as aliased when 1 − R² of its weighted regression on the intercept and the earlier
 * kept columns is below this: a variance inflation factor above 1e10, far beyond anything usable.
 */
const ALIAS_TOLERANCE = 1e-10;
/** A standardised regression weight below this does not count as "involved" in the combination. */
const INVOLVED = 1e-6;

/** Columns whose values (over rows of positive weight) are all the same. */
export function constantColumns(
  columns: readonly Float64Array[],
  weights: Float64Array | undefined,
): number[] {
  const constant: number[] = [];
  columns.forEach((x, j) => {
    let first: number | undefined;
    for (let i = 0; i < x.length; i++) {
      if (weights !== undefined && weights[i] === 0) continue;
      if (first === undefined) first = x[i]!;
      else if (x[i] !== first) return;
    }
    constant.push(j);
  });
  return constant;
}

/**
 * The aliased columns of an unpenalised information matrix `h` (m×m, both triangles, intercept
 * first), each with the earlier columns it depends on. A column's pivot is compared with its centred
 * sum of squares h_jj − h_0j²/h_00, so the test is 1 − R² < 1e-10 whatever the column's mean.
 * Constant columns must have been removed beforehand.
 */
export function aliasedColumns(h: Float64Array, m: number): AliasedColumn[] {
  const h00 = h[0]!;
  const centred = new Float64Array(m);
  centred[0] = h00;
  for (let j = 1; j < m; j++) centred[j] = h[j * m + j]! - h[j]! ** 2 / h00;
  const { factor, dependent } = choleskySkipping(h, m, ALIAS_TOLERANCE, centred);
  const aliased: AliasedColumn[] = [];
  for (let j = 1; j < m; j++) {
    if (!dependent[j]) continue;
    // Row j of L holds Lᵀ·c for the regression weights c of column j on the kept columns before it.
    const c = new Float64Array(j);
    for (let t = j - 1; t >= 0; t--) {
      if (dependent[t]) continue;
      let v = factor[j * m + t]!;
      for (let u = t + 1; u < j; u++) v -= factor[u * m + t]! * c[u]!;
      c[t] = v / factor[t * m + t]!;
    }
    const size = Math.sqrt(Math.max(centred[j]!, 0));
    const involved: number[] = [];
    for (let t = 1; t < j; t++) {
      if (Math.abs(c[t]!) * Math.sqrt(Math.max(centred[t]!, 0)) > INVOLVED * size) involved.push(t - 1);
    }
    aliased.push({ index: j - 1, with: involved });
  }
  return aliased;
}
