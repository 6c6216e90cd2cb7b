/**
 * Population stability: PSI of a score and CSI of a variable between a baseline (expected, usually the
 * development sample) and a recent (actual) sample. Both are Σ (a − e)·ln(a/e) over bins, where a and e
 * are the shares of the actual and expected samples in the bin — a symmetrised Kullback–Leibler
 * divergence (Yurdakul, *Statistical Properties of Population Stability Index*, PhD dissertation,
 * Western Michigan University, 2018).
 */
import type { Text } from '../../../kernel/i18n.js';
import { type Band, bandOf, checkEdges, describeBands, quantileEdges } from './bands.js';
import { type Numbers, ValidationInputError } from './input.js';

/**
 * The share that stands in for an empty bin: ln(a/e) is infinite when a bin is empty in one sample, so
 * a share of exactly 0 is replaced by 0.0001 (0.01 %), the value common in practice; other shares are
 * left as they are (no renormalisation). The table reports the true shares.
 */
export const EMPTY_BIN_SHARE = 0.0001;

/** `stable` below 0.1, `watch` from 0.1 to 0.25, `shift` above 0.25. */
export type StabilityVerdict = 'stable' | 'watch' | 'shift';

const LABELS: Record<StabilityVerdict, Text> = {
  stable: { en: 'Stable: no significant change', zh: '稳定：无显著变化' },
  watch: { en: 'Minor shift: monitor closely', zh: '轻微偏移：需密切关注' },
  shift: { en: 'Significant shift: review the model', zh: '显著偏移：需复核模型' },
};

/**
 * The industry rule of thumb for PSI and CSI (Siddiqi, *Credit Risk Scorecards*, Wiley 2006; the
 * thresholds' behaviour under sampling is studied by Yurdakul 2018): below 0.1 the population is
 * stable, 0.1 to 0.25 is a minor shift worth watching, above 0.25 a significant shift. 0.1 and 0.25
 * themselves count as `watch`.
 */
export function stabilityVerdict(index: number): { verdict: StabilityVerdict; label: Text } {
  const verdict: StabilityVerdict = index < 0.1 ? 'stable' : index <= 0.25 ? 'watch' : 'shift';
  return { verdict, label: LABELS[verdict] };
}

/** One bin of a stability table. */
export interface StabilityRow {
  /** Bin index, 0-based. */
  readonly bin: number;
  readonly expectedCount: number;
  readonly actualCount: number;
  /** True shares (before the empty-bin substitute). */
  readonly expectedShare: number;
  readonly actualShare: number;
  /** (a − e)·ln(a/e) with EMPTY_BIN_SHARE for an empty bin; never negative. */
  readonly contribution: number;
}

/** A stability index with its verdict and per-bin table. */
export interface StabilityResult<Row extends StabilityRow = StabilityRow> {
  readonly index: number;
  readonly verdict: StabilityVerdict;
  readonly label: Text;
  readonly rows: readonly Row[];
}

/** A PSI bin carries its score range. */
export type PsiRow = StabilityRow & Band;

/**
 * The stability index of two distributions given as counts per bin (the same bins, in the same order):
 * what PSI and CSI reduce to once the samples are binned, and what drift monitoring computes from the
 * bin counts a scorecard recorded at training. Both totals must be positive.
 */
export function stabilityFromCounts(expected: ArrayLike<number>, actual: ArrayLike<number>): StabilityResult {
  if (expected.length !== actual.length || expected.length === 0) {
    throw new ValidationInputError({
      en: `the two distributions need the same, non-zero number of bins (${expected.length} and ${actual.length})`,
      zh: `两个分布的分箱数必须相同且非零（${expected.length} 与 ${actual.length}）`,
    });
  }
  return stabilityTable(Float64Array.from(expected), Float64Array.from(actual));
}

