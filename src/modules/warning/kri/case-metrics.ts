/**
 * Built-in metrics that the cases module computes (confirmed fraud among worked cases, emergency-plan
 * drills past due). The warning module defines their ids and the port; the composition root passes
 * the cases module's figures, and the metrics exist only then.
 */
import type { BuiltinMetric } from './metrics.js';
import type { KriPeriod } from './periods.js';

/** What the cases module answers. */
export interface CaseFigures {
  /** Cases closed in the period with a confirmed-fraud disposition, over cases closed; null when none closed. */
  fraudConfirmedRate(period: KriPeriod): Promise<number | null>;
  /** Emergency plans whose drill is past due at `at` (RFC 3339). */
  overdueDrills(at: string): Promise<number | null>;
}

/** The ids of the case metrics. */
export const CASE_METRIC_IDS = Object.freeze({
  fraudConfirmedRate: 'cases.fraud_confirmed_rate',
  overdueDrills: 'cases.overdue_drills',
});

/** The case metrics over `figures`. */
export function caseMetrics(figures: CaseFigures): BuiltinMetric[] {
  return [
    {
      id: CASE_METRIC_IDS.fraudConfirmedRate,
      name: { en: 'Fraud-confirmed rate', zh: '欺诈确认率' },
      description: {
        en: 'Cases closed as confirmed fraud over cases closed in the period',
        zh: '期间内结案为确认欺诈的案件占结案总数的比例',
      },
      riskType: 'operational',
      unit: 'ratio',
      direction: 'higher_is_worse',
      compute: (_db, period) => figures.fraudConfirmedRate(period),
    },
    {
      id: CASE_METRIC_IDS.overdueDrills,
      name: { en: 'Overdue emergency drills', zh: '逾期未演练的应急预案' },
      description: {
        en: 'Emergency plans whose drill is past due at the end of the period',
        zh: '期末已超过演练期限的应急预案数',
      },
      riskType: 'operational',
      unit: 'count',
      direction: 'higher_is_worse',
      compute: (_db, period) => figures.overdueDrills(period.end),
    },
  ];
}
