import { describe, expect, it } from 'vitest';
import { PortfolioInputError } from './input-error.js';
import { addMonths, monthIndex, monthsBetween, monthText } from './month.js';

describe('calendar months', () => {
  it('counts months across year ends', () => {
    expect(monthsBetween('2023-11', '2024-02')).toBe(3);
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthText(monthIndex('2024-12'))).toBe('2024-12');
  });

  it('refuses months not written YYYY-MM, in both languages', () => {
    for (const bad of ['2024-1', '2024-13', '2024/01', '24-01', '']) {
      const error = (() => {
        try {
          monthIndex(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(PortfolioInputError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as PortfolioInputError).zh).toContain('YYYY-MM');
    }
  });
});
