import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('retry backoff', () => {
  it('doubles from one second without jitter and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 12].map((n) => backoffDelay(n, {}, () => 0));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 300_000]);
  });

  it('adds at most the jitter fraction, never less than the nominal delay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, u) => {
          const nominal = Math.min(300_000, 1000 * 2 ** (n - 1));
          const d = backoffDelay(n, {}, () => u);
          return d >= nominal && d <= Math.round(nominal * 1.2);
        },
      ),
    );
  });
});
