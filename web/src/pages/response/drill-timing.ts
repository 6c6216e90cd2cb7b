/**
 * A drill's clock, step by step: how long into the drill each step was completed against how long
 * the plan expected by then, which step is being worked and for how long, and how the whole drill
 * compares with the plan's recovery time objective (RTO). The minutes each step took come from the
 * server (`took_minutes`); this adds the running figures a person watching the drill needs.
 */
import type { Drill, DrillStep } from './types.js';

const MINUTE_MS = 60_000;

/** One drill step with its running figures. */
export interface StepTiming extends DrillStep {
  /** Minutes from the drill's start to this step's completion; null while not completed. */
  readonly elapsedMinutes: number | null;
  /** Minutes from the start by which the plan expected this step done. */
  readonly expectedElapsedMinutes: number;
  /** Completed later into the drill than the plan expected. */
  readonly behindPlan: boolean;
  /** This step is the one being worked now. */
  readonly current: boolean;
  /** Minutes spent on the current step so far (since the last completion); null for other steps. */
  readonly runningMinutes: number | null;
}

/** A drill's timing at `nowMs`. */
export interface DrillTiming {
  readonly steps: readonly StepTiming[];
  readonly completed: number;
  /** Minutes since the start (finished drills: the whole run). */
  readonly elapsedMinutes: number;
  /** The plan's expected minutes for every step. */
  readonly expectedMinutes: number;
  /** The elapsed time is beyond the RTO. */
  readonly overRto: boolean;
}

/** The timing of `drill` at `nowMs`; steps in order. */
export function drillTiming(drill: Drill, nowMs: number): DrillTiming {
  const started = Date.parse(drill.started_at);
  const sorted = [...drill.steps].sort((a, b) => a.seq - b.seq);
  const completions = sorted
    .map((s) => (s.completed_at === null ? Number.NaN : Date.parse(s.completed_at)))
    .filter((ms) => !Number.isNaN(ms));
  const lastCompletion = completions.length > 0 ? Math.max(...completions) : started;
  const currentSeq =
    drill.status === 'in_progress' ? sorted.find((s) => s.completed_at === null)?.seq : undefined;
  let expected = 0;
  const steps = sorted.map((s): StepTiming => {
    expected += s.expected_minutes;
    const elapsed = s.completed_at === null ? null : (Date.parse(s.completed_at) - started) / MINUTE_MS;
    const current = s.seq === currentSeq;
    return {
      ...s,
      elapsedMinutes: elapsed,
      expectedElapsedMinutes: expected,
      behindPlan: elapsed !== null && elapsed > expected,
      current,
      runningMinutes: current ? Math.max(0, nowMs - lastCompletion) / MINUTE_MS : null,
    };
  });
  const end = drill.finished_at === null ? nowMs : Date.parse(drill.finished_at);
  const elapsedMinutes =
    drill.status === 'finished' && drill.total_minutes !== null
      ? drill.total_minutes
      : Math.max(0, end - started) / MINUTE_MS;
  return {
    steps,
    completed: completions.length,
    elapsedMinutes,
    expectedMinutes: expected,
    overRto: elapsedMinutes > drill.rto_minutes,
  };
}

/** Minutes split for display: days, hours and minutes (rounded to the minute). */
export function splitMinutes(minutes: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.round(minutes));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}
