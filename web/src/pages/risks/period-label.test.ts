import { describe, expect, it } from 'vitest';
import { periodLabel } from './period-label.js';

describe('KRI period labels', () => {
  it('names months by month and days by their UTC date, in each language', () => {
    expect(periodLabel('monthly', '2026-01-01T00:00:00.000Z', 'en')).toBe('Jan 2026');
    expect(periodLabel('monthly', '2026-01-01T00:00:00.000Z', 'zh')).toBe('2026年1月');
    expect(periodLabel('daily', '2026-03-05T00:00:00.000Z', 'en')).toBe('5 Mar 2026');
    expect(periodLabel('daily', '2026-03-05T00:00:00.000Z', 'zh')).toBe('2026年3月5日');
  });

  it('keeps a time that is not one', () => {
    expect(periodLabel('daily', 'soon', 'en')).toBe('soon');
  });
});
