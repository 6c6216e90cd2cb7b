import { describe, expect, it } from 'vitest';
import { drillTiming, splitMinutes } from './drill-timing.js';
import type { Drill, DrillStep } from './types.js';

const START = Date.parse('2025-03-01T10:00:00Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
const step = (
  seq: number,
  expected: number,
  doneAt: number | null,
  took: number | null = null,
): DrillStep => ({
  seq,
  title: { en: `s${seq}`, zh: `步${seq}` },
  expected_minutes: expected,
  completed_at: doneAt === null ? null : at(doneAt),
  completed_by: null,
  note: null,
  took_minutes: took,
  over_expected: took === null ? null : took > expected,
});
const drill = (steps: DrillStep[], extra: Partial<Drill> = {}): Drill => ({
  id: 'd',
  plan_id: 'p',
  plan_version: 1,
  status: 'in_progress',
  started_at: at(0),
  started_by: { type: 'system', id: 'system' },
  finished_at: null,
  outcome: null,
  gaps: [],
  note: '',
  total_minutes: null,
  rto_minutes: 60,
  within_rto: null,
  steps,
  ...extra,
});

describe('drillTiming', () => {
  it('gives each completed step its time since the start against the plan, and runs the current one', () => {
    const timing = drillTiming(
      drill([step(1, 10, 8, 8), step(2, 10, 25, 17), step(3, 30, null)]),
      START + 40 * 60_000,
    );
    expect(timing.steps.map((s) => [s.elapsedMinutes, s.expectedElapsedMinutes, s.behindPlan])).toEqual([
      [8, 10, false],
      [25, 20, true],
      [null, 50, false],
    ]);
    expect(timing.steps.map((s) => s.current)).toEqual([false, false, true]);
    expect(timing.steps[2]?.runningMinutes).toBe(15);
    expect(timing).toMatchObject({ completed: 2, elapsedMinutes: 40, expectedMinutes: 50, overRto: false });
  });

  it('uses the recorded total of a finished drill and compares it with the RTO', () => {
    const timing = drillTiming(
      drill([step(1, 10, 70, 70)], { status: 'finished', finished_at: at(71), total_minutes: 71 }),
      START + 500 * 60_000,
    );
    expect(timing).toMatchObject({ elapsedMinutes: 71, overRto: true });
    expect(timing.steps[0]?.current).toBe(false);
  });
});

describe('splitMinutes', () => {
  it('splits into days, hours and minutes, rounded', () => {
    expect(splitMinutes(2880 + 125.4)).toEqual({ days: 2, hours: 2, minutes: 5 });
    expect(splitMinutes(-3)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });
});
