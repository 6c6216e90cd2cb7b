/**
 * One evaluation of a key risk indicator for one period: what the KRI module stores and hands to the
 * alert module. The alert module raises an alert when the band worsens into amber or red or a
 * detector signals, deduplicated per KRI and subject.
 */
import type { Text } from '../../kernel/i18n.js';

/** The traffic-light band of a value against static thresholds (after hysteresis). */
export type Band = 'green' | 'amber' | 'red';

/** What one adaptive detector concluded at this evaluation. */
export interface DetectorOutcome {
  /** `zscore`, `ewma`, `cusum` or `page-hinkley`. */
  readonly method: string;
  /** The detector's statistic at this point (z, EWMA value, C⁺/C⁻ max, PH statistic). */
  readonly statistic: number;
  /** Whether it signals at this point. */
  readonly signal: boolean;
  /** Which way the signal points, when it does. */
  readonly direction?: 'up' | 'down';
}

/** The six risk types of the reference text (chapter 二), plus custom ones by name. */
export type RiskType =
  | 'market'
  | 'credit'
  | 'liquidity'
  | 'operational'
  | 'technology'
  | 'legal'
  | (string & {});

/** One stored evaluation of one KRI. */
export interface KriEvaluation {
  readonly kri_id: string;
  readonly name: Text;
  readonly risk_type: RiskType;
  /** User id of the KRI's owner, who gets its alerts. */
  readonly owner: string | null;
  /** The subject the value is about (`portfolio`, a product, a scorecard name); `*` when global. */
  readonly subject: string;
  readonly period_start: string;
  readonly period_end: string;
  /** null when no value could be computed for the period (no data). */
  readonly value: number | null;
  readonly unit: string;
  readonly band: Band;
  /** The band of the previous evaluation, null for the first. */
  readonly previous_band: Band | null;
  readonly detectors: readonly DetectorOutcome[];
  readonly evaluated_at: string;
}
