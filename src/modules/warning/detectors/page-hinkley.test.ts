import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PageHinkley, pageHinkley } from './page-hinkley.js';

/**
 * The test recomputed from scratch at every point: the segment since the last restart, each term's
 * running mean summed anew, the discounted sums Σ α^{T−t}·(±(x_t − x̄_t) − δ) and their minima.
 */
function naivePageHinkley(xs: readonly number[], delta: number, lambda: number, alpha: number) {
  const out: { up: number; down: number; signal: boolean }[] = [];
  let start = 0;
  for (let T = 0; T < xs.length; T++) {
    const m: number[] = [];
    const u: number[] = [];
    for (let t = start; t <= T; t++) {
      let sumUp = 0;
      let sumDown = 0;
      for (let j = start; j <= t; j++) {
        const segment = xs.slice(start, j + 1);
        const mean = segment.reduce((a, b) => a + b, 0) / segment.length;
        sumUp += alpha ** (t - j) * (xs[j]! - mean - delta);
        sumDown += alpha ** (t - j) * (mean - xs[j]! - delta);
      }
      m.push(sumUp);
      u.push(sumDown);
    }
    const up = m[m.length - 1]! - Math.min(...m);
    const down = u[u.length - 1]! - Math.min(...u);
    const signal = up > lambda || down > lambda;
    out.push({ up, down, signal });
    if (signal) start = T + 1;
  }
  return out;
}

describe('Page–Hinkley test', () => {
  it('signals an increase and restarts (worked by hand)', () => {
    // δ = 0.5, λ = 3. Points 0, 0, 0: mean 0, m = −0.5, −1, −1.5 (the minimum), PH⁺ = 0.
    // Point 4: mean 1, m = −1.5 + 3 − 0.5 = 1, PH⁺ = 2.5. Point 4: mean 1.6, m = 1 + 2.4 − 0.5 = 2.9,
    // PH⁺ = 4.4 > 3 → signal up; the test restarts, so the next 4 starts a new mean at 4.
    const points = pageHinkley([0, 0, 0, 4, 4, 4], { delta: 0.5, threshold: 3 });
    expect(points.map((p) => p.up)).toEqual([0, 0, 0, 2.5, expect.closeTo(4.4, 12), 0]);
    expect(points.map((p) => p.signal)).toEqual([false, false, false, false, true, false]);
    expect(points[4]).toMatchObject({ direction: 'up', mean: 1.6 });
    expect(points[5]).toMatchObject({ mean: 4, up: 0, down: 0 });
    // The mirrored sums fall all along: u = −0.5, −1, −1.5, −5, −7.9, so PH⁻ stays 0.
    expect(points.slice(0, 5).every((p) => p.down === 0)).toBe(true);
  });

  it('detects a decrease with the mirrored statistic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }), (xs) => {
        const options = { delta: 0.5, threshold: 200 };
        const down = pageHinkley(xs, options);
        const mirrored = pageHinkley(
          xs.map((x) => -x),
          options,
        );
        down.forEach((p, i) => {
          const m = mirrored[i]!;
          expect(p.down).toBeCloseTo(m.up, 9);
          expect(p.up).toBeCloseTo(m.down, 9);
          if (p.signal) expect(p.direction).toBe(m.direction === 'up' ? 'down' : 'up');
        });
      }),
    );
  });

  it('watches only the requested direction', () => {
    const drop = [10, 10, 10, 0, 0, 0, 0];
    expect(pageHinkley(drop, { threshold: 10, watch: 'up' }).some((p) => p.signal)).toBe(false);
    expect(pageHinkley(drop, { threshold: 10, watch: 'down' }).find((p) => p.signal)?.direction).toBe('down');
    expect(pageHinkley(drop, { threshold: 10, watch: 'up' })[4]!.statistic).toBe(0);
  });

  it('equals a from-scratch recomputation on random series, with and without forgetting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        fc.oneof(fc.constant(1), fc.double({ min: 0.5, max: 1, noNaN: true })),
        (xs, delta, lambda, alpha) => {
          const points = pageHinkley(xs, { delta, threshold: lambda, alpha });
          const oracle = naivePageHinkley(xs, delta, lambda, alpha);
          for (let i = 0; i < xs.length; i++) {
            const p = points[i]!;
            const o = oracle[i]!;
            if (Math.abs(o.up - lambda) < 1e-6 || Math.abs(o.down - lambda) < 1e-6) return;
            expect(p.up).toBeCloseTo(o.up, 6);
            expect(p.down).toBeCloseTo(o.down, 6);
            expect(p.signal).toBe(o.signal);
          }
        },
      ),
    );
  });

  it('uses the literature defaults δ = 0.005, λ = 50, α = 1', () => {
    const test = PageHinkley.create();
    expect(test.parameters).toEqual({ delta: 0.005, threshold: 50, alpha: 1, watch: 'both' });
    const shift = [...Array.from({ length: 30 }, () => 10), ...Array.from({ length: 30 }, () => 20)];
    const first = pageHinkley(shift).find((p) => p.signal);
    expect(first).toMatchObject({ direction: 'up' });
    expect(first!.index).toBeGreaterThan(30);
  });

  it('refuses invalid parameters and states', () => {
    expect(() => PageHinkley.create({ alpha: 0 })).toThrow(/alpha must be a number > 0 and ≤ 1/);
    expect(() => PageHinkley.create({ threshold: -1 })).toThrow(RangeError);
    expect(() => PageHinkley.create({ watch: 'sideways' as never })).toThrow(
      /watch must be both, up or down/,
    );
    expect(() => PageHinkley.fromState({ ...PageHinkley.create().toJSON(), mean: Number.NaN })).toThrow(
      /mean/,
    );
  });
});
