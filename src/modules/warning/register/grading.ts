/**
 * Risk grading on a 5 × 5 matrix: likelihood and impact each on a scale of 1 (rare / negligible) to 5
 * (almost certain / severe), grade = likelihood × impact (1–25). The consequence/likelihood matrix is
 * the tool IEC 31010:2019 (Risk assessment techniques) Annex B.10 describes for ISO 31000:2018 §6.4
 * risk analysis and evaluation, and COSO ERM (2017) principle 14 asks severity to be assessed on such
 * scales. Neither standard fixes the cut-offs; we use the common convention of 5 × 5 registers:
 * 1–4 low, 5–9 medium, 10–16 high, 20–25 critical (grades 17–19 cannot occur). Inherent risk is graded
 * before controls, residual risk after them (ISO Guide 73:2009 §3.8.1.6).
 */
import type { Text } from '../../../kernel/i18n.js';

/** The steps of each scale. */
export const SCALE = [1, 2, 3, 4, 5] as const;

/** A likelihood or impact step, 1 to 5. */
export type ScaleStep = (typeof SCALE)[number];

/** A grading: likelihood and impact. */
export interface Grading {
  readonly likelihood: number;
  readonly impact: number;
}

/** The four levels of the register. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/** One of `RISK_LEVELS`. */
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Each level: its grade range and its name in both languages. */
export const LEVEL_BANDS: Readonly<Record<RiskLevel, { min: number; max: number; label: Text }>> = {
  low: { min: 1, max: 4, label: { en: 'Low', zh: '低' } },
  medium: { min: 5, max: 9, label: { en: 'Medium', zh: '中' } },
  high: { min: 10, max: 16, label: { en: 'High', zh: '高' } },
  critical: { min: 20, max: 25, label: { en: 'Critical', zh: '极高' } },
};

/** What each step of the scales means, for the console and reports. */
export const SCALE_LABELS: Readonly<{ likelihood: readonly Text[]; impact: readonly Text[] }> = {
  likelihood: [
    { en: 'Rare', zh: '极少' },
    { en: 'Unlikely', zh: '不太可能' },
    { en: 'Possible', zh: '可能' },
    { en: 'Likely', zh: '很可能' },
    { en: 'Almost certain', zh: '几乎确定' },
  ],
  impact: [
    { en: 'Negligible', zh: '轻微' },
    { en: 'Minor', zh: '较小' },
    { en: 'Moderate', zh: '中等' },
    { en: 'Major', zh: '重大' },
    { en: 'Severe', zh: '严重' },
  ],
};

/** Whether `n` is a step of the scales (an integer from 1 to 5). */
export function isScaleStep(n: unknown): n is ScaleStep {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

/** likelihood × impact; a RangeError for steps off the scales. */
export function gradeOf(grading: Grading): number {
  if (!isScaleStep(grading.likelihood) || !isScaleStep(grading.impact)) {
    throw new RangeError(
      `likelihood and impact must be integers from 1 to 5, not ${grading.likelihood} and ${grading.impact}`,
    );
  }
  return grading.likelihood * grading.impact;
}

/** The level of a grade (1–25). */
export function levelOf(grade: number): RiskLevel {
  if (grade >= LEVEL_BANDS.critical.min) return 'critical';
  if (grade >= LEVEL_BANDS.high.min) return 'high';
  if (grade >= LEVEL_BANDS.medium.min) return 'medium';
  return 'low';
}

/** A grading as reported: the steps, the grade and its level. */
export interface GradeView {
  readonly likelihood: number;
  readonly impact: number;
  readonly grade: number;
  readonly level: RiskLevel;
}

/** The grading with its grade and level. */
export function gradeView(grading: Grading): GradeView {
  const grade = gradeOf(grading);
  return { likelihood: grading.likelihood, impact: grading.impact, grade, level: levelOf(grade) };
}
