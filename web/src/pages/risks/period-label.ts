/**
 * How a KRI period is named to a reader: a month as "Jan 2026", a day as its date, a week by its
 * Monday, an hour with its time. Periods are UTC (as the server defines them), so they are shown in
 * UTC too: a daily period must not appear as the day before for a reader west of Greenwich.
 */
import { type Language, localeOf } from '../../i18n/language.js';
import type { KriFrequency } from './types.js';

const OPTIONS: Readonly<Record<KriFrequency, Intl.DateTimeFormatOptions>> = {
  hourly: { dateStyle: 'medium', timeStyle: 'short' },
  daily: { dateStyle: 'medium' },
  weekly: { dateStyle: 'medium' },
  monthly: { year: 'numeric', month: 'short' },
};

/** The period starting at `iso` of a KRI of `frequency`, in the reader's conventions. */
export function periodLabel(frequency: KriFrequency, iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { ...OPTIONS[frequency], timeZone: 'UTC' }).format(date);
}
