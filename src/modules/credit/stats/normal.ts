/**
 * The standard normal distribution's tail probabilities, accurate to about 1e-15 relative, for the
 * Wald and score tests of the scorecard regression. Everything rests on one complementary error
 * function, erfc, evaluated with W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Mathematics of Computation 23 (1969) 631–637; the
 * coefficients are those of his Netlib SPECFUN routine CALERF). Cody's approximations are designed
 * for better than double precision on three intervals of |x|: (0, 0.46875], (0.46875, 4] and
 * (4, ∞). Working with erfc rather than 1 − erf keeps small tail probabilities (p-values of 1e-300)
 * exact in relative terms instead of rounding them to 0.
 */

// Cody's coefficients are published to 18 digits; they are written here as the doubles nearest to
// them (shortest round-trip form), which is all that double arithmetic can use.
// Interval 1, |x| ≤ 0.46875: erf(x) ≈ x·A(x²)/B(x²) (Cody 1969, table I).
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
// Interval 2, 0.46875 < |x| ≤ 4: erfc(x) ≈ exp(−x²)·C(x)/D(x) (table II).
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
// Interval 3, |x| > 4: erfc(x) ≈ exp(−x²)/x·(1/√π − z·P(z)/Q(z)) with z = 1/x² (table III).
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

const INV_SQRT_PI = 0.5641895835477563;
// Beyond this |x|, erfc(x) < 2^-1074 and underflows to 0 (Cody's XBIG for IEEE double).
const ERFC_UNDERFLOW = 26.543;

/**
 * Cody's numerator/denominator recurrence: num = ((c[last]·t + c0)·t + c1)…, den = ((t + d0)·t + d1)…,
 * run for `steps` rounds, leaving the final constant terms to the caller.
 */
function rational(
  t: number,
  num: readonly number[],
  den: readonly number[],
  steps: number,
): [number, number] {
  let n = num[steps + 1]! * t;
  let d = t;
  for (let i = 0; i < steps; i++) {
    n = (n + num[i]!) * t;
    d = (d + den[i]!) * t;
  }
  return [n + num[steps]!, d + den[steps]!];
}

/**
 * exp(−y²) computed as exp(−s²)·exp(−(y−s)(y+s)) with s = y rounded down to a multiple of 1/16, so
 * that the rounding error of y² is not amplified by the exponential (Cody's device in CALERF).
 */
function expMinusSquare(y: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
}

/** erfc(y) for y ≥ 0.46875, from Cody's second and third approximations. */
function erfcTail(y: number): number {
  if (y <= 4) {
    const [n, d] = rational(y, C, D, 7);
    return expMinusSquare(y) * (n / d);
  }
  if (y >= ERFC_UNDERFLOW) return 0;
  const z = 1 / (y * y);
  const [n, d] = rational(z, P, Q, 4);
  return (expMinusSquare(y) * (INV_SQRT_PI - (z * n) / d)) / y;
}

/**
 * The complementary error function erfc(x) = (2/√π)∫ₓ^∞ e^(−t²) dt, by Cody's (1969) rational
 * Chebyshev approximations; relative error near the double-precision rounding level everywhere
 * (erfc(x) for x ≥ 26.543 underflows to 0, and erfc(x) → 2 as x → −∞). NaN gives NaN.
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const [n, d] = rational(y * y, A, B, 3);
    return 1 - (x * n) / d;
  }
  const tail = erfcTail(y);
  return x < 0 ? 2 - tail : tail;
}

/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z) = ½·erfc(−z/√2) (Abramowitz & Stegun,
 * *Handbook of Mathematical Functions*, 26.2.29), accurate in relative terms in the lower tail too:
 * Φ(−30) ≈ 4.9e-198 is returned, not 0.
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * The two-sided p-value of a standard normal test statistic z: P(|Z| ≥ |z|) = erfc(|z|/√2). Computed
 * from erfc directly rather than as 2·(1 − Φ(|z|)), which would round every p-value below about
 * 1e-16 to 0. NaN (an undefined statistic) gives NaN.
 */
export function twoSidedPValue(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
