/**
 * The vocabulary of the register: risk categories (the six risk types of chapter 二 of the reference
 * text, plus custom ones by name), control frequencies and test results, ids, and texts that people
 * give in one language or both.
 */
import type { Text } from '../../../kernel/i18n.js';
import { RiskInvalid } from './errors.js';

/** The six risk types of the reference text, chapter 二 (主要风险类型). */
export const RISK_CATEGORIES = [
  'market',
  'credit',
  'liquidity',
  'operational',
  'technology',
  'legal',
] as const;

/** A category: one of the six, or a custom name. */
export const CATEGORY_NAME = /^[a-z][a-z0-9_]{1,31}$/;

/** Each of the six categories in both languages, and the prefix of generated risk ids. */
export const CATEGORY_INFO: Readonly<
  Record<(typeof RISK_CATEGORIES)[number], { label: Text; prefix: string }>
> = {
  market: { label: { en: 'Market risk', zh: '市场风险' }, prefix: 'MK' },
  credit: { label: { en: 'Credit risk', zh: '信用风险' }, prefix: 'CR' },
  liquidity: { label: { en: 'Liquidity risk', zh: '流动性风险' }, prefix: 'LQ' },
  operational: { label: { en: 'Operational risk', zh: '操作风险' }, prefix: 'OP' },
  technology: { label: { en: 'Technology risk', zh: '技术风险' }, prefix: 'TE' },
  legal: { label: { en: 'Legal risk', zh: '法律风险' }, prefix: 'LG' },
};

/** The label of a category: its name in both languages, or the custom name itself. */
export function categoryLabel(category: string): Text {
  const known = (CATEGORY_INFO as Record<string, { label: Text }>)[category];
  return known ? known.label : { en: category, zh: category };
}

/** The id prefix of a category's generated ids (`R-CR-001`); `CU` for custom categories. */
export function categoryPrefix(category: string): string {
  return (CATEGORY_INFO as Record<string, { prefix: string }>)[category]?.prefix ?? 'CU';
}

/** A risk id: upper-case letters, digits and dashes (`R-CR-001`). */
export const RISK_ID = /^[A-Z][A-Z0-9-]{1,31}$/;

/** A control id within its risk (`C1`, `CTRL-ACCESS-REVIEW`). */
export const CONTROL_ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** How often a control operates or is tested. */
export const CONTROL_FREQUENCIES = [
  'continuous',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'ad_hoc',
] as const;

/** One of `CONTROL_FREQUENCIES`. */
export type ControlFrequency = (typeof CONTROL_FREQUENCIES)[number];

/**
 * Days after its last test by which a control of each frequency should have been tested again; a
 * continuous (automated) control is tested quarterly, an ad hoc one never falls due.
 */
export const TEST_INTERVAL_DAYS: Readonly<Record<ControlFrequency, number | null>> = {
  continuous: 92,
  daily: 1,
  weekly: 7,
  monthly: 31,
  quarterly: 92,
  semiannual: 183,
  annual: 366,
  ad_hoc: null,
};

/** The result of a control's last test. */
export const CONTROL_RESULTS = ['effective', 'partially_effective', 'ineffective', 'not_tested'] as const;

/** One of `CONTROL_RESULTS`. */
export type ControlResult = (typeof CONTROL_RESULTS)[number];

/** Risk statuses: a retired risk stays in the register (its id is never reused) but leaves the heat map. */
export const RISK_STATUSES = ['active', 'retired'] as const;

/** A text in both languages from what a person gave (one language fills the other); required. */
export function bilingual(given: Partial<Text> | undefined, path: string, max = 500): Text {
  const en = given?.en?.trim() ?? '';
  const zh = given?.zh?.trim() ?? '';
  if ([...en].length > max || [...zh].length > max)
    throw RiskInvalid(`${path} must be at most ${max} characters`, [
      { path, message: `at most ${max} characters` },
    ]);
  if (en === '' && zh === '')
    throw RiskInvalid(`${path} must be given in English or Chinese`, [
      { path, message: 'must not be blank' },
    ]);
  return { en: en || zh, zh: zh || en };
}

/** Whether `text` is a calendar date `YYYY-MM-DD` that exists. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}
