import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeOf, LEVEL_BANDS, levelOf, RISK_LEVELS } from './grading.js';

describe('5 × 5 grading', () => {
  it('puts every cell of the matrix in exactly one level band', () => {
    for (let l = 1; l <= 5; l++) {
      for (let i = 1; i <= 5; i++) {
        const grade = gradeOf({ likelihood: l, impact: i });
        const bands = RISK_LEVELS.filter(
          (lv) => grade >= LEVEL_BANDS[lv].min && grade <= LEVEL_BANDS[lv].max,
        );
        expect(bands).toEqual([levelOf(grade)]);
      }
    }
  });

  it('grades the corners and the documented edges', () => {
    expect(levelOf(gradeOf({ likelihood: 1, impact: 1 }))).toBe('low');
    expect(levelOf(gradeOf({ likelihood: 2, impact: 2 }))).toBe('low');
    expect(levelOf(gradeOf({ likelihood: 1, impact: 5 }))).toBe('medium');
    expect(levelOf(gradeOf({ likelihood: 3, impact: 3 }))).toBe('medium');
    expect(levelOf(gradeOf({ likelihood: 2, impact: 5 }))).toBe('high');
    expect(levelOf(gradeOf({ likelihood: 4, impact: 4 }))).toBe('high');
    expect(levelOf(gradeOf({ likelihood: 4, impact: 5 }))).toBe('critical');
    expect(levelOf(gradeOf({ likelihood: 5, impact: 5 }))).toBe('critical');
  });

  it('never ranks a cell below a cell it dominates', () => {
    const step = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(step, step, step, step, (l1, i1, l2, i2) => {
        fc.pre(l1 <= l2 && i1 <= i2);
        const a = RISK_LEVELS.indexOf(levelOf(gradeOf({ likelihood: l1, impact: i1 })));
        const b = RISK_LEVELS.indexOf(levelOf(gradeOf({ likelihood: l2, impact: i2 })));
        expect(a).toBeLessThanOrEqual(b);
      }),
    );
  });

  it('refuses steps off the scales', () => {
    expect(() => gradeOf({ likelihood: 0, impact: 3 })).toThrow(RangeError);
    expect(() => gradeOf({ likelihood: 3, impact: 2.5 })).toThrow(RangeError);
    expect(() => gradeOf({ likelihood: 6, impact: 1 })).toThrow(RangeError);
  });
});
