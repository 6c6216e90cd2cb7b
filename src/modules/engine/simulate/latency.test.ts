import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latency.js';

/** Nearest-rank percentile of the exact sample (the definition the histogram approximates). */
function exact(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('LatencyHistogram', () => {
  it('answers percentiles within 1 % of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 60_000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.5, 0.9, 0.99, 1),
        (samples, q) => {
          const h = new LatencyHistogram();
          for (const s of samples) h.record(s);
          const want = exact(samples, q);
          expect(Math.abs(h.percentile(q) - want) / want).toBeLessThanOrEqual(0.01);
        },
      ),
    );
  });

  it('summarises p50, p90, p99 and the exact maximum; nothing when empty', () => {
    const h = new LatencyHistogram();
    expect(h.summary()).toBeNull();
    for (let i = 1; i <= 1000; i++) h.record(i);
    const s = h.summary()!;
    expect(s.max).toBe(1000);
    expect(Math.abs(s.p50 - 500) / 500).toBeLessThan(0.01);
    expect(Math.abs(s.p90 - 900) / 900).toBeLessThan(0.01);
    expect(Math.abs(s.p99 - 990) / 990).toBeLessThan(0.01);
    expect(h.count).toBe(1000);
  });
});
