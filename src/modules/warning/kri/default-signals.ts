/**
 * The signal port over the warning module's own detectors (`../detectors`) and static bands with
 * hysteresis (`../thresholds`, an absolute margin in the KRI's unit). A detector's configuration is its method plus the method's options (the
 * names `fengkong warning detect` takes); its state is the detector's own `toJSON()`, resumed with
 * `restoreDetector` at the next evaluation. An unreadable stored state starts the detector afresh
 * rather than failing the evaluation.
 */
import type { JsonValue } from '../../../kernel/canonical-json.js';
import {
  createDetector,
  type Detector,
  type DetectorConfig,
  type DetectorState,
  detectorConfigProblems,
  restoreDetector,
  toDetectorOutcome,
} from '../detectors/index.js';
import { bandOf } from '../thresholds/index.js';
import type { DetectorSpec, SignalPort } from './signals.js';

function configOf(spec: DetectorSpec): DetectorConfig {
  return { ...spec.params, method: spec.method } as DetectorConfig;
}

function resume(spec: DetectorSpec, state: JsonValue | null): Detector {
  if (state !== null) {
    try {
      const detector = restoreDetector(state as unknown as DetectorState);
      if (detector.method === spec.method) return detector;
    } catch {
      // A damaged or foreign state: the detector starts again from its warm-up.
    }
  }
  return createDetector(configOf(spec));
}

/** The signal port of this installation. */
export function defaultSignals(): SignalPort {
  return {
    evaluateBands: (value, t, previous) =>
      bandOf(
        value,
        {
          direction: t.direction,
          amber: t.amber,
          red: t.red,
          hysteresis: { kind: 'absolute', value: t.hysteresis },
        },
        previous,
      ),
    detectorProblems: (spec) => detectorConfigProblems(configOf(spec)),
    runDetector(spec, state, value) {
      const detector = resume(spec, state);
      const point = detector.push(value);
      return {
        outcome: toDetectorOutcome(detector.method, point),
        state: JSON.parse(JSON.stringify(detector.toJSON())) as JsonValue,
      };
    },
  };
}
