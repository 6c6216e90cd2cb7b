/**
 * Dense Cholesky factorisation A = L·Lᵀ of small symmetric positive-definite matrices stored as flat
 * row-major Float64Arrays of size m×m, and the solves the regression needs: the Newton step, the
 * diagonal of A⁻¹ for standard errors, and a variant that skips dependent columns to expose exact
 * collinearity (Golub & Van Loan, *Matrix Computations*, 4th ed., §4.2, "Positive definite systems";
 * the pivot d_j of column j is its residual variance given the columns before it).
 */

/**
 * Factor the symmetric matrix `a` (m×m, only its lower triangle is read) in place into L, lower
 * triangular, with a = L·Lᵀ; the strict upper triangle is zeroed. Returns −1 on success, or the first
 * column whose pivot is not positive or falls below `relativeTolerance` times that column's original
 * diagonal, in which case `a` is left partly overwritten.
 */
export function choleskyFactor(a: Float64Array, m: number, relativeTolerance = 1e-13): number {
  for (let j = 0; j < m; j++) {
    const rowJ = j * m;
    const original = a[rowJ + j]!;
    let pivot = original;
    for (let t = 0; t < j; t++) pivot -= a[rowJ + t]! * a[rowJ + t]!;
    if (!(pivot > relativeTolerance * Math.abs(original)) || !Number.isFinite(pivot)) return j;
    const root = Math.sqrt(pivot);
    a[rowJ + j] = root;
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let s = a[rowI + j]!;
      for (let t = 0; t < j; t++) s -= a[rowI + t]! * a[rowJ + t]!;
      a[rowI + j] = s / root;
    }
    for (let i = j + 1; i < m; i++) a[rowJ + i] = 0;
  }
  return -1;
}

/** Solve L·Lᵀ·x = b for x given the factor L from `choleskyFactor`; `b` is overwritten with x. */
export function choleskySolve(l: Float64Array, m: number, b: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    const row = i * m;
    let s = b[i]!;
    for (let t = 0; t < i; t++) s -= l[row + t]! * b[t]!;
    b[i] = s / l[row + i]!;
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let t = i + 1; t < m; t++) s -= l[t * m + i]! * b[t]!;
    b[i] = s / l[i * m + i]!;
  }
  return b;
}

/**
 * The diagonal of A⁻¹ from A's Cholesky factor L: A⁻¹ = L⁻ᵀL⁻¹, so (A⁻¹)_jj is the squared norm of
 * column j of L⁻¹. Inverts L column by column by forward substitution, O(m³/6).
 */
export function choleskyInverseDiagonal(l: Float64Array, m: number): Float64Array {
  const diagonal = new Float64Array(m);
  const column = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    column.fill(0);
    column[j] = 1 / l[j * m + j]!;
    diagonal[j] = diagonal[j]! + column[j]! * column[j]!;
    for (let i = j + 1; i < m; i++) {
      const row = i * m;
      let s = 0;
      for (let t = j; t < i; t++) s -= l[row + t]! * column[t]!;
      const v = s / l[row + i]!;
      column[i] = v;
      diagonal[j] = diagonal[j]! + v * v;
    }
  }
  return diagonal;
}

/** The result of `choleskySkipping`: the factor and which columns were found dependent. */
export interface SkippingFactor {
  /** L with the columns of dependent variables set to zero. */
  readonly factor: Float64Array;
  /** `dependent[j]` is true when column j is (numerically) a linear combination of columns before it. */
  readonly dependent: readonly boolean[];
  /** The pivots d_j before the square root: column j's residual variance given the kept columns before it. */
  readonly pivots: Float64Array;
}

/**
 * Cholesky factorisation that does not stop at a dependent column: a column whose pivot falls below
 * `relativeTolerance` times its scale (by default its diagonal) is marked dependent and given a zero
 * column in L, so the factorisation continues over the independent columns only. For a correlation
 * matrix the pivot of column j is 1 − R²_j of its regression on the independent columns before it.
 * Reads the lower triangle of `a` and does not modify it.
 */
export function choleskySkipping(
  a: Float64Array,
  m: number,
  relativeTolerance: number,
  scale?: ArrayLike<number>,
): SkippingFactor {
  const l = new Float64Array(m * m);
  const dependent: boolean[] = [];
  const pivots = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const rowJ = j * m;
    let pivot = a[rowJ + j]!;
    for (let t = 0; t < j; t++) pivot -= l[rowJ + t]! * l[rowJ + t]!;
    pivots[j] = pivot;
    const isDependent = !(
      pivot >
      relativeTolerance * Math.abs(scale === undefined ? a[rowJ + j]! : scale[j]!)
    );
    dependent.push(isDependent);
    if (isDependent) continue;
    const root = Math.sqrt(pivot);
    l[rowJ + j] = root;
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let s = a[rowI + j]!;
      for (let t = 0; t < j; t++) s -= l[rowI + t]! * l[rowJ + t]!;
      l[rowI + j] = s / root;
    }
  }
  return { factor: l, dependent, pivots };
}
