import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREQUENCIES, lastEndedPeriod, periodContaining, periodStartingAt, periodsUpTo } from './periods.js';

describe('KRI periods', () => {
  it('cuts time into hours, days, ISO weeks and calendar months in UTC', () => {
    const at = Date.parse('2026-03-04T13:45:10.000Z'); // a Wednesday
    expect(periodContaining('hourly', at)).toEqual({
      start: '2026-03-04T13:00:00.000Z',
      end: '2026-03-04T14:00:00.000Z',
    });
    expect(periodContaining('daily', at)).toEqual({
      start: '2026-03-04T00:00:00.000Z',
      end: '2026-03-05T00:00:00.000Z',
    });
    expect(periodContaining('weekly', at)).toEqual({
      start: '2026-03-02T00:00:00.000Z',
      end: '2026-03-09T00:00:00.000Z',
    });
    expect(periodContaining('monthly', at)).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
    expect(periodContaining('monthly', Date.parse('2024-02-10T00:00:00Z')).end).toBe(
      '2024-03-01T00:00:00.000Z',
    );
  });

  it('accepts only aligned starts, in any offset, and says why not otherwise', () => {
    expect(periodStartingAt('daily', '2026-03-04T08:00:00+08:00')).toEqual({
      ok: true,
      period: { start: '2026-03-04T00:00:00.000Z', end: '2026-03-05T00:00:00.000Z' },
    });
    const wrong = periodStartingAt('weekly', '2026-03-04T00:00:00Z');
    expect(wrong).toMatchObject({ ok: false });
    expect(!wrong.ok && wrong.message).toContain('Monday');
    expect(periodStartingAt('monthly', 'yesterday')).toMatchObject({ ok: false });
  });

  it('names the period that just ended and the ones before it', () => {
    const now = Date.parse('2026-03-01T00:00:00.000Z');
    expect(lastEndedPeriod('monthly', now)).toEqual({
      start: '2026-02-01T00:00:00.000Z',
      end: '2026-03-01T00:00:00.000Z',
    });
    expect(lastEndedPeriod('daily', now + 1).start).toBe('2026-02-28T00:00:00.000Z');
    const months = periodsUpTo('monthly', lastEndedPeriod('monthly', now), 3);
    expect(months.map((p) => p.start.slice(0, 7))).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('tiles time: every instant lies in its period, and periods follow each other without gaps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FREQUENCIES),
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2090-01-01') }),
        (frequency, ms) => {
          const p = periodContaining(frequency, ms);
          expect(Date.parse(p.start)).toBeLessThanOrEqual(ms);
          expect(ms).toBeLessThan(Date.parse(p.end));
          expect(periodContaining(frequency, Date.parse(p.end)).start).toBe(p.end);
          expect(periodStartingAt(frequency, p.start)).toEqual({ ok: true, period: p });
        },
      ),
    );
  });
});
