import { type Language, localeOf } from './language.js';

/**
 * Number, money, percentage and date formatting per language through Intl. Money is in yuan with
 * two decimals and the ¥ sign in both languages (`narrowSymbol`, so English shows ¥ rather than CN¥).
 */
export function formatNumber(
  value: number,
  language: Language,
  options: Intl.NumberFormatOptions = {},
): string {
  return new Intl.NumberFormat(localeOf(language), options).format(value);
}

/** An amount in yuan, e.g. ¥1,234.50. */
export function formatMoney(yuan: number, language: Language): string {
  return formatNumber(yuan, language, {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

/** A ratio (0.023) as a percentage (2.3%). */
export function formatPercent(ratio: number, language: Language, digits = 1): string {
  return formatNumber(ratio, language, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A date and time in the reader's conventions, to the minute. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

/** A time of day, to the minute (chart axes). */
export function formatTime(ms: number, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' }).format(ms);
}

/**
 * A KRI value in its unit: ratios as percentages, `pct` as a number already in percent, `cny_m` as
 * millions of yuan, counts as integers. Unknown units keep their name after the number.
 */
export function formatKriValue(value: number, unit: string, language: Language): string {
  switch (unit) {
    case 'ratio':
      return formatPercent(value, language, 2);
    case 'pct':
      return `${formatNumber(value, language, { maximumFractionDigits: 3 })}%`;
    case 'cny_m':
      return formatNumber(value * 1_000_000, language, {
        style: 'currency',
        currency: 'CNY',
        currencyDisplay: 'narrowSymbol',
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: 2,
      });
    case 'count':
      return formatNumber(value, language, { maximumFractionDigits: 0 });
    case 'ms':
      return `${formatNumber(value, language, { maximumFractionDigits: 0 })} ms`;
    default:
      return `${formatNumber(value, language, { maximumFractionDigits: 3 })}${unit === 'index' ? '' : ` ${unit}`}`;
  }
}
