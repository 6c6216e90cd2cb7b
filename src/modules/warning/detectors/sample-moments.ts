/**
 * Mean and sample standard deviation of a short series, computed so that a constant series gives
 * exactly its value and exactly 0: the mean is taken of the deviations from the first value (a
 * shifted two-pass algorithm, Chan, Golub & LeVeque 1983, "Algorithms for computing the sample
 * variance"). A naive Σx/n of twenty copies of 0.1 is 0.10000000000000002, which would turn a flat
 * KRI into an endless run of huge z-scores.
 */

/** Mean and sample standard deviation (divisor n − 1) of the values. */
export interface SampleMoments {
  readonly mean: number;
  readonly sd: number;
}

/** The moments of `values` (at least two). */
export function sampleMoments(values: readonly number[]): SampleMoments {
  const n = values.length;
  if (n < 2) throw new RangeError(`sample moments need at least two values, not ${n}`);
  const shift = values[0] as number;
  let shifted = 0;
  for (const v of values) shifted += v - shift;
  const mean = shift + shifted / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}
