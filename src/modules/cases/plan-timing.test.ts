import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checklistDueTimes,
  isDrillOverdue,
  nextDrillDue,
  stepDurations,
  stepOffsets,
} from './plan-timing.js';

const MINUTE = 60_000;
const steps = fc.array(
  fc.integer({ min: 1, max: 10_080 }).map((expected_minutes) => ({ expected_minutes })),
  {
    minLength: 1,
    maxLength: 50,
  },
);

describe('plan timing', () => {
  it('makes each item due after every step up to it, the last at the sum of all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), steps, (start, list) => {
        const due = checklistDueTimes(start, list);
        const total = list.reduce((s, x) => s + x.expected_minutes, 0);
        expect(due.at(-1)).toBe(start + total * MINUTE);
        for (let i = 0; i < list.length; i++) {
          const before = i === 0 ? start : (due[i - 1] ?? start);
          expect((due[i] ?? 0) - before).toBe((list[i]?.expected_minutes ?? 0) * MINUTE);
        }
      }),
    );
    expect(
      stepOffsets([{ expected_minutes: 15 }, { expected_minutes: 30 }, { expected_minutes: 120 }]),
    ).toEqual([15, 45, 165]);
  });

  it('splits a drill into step times that add up to the last completion, whatever the order steps were done in', () => {
    const done = fc.array(
      fc.option(
        fc.integer({ min: 0, max: 10_000 }).map((m) => m * MINUTE),
        { nil: null },
      ),
      {
        minLength: 1,
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(done, (offsets) => {
        const took = stepDurations(0, offsets);
        const completed = offsets.filter((o): o is number => o !== null);
        const sum = took.reduce<number>((s, x) => s + (x ?? 0), 0);
        expect(sum).toBe(completed.length === 0 ? 0 : Math.max(...completed) / MINUTE);
        took.forEach((x, i) => {
          expect(x === null).toBe(offsets[i] === null);
          if (x !== null) expect(x).toBeGreaterThanOrEqual(0);
        });
      }),
    );
    expect(stepDurations(0, [12 * MINUTE, 40 * MINUTE, 25 * MINUTE, null])).toEqual([12, 15, 13, null]);
  });

  it('makes a plan overdue strictly after its frequency has passed since its last drill, or its creation', () => {
    const day = 86_400_000;
    expect(nextDrillDue(null, 0, 180)).toBe(180 * day);
    expect(isDrillOverdue(null, 0, 180, 180 * day)).toBe(false);
    expect(isDrillOverdue(null, 0, 180, 180 * day + 1)).toBe(true);
    expect(isDrillOverdue(100 * day, 0, 180, 200 * day)).toBe(false);
    expect(isDrillOverdue(100 * day, 0, 180, 281 * day)).toBe(true);
  });
});
