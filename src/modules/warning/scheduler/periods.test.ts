import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jobPeriod, periodIndex, recentPeriods } from './periods.js';

describe('scheduler periods', () => {
  it('aligns a day job on 00:00 UTC', () => {
    const day = 86_400_000;
    const k = periodIndex(Date.parse('2026-03-05T13:45:00.000Z'), day);
    expect(jobPeriod(k, day)).toEqual({ start: '2026-03-05T00:00:00.000Z', end: '2026-03-06T00:00:00.000Z' });
  });

  it('makes a period due at the instant it ends, not before', () => {
    const every = 60_000;
    const end = Date.parse('2026-01-01T00:10:00.000Z');
    expect(jobPeriod(recentPeriods(end, every, 1).last, every).end).toBe('2026-01-01T00:10:00.000Z');
    expect(jobPeriod(recentPeriods(end - 1, every, 1).last, every).end).toBe('2026-01-01T00:09:00.000Z');
  });

  it('returns exactly the catchUp most recent ended periods (brute force)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 1000, max: 90_000_000 }),
        fc.integer({ min: 1, max: 20 }),
        (now, every, catchUp) => {
          const { first, last } = recentPeriods(now, every, catchUp);
          // Brute force: walk back from the period containing `now` to the ones that have ended.
          let k = Math.floor(now / every) + 2;
          while ((k + 1) * every > now) k--;
          expect(last).toBe(k);
          expect(last - first + 1).toBe(catchUp);
          for (let i = first; i <= last; i++) {
            const p = jobPeriod(i, every);
            expect(Math.abs(Date.parse(p.start) % every)).toBe(0);
            expect(Date.parse(p.end) - Date.parse(p.start)).toBe(every);
            expect(Date.parse(p.end)).toBeLessThanOrEqual(now);
          }
          expect(Date.parse(jobPeriod(last + 1, every).end)).toBeGreaterThan(now);
        },
      ),
    );
  });
});
