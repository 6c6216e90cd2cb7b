/**
 * The ports through which an evaluation applies thresholds and detectors. The static bands and the
 * four adaptive detectors are built in `../thresholds` and `../detectors`; a KRI only needs to ask
 * "which band is this value in, given the last band" and "what does this detector say about the next
 * value, resuming from its stored state", so those two questions are all the evaluation depends on.
 */
import type { JsonValue } from '../../../kernel/canonical-json.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Band, DetectorOutcome } from '../kri-evaluation.js';

/** Which way a KRI gets worse. */
export type Direction = 'higher_is_worse' | 'lower_is_worse';

/**
 * Static thresholds with a hysteresis margin (in the KRI's unit): a band is entered when the value
 * reaches its line and left only once the value is back past the line by more than the margin.
 */
export interface BandThresholds {
  readonly direction: Direction;
  /** The amber line; equal to the red line for no amber band. */
  readonly amber: number;
  readonly red: number;
  readonly hysteresis: number;
}

/** One detector of a KRI: its method and that method's parameters. */
export interface DetectorSpec {
  readonly method: string;
  readonly params: Readonly<Record<string, number | boolean | string>>;
}

/** What a detector said about one value, and its state afterwards (JSON, stored with the evaluation). */
export interface DetectorStep {
  /** null while the detector is still warming up (no statistic yet). */
  readonly outcome: DetectorOutcome | null;
  readonly state: JsonValue;
}

/** Bands and detectors, as an evaluation uses them. */
export interface SignalPort {
  /** The band of `value`, given the band of the previous evaluation (null for the first). */
  evaluateBands(value: number, thresholds: BandThresholds, previous: Band | null): Band;
  /** What is wrong with a detector's configuration (empty when it is valid). */
  detectorProblems(spec: DetectorSpec): Text[];
  /** Feeds `value` to the detector resumed from `state` (a fresh one when null or unreadable). */
  runDetector(spec: DetectorSpec, state: JsonValue | null, value: number): DetectorStep;
}
