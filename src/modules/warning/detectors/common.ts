/**
 * What every detector shares: the per-point result, the streaming interface, parameter problems in
 * both languages, and the mapping onto the `DetectorOutcome` that a KRI evaluation stores.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { DetectorOutcome } from '../kri-evaluation.js';

/** The four detector methods, by the names the CLI and the KRI configuration use. */
export const DETECTOR_METHODS = ['zscore', 'ewma', 'cusum', 'page-hinkley'] as const;

/** One of {@link DETECTOR_METHODS}. */
export type DetectorMethod = (typeof DETECTOR_METHODS)[number];

/** Which way a signal points: the series moved up or down. */
export type SignalDirection = 'up' | 'down';

/**
 * What a detector concluded at one point of a series. `statistic` is the method's main statistic
 * (z, the EWMA value, max(C⁺, C⁻), max(PH⁺, PH⁻)); it is null while the detector is still warming
 * up or calibrating, and then `signal` is false. Each method adds its own fields.
 */
export interface DetectorPoint {
  /** 0-based position since the detector started (it keeps counting across saved states). */
  readonly index: number;
  readonly value: number;
  readonly statistic: number | null;
  readonly signal: boolean;
  /** Which way the signal points; null when there is no signal. */
  readonly direction: SignalDirection | null;
}

/**
 * A detector fed one point at a time. `toJSON()` returns a plain, JSON-safe state (the resolved
 * parameters included) from which the method's `fromState` rebuilds an equal detector, so a KRI's
 * detector can resume between evaluations.
 */
export interface StreamingDetector<P extends DetectorPoint, S> {
  readonly method: DetectorMethod;
  push(x: number): P;
  toJSON(): S;
}

/** A parameter problem in both languages. */
export function problem(en: string, zh: string): Text {
  return { en, zh };
}

/** Throws a RangeError naming every problem (English / Chinese) when there are any. */
export function throwIfProblems(problems: readonly Text[]): void {
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.en} / ${p.zh}`).join('; '));
}

/** The value to feed a detector: finite, and +0 for −0 so a state survives JSON exactly. */
export function observation(x: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(
      `a detector needs a finite number, not ${String(x)} / 检测器需要有限数值，而不是 ${String(x)}`,
    );
  }
  return x + 0;
}

/** Checks that an optional parameter is a finite number inside (min, max] or [min, max]. */
export function checkNumber(
  problems: Text[],
  name: string,
  value: number | undefined,
  range: {
    readonly min: number;
    readonly minOpen?: boolean;
    readonly max?: number;
    readonly integer?: boolean;
  },
): void {
  if (value === undefined) return;
  const max = range.max ?? Number.POSITIVE_INFINITY;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (range.minOpen ? value > range.min : value >= range.min) &&
    value <= max &&
    (!range.integer || Number.isInteger(value));
  if (ok) return;
  const what = `${range.integer ? 'an integer' : 'a number'} ${range.minOpen ? '>' : '≥'} ${range.min}${Number.isFinite(max) ? ` and ≤ ${max}` : ''}`;
  const zh = `${range.minOpen ? '大于' : '不小于'} ${range.min}${Number.isFinite(max) ? ` 且不大于 ${max}` : ''} 的${range.integer ? '整数' : '数'}`;
  problems.push(
    problem(`${name} must be ${what}, not ${String(value)}`, `${name} 必须是${zh}，而不是 ${String(value)}`),
  );
}

/** The point as the `DetectorOutcome` a KRI evaluation stores; null while the detector warms up. */
export function toDetectorOutcome(method: DetectorMethod, point: DetectorPoint): DetectorOutcome | null {
  if (point.statistic === null) return null;
  return {
    method,
    statistic: point.statistic,
    signal: point.signal,
    ...(point.direction === null ? {} : { direction: point.direction }),
  };
}
