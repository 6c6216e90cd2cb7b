import { describe, expect, it } from 'vitest';
import { periodStartOf, pushablePeriods } from './periods.js';

const at = (iso: string) => Date.parse(iso);

describe('KRI periods in the console', () => {
  it('starts periods as the server does: UTC hour, day, Monday and first of the month', () => {
    const ms = at('2026-03-05T13:45:00Z'); // a Thursday
    expect(new Date(periodStartOf('hourly', ms)).toISOString()).toBe('2026-03-05T13:00:00.000Z');
    expect(new Date(periodStartOf('daily', ms)).toISOString()).toBe('2026-03-05T00:00:00.000Z');
    expect(new Date(periodStartOf('weekly', ms)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(periodStartOf('monthly', ms)).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('offers the periods after the latest evaluated one up to the running one, marking which ended', () => {
    const periods = pushablePeriods('daily', '2026-03-02T00:00:00.000Z', at('2026-03-05T13:45:00Z'));
    expect(periods).toEqual([
      { start: '2026-03-03T00:00:00.000Z', ended: true },
      { start: '2026-03-04T00:00:00.000Z', ended: true },
      { start: '2026-03-05T00:00:00.000Z', ended: false },
    ]);
  });

  it('walks calendar months and offers recent periods to a KRI never evaluated', () => {
    expect(pushablePeriods('monthly', '2025-12-01T00:00:00.000Z', at('2026-02-10T00:00:00Z'))).toEqual([
      { start: '2026-01-01T00:00:00.000Z', ended: true },
      { start: '2026-02-01T00:00:00.000Z', ended: false },
    ]);
    const fresh = pushablePeriods('weekly', null, at('2026-03-05T00:00:00Z'), 3);
    expect(fresh.map((p) => p.start)).toEqual([
      '2026-02-16T00:00:00.000Z',
      '2026-02-23T00:00:00.000Z',
      '2026-03-02T00:00:00.000Z',
    ]);
  });

  it('keeps the earliest periods when many are waiting, since they are evaluated in order', () => {
    const periods = pushablePeriods('hourly', '2026-03-01T00:00:00.000Z', at('2026-03-02T00:00:00Z'), 4);
    expect(periods.map((p) => p.start)).toEqual([
      '2026-03-01T01:00:00.000Z',
      '2026-03-01T02:00:00.000Z',
      '2026-03-01T03:00:00.000Z',
      '2026-03-01T04:00:00.000Z',
    ]);
  });
});
