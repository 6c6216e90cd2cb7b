/**
 * Calendar-month arithmetic on `YYYY-MM` strings. Months are turned into one integer (year · 12 +
 * month − 1) so that months on book and month steps are plain subtraction; the parse is cached
 * because a book of a million rows holds only a few dozen distinct months.
 */
import { PortfolioInputError } from './input-error.js';
import type { YearMonth } from './loan-month.js';

const cache = new Map<string, number>();

/** The month as an integer index (year · 12 + month − 1); throws for anything but `YYYY-MM`. */
export function monthIndex(month: YearMonth, field = 'month'): number {
  const cached = cache.get(month);
  if (cached !== undefined) return cached;
  const match = typeof month === 'string' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month) : null;
  if (!match) {
    throw new PortfolioInputError(
      `${field} must be a calendar month written YYYY-MM, not ${JSON.stringify(month)}`,
      `${field} 必须是 YYYY-MM 格式的月份，而不是 ${JSON.stringify(month)}`,
    );
  }
  const index = Number(match[1]) * 12 + Number(match[2]) - 1;
  // The cache is bounded by the distinct month strings ever seen: a few hundred in any real use.
  if (cache.size < 10_000) cache.set(month, index);
  return index;
}

/** The `YYYY-MM` text of a month index. */
export function monthText(index: number): YearMonth {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}`;
}

/** The month `count` months after `month` (before it when `count` is negative). */
export function addMonths(month: YearMonth, count: number): YearMonth {
  return monthText(monthIndex(month) + count);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return monthIndex(to) - monthIndex(from);
}
