/**
 * Test fixtures for the regression tests: a small seeded PRNG, data generated from a known logistic
 * model, grouped (contingency-table) data expanded to rows, and a brute-force AUC used as the
 * injected AUC of the stepwise tests. Excluded from the build (tsconfig.build.json).
 */

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a uniform draw in [0, 1) from a
 * 32-bit seed, enough for reproducible test data.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw by the Box–Muller transform. */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * n rows of independent standard normal columns, one per entry of `beta`, and y drawn from
 * P(bad) = 1/(1 + e^{−(intercept + Σ beta_j·x_j)}). A zero in `beta` makes a pure-noise column.
 */
export function logisticData(
  n: number,
  intercept: number,
  beta: readonly number[],
  seed: number,
): { columns: Float64Array[]; y: Uint8Array } {
  const random = mulberry32(seed);
  const columns = beta.map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let eta = intercept;
    beta.forEach((b, j) => {
      const v = gaussian(random);
      columns[j]![i] = v;
      eta += b * v;
    });
    y[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { columns, y };
}

/** Rows expanded from cells `[x values..., y, count]`: `count` copies of the row (x, y). */
export function expandCells(cells: readonly (readonly number[])[]): {
  columns: Float64Array[];
  y: Uint8Array;
} {
  const k = cells[0]!.length - 2;
  const xs: number[][] = Array.from({ length: k }, () => []);
  const ys: number[] = [];
  for (const cell of cells) {
    const count = cell[k + 1]!;
    for (let c = 0; c < count; c++) {
      for (let j = 0; j < k; j++) xs[j]!.push(cell[j]!);
      ys.push(cell[k]!);
    }
  }
  return { columns: xs.map((x) => Float64Array.from(x)), y: Uint8Array.from(ys) };
}

/** AUC by counting pairs: P(score of a bad > score of a good) + ½·P(tie), over all bad–good pairs. */
export function bruteForceAuc(scores: Float64Array, y: Uint8Array): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins++;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}
