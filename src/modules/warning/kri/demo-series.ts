/**
 * Synthetic series for the demo workspace's pushed KRIs — never real market or company data. Each is
 * a seeded random walk or noise around a level with a designed ending (a rising volatility, a falling
 * cash coverage, accumulating regulatory findings), so that a new workspace shows green, amber and
 * red indicators and detector signals at once. The generator is mulberry32 (Tommy Ettinger's 32-bit
 * PRNG), chosen for being small and seedable, so every demo shows the same figures.
 */

/** A seeded uniform [0, 1) generator. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A function from (index, length, uniform draw) to the value of one period. */
export type SeriesShape = (i: number, n: number, u: () => number) => number;

/** `n` values of `shape`, rounded to `decimals`, from `seed`. */
export function syntheticSeries(shape: SeriesShape, n: number, seed: number, decimals: number): number[] {
  const u = seededUniform(seed);
  const scale = 10 ** decimals;
  return Array.from({ length: n }, (_, i) => Math.round(shape(i, n, u) * scale) / scale);
}

/** Noise in [-1, 1). */
function noise(u: () => number): number {
  return 2 * u() - 1;
}

/** The shapes of the demo's pushed series, by KRI id. */
export const DEMO_SHAPES: Readonly<Record<string, { shape: SeriesShape; decimals: number }>> = {
  // 1-year loan prime rate, % (monthly): stepping down by 5–10 bp now and then.
  'market.lpr_1y': {
    decimals: 2,
    shape: (i, n) => 3.85 - 0.05 * Math.floor((i * 8) / n) - (i >= n - 6 ? 0.1 : 0),
  },
  // CSI 300 20-day annualised volatility, % (daily): calm, then a sell-off in the last week.
  'market.csi300_vol_20d': {
    decimals: 1,
    shape: (i, n, u) => (i < n - 7 ? 16 + 2.5 * noise(u) : 22 + (i - (n - 7)) * 1.6 + noise(u)),
  },
  // Cash and near-cash, CNY million (daily): drifting down.
  'liquidity.cash_available': {
    decimals: 1,
    shape: (i, n, u) => 520 - (90 * i) / n + 6 * noise(u),
  },
  // Contractual and expected outflows over the next 30 days, CNY million (daily): creeping up.
  'liquidity.outflow_30d': {
    decimals: 1,
    shape: (i, n, u) => 340 + (55 * i) / n + 4 * noise(u),
  },
  // Open findings of regulators' inspections (weekly): accumulating at the end.
  'legal.open_regulatory_findings': {
    decimals: 0,
    shape: (i, n, u) => (i < n - 5 ? Math.floor(2.2 * u()) : 3 + (i - (n - 5))),
  },
  // Privileged-access review exceptions (weekly).
  'operational.access_review_exceptions': {
    decimals: 0,
    shape: (i, n, u) => (i >= n - 2 ? 3 : Math.floor(2 * u())),
  },
  // Core system availability, % (daily): one bad day a fortnight ago.
  'technology.availability': {
    decimals: 3,
    shape: (i, n, u) => (i === n - 14 ? 99.41 : 99.97 + 0.03 * u()),
  },
};
