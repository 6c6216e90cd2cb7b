/**
 * The validation report of a card on a labelled sample (`fengkong scorecard report`): the ranking,
 * separation, calibration and band figures of `validation/report.ts` on the card's scores, and when a
 * baseline (development) sample is given, the PSI of the score and the CSI of every variable.
 */
import type { ScorecardDocument } from '../../engine/index.js';
import { type ValidationReport, validationReport } from '../validation/report.js';
import { csi } from '../validation/stability.js';
import type { BatchScores } from './score-batch.js';

/** The CSI of one variable between the baseline and the sample. */
export interface VariableStability {
  readonly variable: string;
  readonly index: number;
  readonly verdict: string;
  readonly label: { en: string; zh: string };
}

/** What `scorecard report` prints. */
export interface ScorecardReport {
  readonly card: { readonly name: string; readonly checksum: string };
  readonly validation: ValidationReport;
  readonly csi: readonly VariableStability[];
}

/** The number of bin indexes a variable can take: bins, missing, specials and (categorical) else. */
function binCount(v: ScorecardDocument['variables'][number]): number {
  return v.bins.length + 1 + v.special.length + (v.type === 'categorical' ? 1 : 0);
}

/** Builds the report; `scored` and `baseline` come from `scoreBatch` with `bins: true`. */
export function scorecardReport(
  card: ScorecardDocument,
  scored: BatchScores,
  y: Uint8Array,
  baseline?: BatchScores,
): ScorecardReport {
  const validation = validationReport({
    scores: scored.scores,
    probabilities: scored.probabilities,
    y,
    higherIs: 'good',
    ...(baseline ? { baseline: baseline.scores } : {}),
  });
  const stability = baseline
    ? card.variables.map((v, i) => {
        const r = csi(baseline.bins[i] as Int32Array, scored.bins[i] as Int32Array, binCount(v));
        return { variable: v.name, index: r.index, verdict: r.verdict, label: r.label };
      })
    : [];
  return { card: { name: card.name, checksum: card.checksum }, validation, csi: stability };
}
