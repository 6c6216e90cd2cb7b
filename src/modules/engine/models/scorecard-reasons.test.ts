import { describe, expect, it } from 'vitest';
import { demoDraft, ruleInput } from './fixtures.js';
import { compileScorecard, isScorecardModel } from './scorecard.js';
import { sealScorecard } from './scorecard-file.js';
import { scorecardReasons } from './scorecard-reasons.js';

const card = compileScorecard(sealScorecard(demoDraft()));

describe('scorecard reason codes', () => {
  it('rank the variables by points lost against their best bin, largest first, with both languages', () => {
    // Best points: age 45, income 50, province 35, applications_30d 40.
    const input = ruleInput({
      data: { age: 22, applicant: { monthly_income: 5000 }, province: '51' },
      features: { applications_30d: 6 },
    });
    const reasons = scorecardReasons(card, input, 3, 'zh');
    expect(reasons.map((r) => [r.variable, r.points, r.max_points, r.shortfall])).toEqual([
      ['applications_30d', 2, 40, 38],
      ['age', 10, 45, 35],
      ['income', 25, 50, 25],
    ]);
    expect(reasons[1]).toEqual({
      variable: 'age',
      points: 10,
      max_points: 45,
      shortfall: 35,
      en: 'Age: value in (−∞, 25) scored 10 of a possible 45 points (35 below the best)',
      zh: '年龄：取值在 (−∞, 25)，得 10 分，最高可得 45 分（少 35 分）',
      text: '年龄：取值在 (−∞, 25)，得 10 分，最高可得 45 分（少 35 分）',
    });
    // A variable without a label is named by its name.
    expect(reasons[0]?.en).toBe(
      'applications_30d: value in [5, +∞) scored 2 of a possible 40 points (38 below the best)',
    );
    expect(scorecardReasons(card, input, 1, 'en')[0]?.text).toBe(reasons[0]?.en);
  });

  it('describe categories, special values, missing values and unseen categories', () => {
    const texts = (data: Record<string, unknown>) =>
      scorecardReasons(card, ruleInput({ data, features: { applications_30d: 0 } }), 4, 'en').map(
        (r) => r.en,
      );
    expect(texts({ age: -1, province: '51' })).toEqual([
      'Monthly income: no value scored 12 of a possible 50 points (38 below the best)',
      'Age: special value -1 scored 15 of a possible 45 points (30 below the best)',
      'Province: category in {"51", "52"} scored 20 of a possible 35 points (15 below the best)',
    ]);
    expect(texts({ age: 40, applicant: { monthly_income: 9000 }, province: 'xinjiang' })).toEqual([
      'Province: a category not seen in training scored 22 of a possible 35 points (13 below the best)',
    ]);
  });

  it('never name a variable at its best, keep the card order on ties, and honour k', () => {
    const best = ruleInput({
      data: { age: 50, applicant: { monthly_income: 10000 }, province: '11' },
      features: { applications_30d: 0 },
    });
    expect(scorecardReasons(card, best, 5, 'en')).toEqual([]);
    // age 25–35 loses 15, province 51 loses 15: tied, so age (earlier in the card) comes first.
    const tied = ruleInput({
      data: { age: 30, applicant: { monthly_income: 10000 }, province: '52' },
      features: { applications_30d: 0 },
    });
    expect(scorecardReasons(card, tied, 5, 'en').map((r) => r.variable)).toEqual(['age', 'province']);
    expect(scorecardReasons(card, tied, 1, 'en').map((r) => r.variable)).toEqual(['age']);
    expect(scorecardReasons(card, tied, 0, 'en')).toEqual([]);
    expect(() => scorecardReasons(card, tied, -1, 'en')).toThrow(RangeError);
  });

  it('are available on any model the factory made from a scorecard', () => {
    expect(isScorecardModel(card)).toBe(true);
    expect(isScorecardModel({ name: 'lr', kind: 'logistic', score: () => 0 })).toBe(false);
  });

  it('fail like the score does when an input cannot be scored', () => {
    expect(() => scorecardReasons(card, ruleInput({ data: { age: 'old' } }), 3, 'en')).toThrow(
      /data\.age is a string/,
    );
  });
});
