/** How KRIs and their evaluations read in the API, the CLI and the alert hook. */
import type { Actor } from '../../audit/index.js';
import type { Band, DetectorOutcome, KriEvaluation } from '../kri-evaluation.js';
import type { KriDefinition, KriThresholds } from './definition.js';
import { PERIOD_MS } from './periods.js';
import type { KriEvaluationTable } from './tables.js';

/** The latest evaluation of a KRI, in short. */
export interface LatestView {
  readonly period_start: string;
  readonly value: number | null;
  readonly band: Band;
  readonly signals: readonly string[];
}

/** A KRI as listed. */
export type KriView = KriDefinition & {
  /** Length of a period in ms; null for monthly (calendar months). */
  readonly period_ms: number | null;
  readonly latest: LatestView | null;
};

/** A stored evaluation as the API returns it: the shared `KriEvaluation` plus what the chart draws. */
export type EvaluationView = KriEvaluation & {
  readonly direction: KriDefinition['direction'];
  readonly thresholds: KriThresholds | null;
  /** The methods whose detector signalled. */
  readonly signals: readonly string[];
  readonly evaluated_by: Actor;
};

/** The methods that signalled in an evaluation's outcomes. */
export function signalsOf(outcomes: readonly DetectorOutcome[]): string[] {
  return outcomes.filter((o) => o.signal).map((o) => o.method);
}

/** The view of a stored evaluation of `kri`. */
export function toEvaluationView(kri: KriDefinition, row: KriEvaluationTable): EvaluationView {
  const detectors = JSON.parse(row.detectors) as DetectorOutcome[];
  return {
    kri_id: kri.id,
    name: kri.name,
    risk_type: kri.risk_type,
    owner: kri.owner,
    subject: kri.subject,
    period_start: row.period_start,
    period_end: row.period_end,
    value: row.value,
    unit: kri.unit,
    band: row.band as Band,
    previous_band: row.previous_band as Band | null,
    detectors,
    evaluated_at: row.evaluated_at,
    direction: kri.direction,
    thresholds: row.thresholds === null ? null : (JSON.parse(row.thresholds) as KriThresholds),
    signals: signalsOf(detectors),
    evaluated_by: { type: row.evaluated_by_type as Actor['type'], id: row.evaluated_by_id },
  };
}

/** The shared `KriEvaluation` of a view (what the alert hook receives), without the extra fields. */
export function toKriEvaluation(view: EvaluationView): KriEvaluation {
  const { direction: _d, thresholds: _t, signals: _s, evaluated_by: _e, ...evaluation } = view;
  return evaluation;
}

/** The view of a KRI with its latest evaluation. */
export function toKriView(kri: KriDefinition, latest: KriEvaluationTable | undefined): KriView {
  return {
    ...kri,
    period_ms: PERIOD_MS[kri.frequency],
    latest: latest
      ? {
          period_start: latest.period_start,
          value: latest.value,
          band: latest.band as Band,
          signals: signalsOf(JSON.parse(latest.detectors) as DetectorOutcome[]),
        }
      : null,
  };
}
