import { describe, expect, it } from 'vitest';
import { addMonths, chinaDate, daysBetween, isLocalDate, monthEnd, nextMonth } from './dates.js';

describe('loan dates', () => {
  it('keeps the due day each month, clamped to the end of short months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-02-28', 1, 31)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('counts whole days and finds month ends', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2026-03-01', '2026-01-31')).toBe(-29);
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(nextMonth('2026-12')).toBe('2027-01');
  });

  it('accepts only real dates', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-1-01')).toBe(false);
  });

  it('takes today in China Standard Time', () => {
    expect(chinaDate(Date.parse('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(chinaDate(Date.parse('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });
});
