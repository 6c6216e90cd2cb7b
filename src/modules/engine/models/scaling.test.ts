import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleInput } from './fixtures.js';
import { logistic } from './linear.js';
import { oddsAtScore, scalingConstants, scoreAtOdds, scorecardPointsFromModel } from './scaling.js';
import { compileScorecard } from './scorecard.js';
import { sealScorecard } from './scorecard-file.js';
import type { ScorecardScaling } from './scorecard-format.js';

const SIDDIQI = { pdo: 20, base_score: 600, base_odds: 50 };

describe('scorecard scaling', () => {
  it('reproduces the worked example of Siddiqi (2006): 600 points at 50:1, 20 points to double the odds', () => {
    // Siddiqi, Credit Risk Scorecards (Wiley, 2006), "Scaling": factor = 20 / ln 2 = 28.8539,
    // offset = 600 − 28.8539 · ln 50 = 487.123, so score = 487.123 + 28.8539 · ln(odds).
    const { factor, offset } = scalingConstants(SIDDIQI);
    expect(factor).toBeCloseTo(28.8539, 4);
    expect(offset).toBeCloseTo(487.123, 3);
    expect(scoreAtOdds(50, SIDDIQI)).toBeCloseTo(600, 10);
    expect(scoreAtOdds(100, SIDDIQI)).toBeCloseTo(620, 10);
    expect(scoreAtOdds(25, SIDDIQI)).toBeCloseTo(580, 10);
    expect(oddsAtScore(640, SIDDIQI)).toBeCloseTo(200, 9);
  });

  it('refuses scalings without a positive pdo and base odds', () => {
    expect(() => scalingConstants({ pdo: 0, base_score: 600, base_odds: 50 })).toThrow(RangeError);
    expect(() => scalingConstants({ pdo: 20, base_score: 600, base_odds: -1 })).toThrow(RangeError);
  });

  it('gives points that sum to offset + factor · ln(odds) in both intercept modes', () => {
    const regression = fc.record({
      intercept: fc.double({ min: -5, max: 5, noNaN: true }),
      variables: fc.array(
        fc.record({
          coefficient: fc.double({ min: -2, max: 0.5, noNaN: true }),
          woe: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 6 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    });
    fc.assert(
      fc.property(regression, fc.nat(), (model, pick) => {
        const chosen = model.variables.map((v) => pick % v.woe.length);
        // ln(good:bad odds) = −(α + Σ βᵢ·woeᵢ) for a regression of P(bad).
        const logOdds = -(
          model.intercept +
          model.variables.reduce((s, v, i) => s + v.coefficient * (v.woe[chosen[i] as number] as number), 0)
        );
        const { factor, offset } = scalingConstants(SIDDIQI);
        for (const intercept_mode of ['base', 'spread'] as const) {
          const { base_points, points } = scorecardPointsFromModel({ ...SIDDIQI, intercept_mode }, model);
          const total = points.reduce((s, p, i) => s + (p[chosen[i] as number] as number), base_points);
          expect(total).toBeCloseTo(offset + factor * logOdds, 8);
          if (intercept_mode === 'spread') expect(base_points).toBe(0);
        }
      }),
    );
  });

  it('makes a card whose score is the scaled odds of the logistic model it came from', () => {
    // Two variables; the card and a logistic model on the same WOE values must agree on the odds.
    const scaling: ScorecardScaling = { ...SIDDIQI, intercept_mode: 'spread' };
    const model = {
      intercept: -2.4,
      variables: [
        { coefficient: -0.9, woe: [-0.7, 0.2, 0.8] },
        { coefficient: -1.1, woe: [-0.4, 0.5] },
      ],
    };
    const { base_points, points } = scorecardPointsFromModel(scaling, model);
    const card = compileScorecard(
      sealScorecard({
        format: 'fengkong.scorecard/v1',
        name: 'derived',
        scaling,
        base_points,
        variables: [
          {
            name: 'utilisation',
            input: 'data.utilisation',
            type: 'numeric',
            bins: [
              { lower: null, upper: 0.3, woe: 0.8, points: points[0]?.[2] as number },
              { lower: 0.3, upper: 0.7, woe: 0.2, points: points[0]?.[1] as number },
              { lower: 0.7, upper: null, woe: -0.7, points: points[0]?.[0] as number },
            ],
            missing: { woe: -0.7, points: points[0]?.[0] as number },
            special: [],
          },
          {
            name: 'channel',
            input: 'data.channel',
            type: 'categorical',
            bins: [
              { categories: ['branch'], woe: 0.5, points: points[1]?.[1] as number },
              { categories: ['online', 'agent'], woe: -0.4, points: points[1]?.[0] as number },
            ],
            missing: { woe: -0.4, points: points[1]?.[0] as number },
            special: [],
          },
        ],
        training: { rows: 5000, bads: 400, trained_at: '2026-01-01T00:00:00Z', target: 'dpd90_in_12m' },
      }),
    );
    const score = card.score(ruleInput({ data: { utilisation: 0.5, channel: 'online' } }));
    const pBad = logistic(-2.4 + -0.9 * 0.2 + -1.1 * -0.4);
    expect(score).toBeCloseTo(scoreAtOdds((1 - pBad) / pBad, SIDDIQI), 9);
    expect(oddsAtScore(score, SIDDIQI)).toBeCloseTo((1 - pBad) / pBad, 9);
  });
});
