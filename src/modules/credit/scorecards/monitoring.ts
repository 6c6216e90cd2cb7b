/**
 * Drift monitoring of a published scorecard (reference text 五.1: the credit evaluation is re-examined
 * periodically). Every decision stores the score its card gave and the bin each variable fell in; here
 * those are counted per time window and compared with the distribution the card saw at training: the
 * population stability index of the score and the characteristic stability index of each variable,
 * with the usual 0.1 / 0.25 verdicts. A card drifting out of its development population shows here
 * before its bad rates do (the early-warning module turns the verdicts into alerts).
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Executor } from '../../../store/transaction.js';
import type { ScorecardDocument } from '../../engine/index.js';
import { stabilityFromCounts } from '../validation/stability.js';
import * as repo from './repo.js';

/** The training distribution of the score that `fengkong scorecard train` records in a card. */
export interface ScoreDistribution {
  /** Interior cut points, ascending; bin i is [edges[i−1], edges[i]). */
  readonly edges: readonly number[];
  /** Training rows per bin (edges.length + 1 of them). */
  readonly counts: readonly number[];
}

/** A stability figure with its verdict. */
export interface Stability {
  readonly index: number;
  readonly verdict: string;
  readonly label: Text;
}

/** One window of the monitoring report. */
export interface MonitoringWindow {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Fewer scores than {@link MIN_STABILITY_SAMPLE}: the PSI and CSI of the window are mostly noise. */
  readonly small_sample: boolean;
  readonly mean_score: number | null;
  /** PSI of the score against training; null without scores or without a training distribution. */
  readonly psi: Stability | null;
  /** CSI of each variable against its training bin counts (null where the card has no counts). */
  readonly csi: { readonly variable: string; readonly stability: Stability | null }[];
}

/**
 * Scores a window needs before its PSI is read as drift. With ten score bands, a hundred scores
 * leave about ten expected in each; below that a single applicant moves the index by more than the
 * 0.1 "watch" threshold (the usual guidance is a few hundred; see Yurdakul, "Statistical properties
 * of population stability index", 2018).
 */
export const MIN_STABILITY_SAMPLE = 100;

/** The window lengths the report can cut a period into. */
export const INTERVALS = { day: 86_400_000, week: 7 * 86_400_000 } as const;

/** The score distribution training recorded in the card, when it is well formed. */
export function trainingDistribution(card: ScorecardDocument): ScoreDistribution | undefined {
  const d = (card.training as Record<string, unknown>)['score_distribution'] as ScoreDistribution | undefined;
  if (!d || !Array.isArray(d.edges) || !Array.isArray(d.counts)) return undefined;
  return d.counts.length === d.edges.length + 1 ? d : undefined;
}

/** Per variable, the training counts in the card's bin-index order (bins, missing, specials, else). */
function trainingBinCounts(card: ScorecardDocument): (number[] | undefined)[] {
  return card.variables.map((v) => {
    const counts = [...v.bins.map((b) => b.count), v.missing.count, ...v.special.map((s) => s.count)];
    if (counts.some((c) => c === undefined)) return undefined;
    const out = counts as number[];
    if (v.type === 'categorical' && v.else_points !== undefined) out.push(0);
    return out;
  });
}

function bandOf(edges: readonly number[], score: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (score >= (edges[mid] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function stability(expected: readonly number[], actual: readonly number[]): Stability | null {
  if (actual.every((c) => c === 0) || expected.every((c) => c === 0)) return null;
  const r = stabilityFromCounts(expected, actual);
  return { index: r.index, verdict: r.verdict, label: r.label };
}

/**
 * The monitoring report of `card` (registered as `source`) over [from, to), cut into windows of
 * `intervalMs` (one window when undefined). Only scores given by this exact card (its checksum) count.
 */
export async function monitorScorecard(
  db: Executor,
  source: string,
  card: ScorecardDocument,
  from: string,
  to: string,
  intervalMs: number | undefined,
): Promise<MonitoringWindow[]> {
  const rows = await repo.storedScores(db, source, card.checksum, from, to);
  const start = Date.parse(from);
  const end = Date.parse(to);
  const step = intervalMs ?? end - start;
  const distribution = trainingDistribution(card);
  const training = trainingBinCounts(card);
  const windows: MonitoringWindow[] = [];
  let r = 0;
  for (let t = start; t < end; t += step) {
    const stop = Math.min(t + step, end);
    const scoreCounts = distribution ? new Array<number>(distribution.counts.length).fill(0) : undefined;
    const binCounts = training.map((c) => (c ? new Array<number>(c.length).fill(0) : undefined));
    let count = 0;
    let sum = 0;
    for (; r < rows.length && Date.parse((rows[r] as { occurred_at: string }).occurred_at) < stop; r++) {
      const row = rows[r] as (typeof rows)[number];
      count++;
      sum += row.score;
      if (scoreCounts && distribution) {
        const band = bandOf(distribution.edges, row.score);
        scoreCounts[band] = (scoreCounts[band] as number) + 1;
      }
      const bins = JSON.parse(row.bins) as number[];
      bins.forEach((bin, v) => {
        const counts = binCounts[v];
        if (counts && bin < counts.length) counts[bin] = (counts[bin] as number) + 1;
      });
    }
    windows.push({
      from: new Date(t).toISOString(),
      to: new Date(stop).toISOString(),
      count,
      small_sample: count < MIN_STABILITY_SAMPLE,
      mean_score: count === 0 ? null : sum / count,
      psi: scoreCounts && distribution ? stability(distribution.counts, scoreCounts) : null,
      csi: card.variables.map((v, i) => {
        const expected = training[i];
        const actual = binCounts[i];
        return { variable: v.name, stability: expected && actual ? stability(expected, actual) : null };
      }),
    });
  }
  return windows;
}
