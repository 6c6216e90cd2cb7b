import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from './random.js';

describe('Random (xoshiro128**)', () => {
  it('matches the reference algorithm from the state {1, 2, 3, 4}', () => {
    // Worked by hand from the reference C code (xoshiro128starstar.c, Blackman and Vigna):
    // out = rotl(s1·5, 7)·9. State [1, 2, 3, 4] → out rotl(10, 7)·9 = 11520, next state
    // [7, 0, 1026, 12288] → out 0, next state [12295, 1029, 1029, 25165824] → out rotl(5145, 7)·9 = 5927040.
    const rng = Random.fromState([1, 2, 3, 4]);
    expect([rng.nextU32(), rng.nextU32(), rng.nextU32()]).toEqual([11520, 0, 5927040]);
  });

  it('repeats itself for the same seed and stream, and not for another seed or stream', () => {
    const draw = (seed: number, stream = 0) => {
      const r = new Random(seed, stream);
      return Array.from({ length: 8 }, () => r.nextU32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7)).not.toEqual(draw(7, 1));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('keeps every draw in its range', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat({ max: 1000 }),
        (seed, lo, width) => {
          const r = new Random(seed);
          for (let i = 0; i < 50; i++) {
            const u = r.next();
            expect(u >= 0 && u < 1).toBe(true);
            const k = r.int(lo, lo + width);
            expect(Number.isInteger(k) && k >= lo && k <= lo + width).toBe(true);
            expect(r.exponential(3)).toBeGreaterThanOrEqual(0);
            expect(r.hex(13)).toMatch(/^[0-9a-f]{13}$/);
            expect(r.digits(5)).toMatch(/^[0-9]{5}$/);
          }
        },
      ),
    );
  });

  it('has the moments of its distributions on a large sample', () => {
    const r = new Random(123);
    const n = 200_000;
    let u = 0;
    let e = 0;
    let z = 0;
    let z2 = 0;
    for (let i = 0; i < n; i++) {
      u += r.next();
      e += r.exponential(5);
      const x = r.normal();
      z += x;
      z2 += x * x;
    }
    expect(u / n).toBeCloseTo(0.5, 2);
    expect(e / n).toBeCloseTo(5, 1);
    expect(z / n).toBeCloseTo(0, 2);
    expect(z2 / n).toBeCloseTo(1, 1);
  });

  it('refuses a seed that is not a non-negative safe integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => new Random(bad)).toThrow(RangeError);
  });
});
