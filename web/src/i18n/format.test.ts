import { describe, expect, it } from 'vitest';
import { formatKriValue, formatMoney, formatPercent } from './format.js';

describe('locale formatting', () => {
  it('shows money in yuan with the ¥ sign and two decimals in both languages', () => {
    expect(formatMoney(1234.5, 'zh')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'en')).toBe('¥1,234.50');
    expect(formatMoney(0.005, 'en')).toBe('¥0.01');
  });

  it('shows ratios as percentages', () => {
    expect(formatPercent(0.0234, 'en', 1)).toBe('2.3%');
    expect(formatKriValue(0.011, 'ratio', 'zh')).toBe('1.10%');
  });

  it('shows KRI values in their unit', () => {
    expect(formatKriValue(30.9, 'pct', 'en')).toBe('30.9%');
    expect(formatKriValue(7, 'count', 'en')).toBe('7');
    expect(formatKriValue(430.4, 'cny_m', 'en')).toBe('¥430.4m');
    expect(formatKriValue(430.4, 'cny_m', 'zh')).toBe('¥4.3亿');
    expect(formatKriValue(120, 'ms', 'en')).toBe('120 ms');
  });
});
