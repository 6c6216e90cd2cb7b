import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../kernel/clock.js';
import { TokenBucketLimiter } from './rate-limit.js';

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then one attempt per refill interval', () => {
    const clock = new ManualClock(0);
    const limiter = new TokenBucketLimiter(clock, 6);
    for (let i = 0; i < 6; i++) expect(limiter.take('ip').allowed).toBe(true);
    const refused = limiter.take('ip');
    expect(refused).toEqual({ allowed: false, retryAfterMs: 10_000 });
    expect(limiter.take('other').allowed).toBe(true);
    clock.advance(9_999);
    expect(limiter.take('ip').allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take('ip').allowed).toBe(true);
    expect(limiter.take('ip').allowed).toBe(false);
  });

  it('never allows more than the burst plus the refill over any run of attempts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 300 }),
        (perMinute, gaps) => {
          const clock = new ManualClock(0);
          const limiter = new TokenBucketLimiter(clock, perMinute);
          let allowed = 0;
          for (const gap of gaps) {
            clock.advance(gap);
            if (limiter.take('k').allowed) allowed++;
          }
          expect(allowed).toBeLessThanOrEqual(perMinute + Math.floor((clock.now() * perMinute) / 60_000));
        },
      ),
    );
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used', () => {
    const clock = new ManualClock(0);
    const limiter = new TokenBucketLimiter(clock, 1, 2);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(true);
    // 'a' was forgotten: a forgotten bucket is full again.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});
