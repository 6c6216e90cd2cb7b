/**
 * The simulator's only source of randomness: a seeded xoshiro128** 1.1 generator, so one seed always
 * gives the same event stream, byte for byte, on every platform (no `Math.random`, no clock).
 *
 * - xoshiro128** is from D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
 *   ACM TOMS 47(4), 2021: 128 bits of state, period 2^128 − 1, output `rotl(s1 · 5, 7) · 9`.
 * - The seed (any safe non-negative integer) is expanded into the four state words with a Weyl
 *   sequence (step 0x9E3779B9, ⌊2^32/φ⌋) passed through the MurmurHash3 32-bit finaliser `fmix32`
 *   (A. Appleby), so that nearby seeds give unrelated states and the state is never all zero.
 * - Continuous draws use the textbook transforms: exponential by inversion, normal by Marsaglia's
 *   polar method (Marsaglia and Bray, SIAM Review 6(3), 1964). Both use only `Math.log` and
 *   `Math.sqrt`, whose V8 implementations are deterministic.
 */

const TWO_POW_32 = 4_294_967_296;

/** MurmurHash3's 32-bit finaliser: a bijective avalanche mix of one word. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85eb_ca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2_ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** A seeded pseudo-random generator with the draws the simulator needs. Not for cryptography. */
export class Random {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal: number | null = null;

  /**
   * A generator for `seed`, a non-negative safe integer (both 32-bit halves are used). `stream`
   * selects an independent sequence for the same seed, so that one concern (late arrivals, say) can
   * draw without shifting the draws of another.
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError('seed must be a non-negative safe integer');
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let weyl = (seed >>> 0) ^ fmix32(high + 0x6a09_e667 + Math.imul(stream, 0x3c6e_f372));
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      weyl = (weyl + 0x9e37_79b9) >>> 0;
      words.push(fmix32(weyl));
    }
    [this.#s0, this.#s1, this.#s2, this.#s3] = words as [number, number, number, number];
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** A generator with this exact state, for checking against the reference outputs. */
  static fromState(state: readonly [number, number, number, number]): Random {
    const r = new Random(0);
    [r.#s0, r.#s1, r.#s2, r.#s3] = state.map((w) => w >>> 0) as [number, number, number, number];
    return r;
  }

  /** The next 32-bit output, an integer in [0, 2^32). */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both inclusive (range at most 2^32). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponentially distributed with the given mean (inversion of the CDF). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal, by Marsaglia's polar method (the second value of each pair is kept). */
  normal(): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return spare;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.#spareNormal = v * f;
        return u * f;
      }
    }
  }

  /** Log-normal with the given median and log-scale spread `sigma` (skewed amounts, gaps). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** `n` random decimal digits as text. */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** `n` random lower-case hexadecimal digits. */
  hex(n: number): string {
    let out = '';
    while (out.length < n) out += this.nextU32().toString(16).padStart(8, '0');
    return out.slice(0, n);
  }
}
