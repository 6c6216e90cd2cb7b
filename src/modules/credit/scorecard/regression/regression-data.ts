/**
 * Checks of the inputs every regression entry point shares, so that a malformed call fails at once
 * with a message naming the problem (a RangeError: these are caller bugs, not data outcomes).
 */

/**
 * Validates columns (each of length n, finite), a 0/1 target with at least one bad and one good of
 * positive weight, and optional case weights (finite, ≥ 0). Returns n.
 */
export function validateRegressionData(
  columns: readonly Float64Array[],
  y: Uint8Array,
  weights: Float64Array | undefined,
  what = 'columns',
): number {
  const n = y.length;
  if (n === 0) throw new RangeError('y is empty: a regression needs at least one row');
  columns.forEach((x, j) => {
    if (x.length !== n) throw new RangeError(`${what}[${j}] has ${x.length} rows, y has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(x[i]!))
        throw new RangeError(`${what}[${j}][${i}] is ${x[i]}, not a finite number`);
    }
  });
  if (weights !== undefined && weights.length !== n) {
    throw new RangeError(`weights has ${weights.length} rows, y has ${n}`);
  }
  let bad = 0;
  let good = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i]!;
    if (v > 1) throw new RangeError(`y[${i}] is ${v}; the target must be 0 (good) or 1 (bad)`);
    const wt = weights === undefined ? 1 : weights[i]!;
    if (!(wt >= 0) || !Number.isFinite(wt))
      throw new RangeError(`weights[${i}] is ${wt}; weights must be finite and ≥ 0`);
    if (v === 1) bad += wt;
    else good += wt;
  }
  if (bad === 0 || good === 0) {
    throw new RangeError(
      `y has no ${bad === 0 ? 'bads (1)' : 'goods (0)'} of positive weight; a logistic fit needs both classes`,
    );
  }
  return n;
}

/** Validates the numeric settings of a fit. */
export function validateFitSettings(l2: number, maxIterations: number, tolerance: number): void {
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new RangeError(`l2 must be a finite number ≥ 0, not ${l2}`);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations must be a positive integer, not ${maxIterations}`);
  }
  if (!(tolerance > 0) || !Number.isFinite(tolerance))
    throw new RangeError(`tolerance must be a finite number > 0, not ${tolerance}`);
}
