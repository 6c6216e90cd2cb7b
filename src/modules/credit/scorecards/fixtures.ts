/**
 * Test fixtures of the scorecard registry: a small application card (with a version knob) and a loan
 * policy that scores with it. Excluded from the build (tsconfig.build.json).
 */
import { type ScorecardDocument, sealScorecard } from '../../engine/index.js';

/** A two-variable application card; `shift` moves every income bin's points (a "new version"). */
export function card(shift = 0): ScorecardDocument {
  return sealScorecard({
    format: 'fengkong.scorecard/v1',
    name: 'retail_app',
    scaling: { pdo: 20, base_score: 600, base_odds: 50, intercept_mode: 'base' },
    base_points: 500,
    variables: [
      {
        name: 'income',
        input: 'data.monthly_income',
        type: 'numeric',
        label: { en: 'Monthly income', zh: '月收入' },
        bins: [
          { lower: null, upper: 3000, woe: -0.8, points: 5 + shift, count: 200 },
          { lower: 3000, upper: null, woe: 0.4, points: 60 + shift, count: 800 },
        ],
        missing: { woe: -0.5, points: 0, count: 0 },
        special: [],
      },
      {
        name: 'amount',
        input: 'data.amount',
        type: 'numeric',
        label: { en: 'Amount asked', zh: '申请金额' },
        bins: [
          { lower: null, upper: 50000, woe: 0.2, points: 40, count: 700 },
          { lower: 50000, upper: null, woe: -0.6, points: 10, count: 300 },
        ],
        missing: { woe: 0, points: 20 },
        special: [],
      },
    ],
    training: { rows: 1000, bads: 100, trained_at: '2026-11-01T00:00:00Z', target: 'dpd30_in_6m' },
  });
}

export const POLICY = `
id: loan-scored
event_type: loan_application
description: { en: Scored loan applications, zh: 评分卡审批借款申请 }
outcome: { mode: first_match, default: approve }
models:
  - { name: app, kind: scorecard, scorecard: retail_app }
rules:
  - id: low_score
    description: { en: Application score too low, zh: 申请评分过低 }
    when: models.app < 560.0
    action: reject
`;