function stabilityTable(expected: Float64Array, actual: Float64Array): StabilityResult {
  const totalExpected = expected.reduce((s, c) => s + c, 0);
  const totalActual = actual.reduce((s, c) => s + c, 0);
  if (!(totalExpected > 0)) requireNonEmpty([], EXPECTED);
  if (!(totalActual > 0)) requireNonEmpty([], ACTUAL);
  const rows: StabilityRow[] = [];
  let index = 0;
  for (let bin = 0; bin < expected.length; bin++) {
    const expectedShare = expected[bin]! / totalExpected;
    const actualShare = actual[bin]! / totalActual;
    const e = expectedShare > 0 ? expectedShare : EMPTY_BIN_SHARE;
    const a = actualShare > 0 ? actualShare : EMPTY_BIN_SHARE;
    const contribution = (a - e) * Math.log(a / e);
    index += contribution;
    rows.push({
      bin,
      expectedCount: expected[bin]!,
      actualCount: actual[bin]!,
      expectedShare,
      actualShare,
      contribution,
    });
  }
  return { index, ...stabilityVerdict(index), rows };
}

function requireNonEmpty(values: ArrayLike<unknown>, which: Text): void {
  if (values.length === 0) {
    throw new ValidationInputError({ en: `the ${which.en} sample is empty`, zh: `${which.zh}样本为空` });
  }
}

const EXPECTED: Text = { en: 'expected (baseline)', zh: '基准' };
const ACTUAL: Text = { en: 'actual', zh: '实际' };

/**
 * The population stability index of a score between `expected` (baseline) and `actual` samples, over
 * bands cut at `edges` (finite, strictly increasing, closed on the left as in bands.ts) or, by default,
 * at the baseline's deciles (`bins` parts, 10 by default), so each baseline bin holds about 10 %. A
 * NaN value is refused. No direction is needed: PSI compares distributions, not rankings.
 */
export function psi(
  expected: Numbers,
  actual: Numbers,
  options: { readonly edges?: Numbers; readonly bins?: number } = {},
): StabilityResult<PsiRow> {
  requireNonEmpty(expected, EXPECTED);
  requireNonEmpty(actual, ACTUAL);
  for (const [values, which] of [
    [expected, EXPECTED],
    [actual, ACTUAL],
  ] as const) {
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(values[i])) {
        throw new ValidationInputError({
          en: `value ${i} of the ${which.en} sample is NaN`,
          zh: `${which.zh}样本第 ${i} 个值为 NaN`,
        });
      }
    }
  }
  const edges = options.edges ? checkEdges(options.edges) : quantileEdges(expected, options.bins ?? 10);
  const count = (values: Numbers): Float64Array => {
    const counts = new Float64Array(edges.length + 1);
    for (let i = 0; i < values.length; i++) {
      const band = bandOf(edges, values[i]!);
      counts[band] = counts[band]! + 1;
    }
    return counts;
  };
  const table = stabilityTable(count(expected), count(actual));
  const bands = describeBands(edges);
  return { ...table, rows: table.rows.map((row, i) => ({ ...row, ...bands[i]! })) };
}

/**
 * The characteristic stability index of one variable: PSI over the variable's own bins. The caller
 * passes each applicant's bin index under the card's binning (0 … binCount − 1, missing and special
 * values having their own bins), for the baseline and the actual sample.
 */
export function csi(expectedBins: Int32Array, actualBins: Int32Array, binCount: number): StabilityResult {
  if (!Number.isInteger(binCount) || binCount < 1) {
    throw new ValidationInputError({
      en: `binCount must be a positive integer, not ${binCount}`,
      zh: `分箱数必须为正整数，而不是 ${binCount}`,
    });
  }
  requireNonEmpty(expectedBins, EXPECTED);
  requireNonEmpty(actualBins, ACTUAL);
  const count = (bins: Int32Array, which: Text): Float64Array => {
    const counts = new Float64Array(binCount);
    for (let i = 0; i < bins.length; i++) {
      const bin = bins[i]!;
      if (bin < 0 || bin >= binCount) {
        throw new ValidationInputError({
          en: `bin index ${i} of the ${which.en} sample is ${bin}, outside 0…${binCount - 1}`,
          zh: `${which.zh}样本第 ${i} 个分箱编号为 ${bin}，超出 0…${binCount - 1}`,
        });
      }
      counts[bin] = counts[bin]! + 1;
    }
    return counts;
  };
  return stabilityTable(count(expectedBins, EXPECTED), count(actualBins, ACTUAL));
}
