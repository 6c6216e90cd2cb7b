/**
 * Lift and gains by decile, riskiest first, and bad rates by score band: the tables a credit policy
 * team reads to choose a cut-off ("rejecting the worst 10 % removes 35 % of the bads").
 */
import { type Band, bandOf, checkEdges, describeBands } from './bands.js';
import { checkSample, type Numbers, type Outcomes, type RankOptions, requireBothClasses } from './input.js';
import { equalCountParts, partTotals, type ScoreGroups, scoreGroups } from './score-groups.js';

/** One decile of the lift table; row 1 is the riskiest. */
export interface LiftRow {
  /** 1 for the riskiest part, counting up. */
  readonly rank: number;
  readonly scoreMin: number;
  readonly scoreMax: number;
  readonly count: number;
  readonly bads: number;
  /** bads / count. */
  readonly badRate: number;
  /** Share of all applicants in this row and the riskier rows. */
  readonly cumShare: number;
  /** Share of all bads captured by this row and the riskier rows (the gains, or capture rate). */
  readonly gains: number;
  /** badRate / overall bad rate: how many times more bads this row holds than a random pick. */
  readonly lift: number;
  /** Bad rate of this row and the riskier rows / overall bad rate (= gains / cumShare). */
  readonly cumLift: number;
}

/** The lift table with the overall bad rate it is measured against. */
export interface LiftResult {
  readonly overallBadRate: number;
  readonly rows: readonly LiftRow[];
}

/**
 * Lift and gains from grouped scores, in `parts` rows of nearly equal size, ties kept together (the
 * definitions of Řezáč & Řezáč, Czech J. Econ. Finance 61(5), 2011, §3.3: lift is the bad rate among
 * the riskiest applicants over the overall bad rate).
 */
export function liftFromGroups(groups: ScoreGroups, parts = 10): LiftResult {
  requireBothClasses(groups.totalBads, groups.totalGoods);
  const overallBadRate = groups.totalBads / groups.count;
  const bounds = equalCountParts(groups, parts);
  const rows: LiftRow[] = [];
  let cumCount = 0;
  let cumBads = 0;
  for (let p = 0; p + 1 < bounds.length; p++) {
    const { scoreMin, scoreMax, count, bads } = partTotals(groups, bounds[p]!, bounds[p + 1]!);
    cumCount += count;
    cumBads += bads;
    const badRate = bads / count;
    rows.push({
      rank: p + 1,
      scoreMin,
      scoreMax,
      count,
      bads,
      badRate,
      cumShare: cumCount / groups.count,
      gains: cumBads / groups.totalBads,
      lift: badRate / overallBadRate,
      cumLift: cumBads / cumCount / overallBadRate,
    });
  }
  return { overallBadRate, rows };
}

/**
 * Lift and gains of `scores` against outcomes `y` (1 = bad) by `groups` parts (default 10), riskiest
 * first. `higherIs` says which end of the score is good: `'good'` for scorecard points, `'bad'` for a
 * probability of bad. Throws a ValidationInputError when the sample lacks bads or goods.
 */
export function lift(
  scores: Numbers,
  y: Outcomes,
  options: RankOptions & { readonly groups?: number },
): LiftResult {
  return liftFromGroups(scoreGroups(scores, y, options), options.groups ?? 10);
}

/** One score band's counts, lowest scores first. */
export interface ScoreBandRow extends Band {
  readonly count: number;
  /** count / all applicants. */
  readonly share: number;
  readonly bads: number;
  /** bads / count, or null for an empty band. */
  readonly badRate: number | null;
}

/**
 * Counts and bad rates by score band, bands cut at `edges` (finite, strictly increasing) and closed on
 * the left: a score equal to an edge belongs to the band above it (see bands.ts). Every band appears,
 * empty ones with a null bad rate, so that reports over time line up. No direction is needed: rows
 * follow the score's own order.
 */
export function scoreBands(scores: Numbers, y: Outcomes, edges: Numbers): ScoreBandRow[] {
  checkSample(scores, y);
  const cuts = checkEdges(edges);
  const counts = new Float64Array(cuts.length + 1);
  const bads = new Float64Array(cuts.length + 1);
  for (let i = 0; i < y.length; i++) {
    const band = bandOf(cuts, scores[i]!);
    counts[band] = counts[band]! + 1;
    bads[band] = bads[band]! + y[i]!;
  }
  return describeBands(cuts).map((band, i) => {
    const count = counts[i]!;
    return {
      ...band,
      count,
      share: count / y.length,
      bads: bads[i]!,
      badRate: count > 0 ? bads[i]! / count : null,
    };
  });
}
