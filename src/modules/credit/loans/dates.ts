/**
 * Calendar dates of loans: due dates, disbursement and repayment days, month ends. A date is the
 * text `YYYY-MM-DD` with no time zone, compared as text and counted in whole days; "today" is the
 * date in China Standard Time (UTC+8, no daylight saving), where Fengkong's lenders keep their books.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Whether `text` is a real calendar date `YYYY-MM-DD` (years 1900–2199). */
export function isLocalDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y < 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days in month `month` (1–12) of `year`, by the Gregorian leap-year rule. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parts(date: LocalDate): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`${JSON.stringify(date)} is not a date YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The date `months` calendar months after `date`, on day `day` (default: `date`'s own day) clamped to
 * the end of the month: the k-th due date of a schedule whose first is the 31st falls on 28 or 29
 * February and on 31 March again.
 */
export function addMonths(date: LocalDate, months: number, day?: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(day ?? d, daysInMonth(year, month)));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The calendar month of a date, `YYYY-MM`. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The last day of month `YYYY-MM`. */
export function monthEnd(month: string): LocalDate {
  const [y, m] = parts(`${month}-01`);
  return format(y, m, daysInMonth(y, m));
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  return monthOf(addMonths(`${month}-01`, 1));
}

/** The date in China Standard Time (UTC+8) at `ms` since the epoch. */
export function chinaDate(ms: number): LocalDate {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
