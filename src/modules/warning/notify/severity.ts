/**
 * How serious a notice is. Alerts carry one of these four grades; notification targets subscribe from
 * a minimum grade upwards, so the grades are ordered and compared through `severityRank`.
 */

/** The grades, least serious first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** One grade. */
export type Severity = (typeof SEVERITIES)[number];

/** The grades' names in both languages. */
export const SEVERITY_NAMES: Readonly<Record<Severity, { readonly en: string; readonly zh: string }>> = {
  low: { en: 'low', zh: '低' },
  medium: { en: 'medium', zh: '中' },
  high: { en: 'high', zh: '高' },
  critical: { en: 'critical', zh: '严重' },
};

/** Whether `value` names a grade. */
export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** 0 for `low` up to 3 for `critical`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more serious of two grades. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}
