import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingZScore, rollingZScore } from './rolling-z-score.js';

/** KRI-like values: two decimals, duplicates likely (so flat windows occur). */
const values = fc.array(
  fc.integer({ min: -5_000, max: 5_000 }).map((v) => v / 100),
  { maxLength: 80 },
);

/** The definition computed directly from each window, with no shared code. */
function naiveZ(series: readonly number[], window: number): (number | null)[] {
  return series.map((x, i) => {
    if (i < window) return null;
    const previous = series.slice(i - window, i);
    if (previous.every((v) => v === previous[0]))
      return x === previous[0] ? 0 : x > previous[0]! ? Infinity : -Infinity;
    const mean = previous.reduce((a, b) => a + b, 0) / window;
    const sd = Math.sqrt(previous.reduce((a, b) => a + (b - mean) ** 2, 0) / (window - 1));
    return (x - mean) / sd;
  });
}

function close(a: number, b: number, tolerance = 1e-9): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('rolling z-score', () => {
  it('compares each point with the window before it (worked by hand)', () => {
    // Window 3, k 2. Point 3 (10) against [1, 2, 3]: mean 2, sd 1, z = 8 → signal up.
    // Point 4 (4) against [2, 3, 10]: mean 5, sd √((9 + 4 + 25) / 2) = √19, z = −1/√19 ≈ −0.2294.
    // Point 5 (−30) against [3, 10, 4]: mean 17/3, sd √((64/9 + 169/9 + 25/9) / 2) = √(129/9) ≈ 3.7859,
    // z = (−30 − 17/3) / 3.7859 ≈ −9.4205 → signal down.
    const points = rollingZScore([1, 2, 3, 10, 4, -30], { window: 3, k: 2 });
    expect(points.slice(0, 3).map((p) => [p.z, p.signal])).toEqual([
      [null, false],
      [null, false],
      [null, false],
    ]);
    expect(points[3]).toMatchObject({
      index: 3,
      mean: 2,
      sd: 1,
      z: 8,
      statistic: 8,
      signal: true,
      direction: 'up',
    });
    expect(points[4]!.z).toBeCloseTo(-1 / Math.sqrt(19), 12);
    expect(points[4]!.signal).toBe(false);
    expect(points[5]!.mean).toBeCloseTo(17 / 3, 12);
    expect(points[5]!.sd).toBeCloseTo(Math.sqrt(129 / 9), 12);
    expect(points[5]!.z).toBeCloseTo((-30 - 17 / 3) / Math.sqrt(129 / 9), 12);
    expect(points[5]).toMatchObject({ signal: true, direction: 'down' });
  });

  it('stays silent until the window is full, using the defaults w = 20, k = 3', () => {
    const series = [...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : -1)), 100];
    const points = rollingZScore(series);
    expect(points.slice(0, 20).every((p) => p.z === null && !p.signal)).toBe(true);
    expect(points[20]).toMatchObject({ signal: true, direction: 'up' });
  });

  it('treats a flat window exactly: the same value is z = 0, any other value signals', () => {
    const flat = Array.from({ length: 20 }, () => 0.1);
    expect(rollingZScore([...flat, 0.1])[20]).toMatchObject({ mean: 0.1, sd: 0, z: 0, signal: false });
    expect(rollingZScore([...flat, 0.11])[20]).toMatchObject({ z: Infinity, signal: true, direction: 'up' });
  });

  it('agrees with a direct recomputation of every window on random series', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 2, max: 12 }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        (xs, w, k) => {
          const points = rollingZScore(xs, { window: w, k });
          const oracle = naiveZ(xs, w);
          points.forEach((p, i) => {
            const z = oracle[i] ?? null;
            if (z === null || p.z === null) {
              expect(p.z).toBe(z);
              return;
            }
            expect(close(p.z, z)).toBe(true);
            if (!close(Math.abs(z), k)) expect(p.signal).toBe(Math.abs(z) > k);
          });
        },
      ),
    );
  });

  it('resumes from a stored state exactly where it stopped', () => {
    const first = RollingZScore.create({ window: 4 });
    for (const x of [1, 2, 3]) first.push(x);
    const resumed = RollingZScore.fromState(JSON.parse(JSON.stringify(first.toJSON())));
    expect(resumed.push(4)).toEqual(first.push(4));
    expect(resumed.push(9)).toEqual(first.push(9));
    expect(resumed.toJSON()).toEqual({
      method: 'zscore',
      parameters: { window: 4, k: 3 },
      count: 5,
      recent: [2, 3, 4, 9],
    });
  });

  it('refuses invalid parameters in both languages and damaged states', () => {
    expect(() => RollingZScore.create({ window: 1 })).toThrow(
      /window must be an integer ≥ 2.* \/ window 必须是/,
    );
    expect(() => RollingZScore.create({ k: 0 })).toThrow(RangeError);
    expect(() => RollingZScore.create().push(Number.NaN)).toThrow(/finite number/);
    const state = RollingZScore.create({ window: 2 }).toJSON();
    expect(() => RollingZScore.fromState({ ...state, recent: [1, 2, 3] })).toThrow(TypeError);
    expect(() => RollingZScore.fromState({ ...state, count: -1 })).toThrow(/count/);
  });
});
