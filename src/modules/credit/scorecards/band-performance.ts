/**
 * Bad rates by score band of a card's booked applications (reference text 五.1: the evaluation is
 * checked against how borrowers actually repay). An application scored in the window and booked as a
 * loan is bad once that loan has reached `badDpd` days past due (default 30, "M1+ ever") or been
 * written off, by the latest month end; bands are the card's training deciles, so each band's bad
 * rate can be read against the bad rate training saw there.
 */
import type { Executor } from '../../../store/transaction.js';
import { loanMonths } from '../loans/index.js';

/** One score band's performance. */
export interface BandPerformance {
  /** Lower bound of the band (null: −∞). */
  readonly from: number | null;
  /** Upper bound, exclusive (null: +∞). */
  readonly to: number | null;
  readonly applications: number;
  readonly booked: number;
  readonly bad: number;
  /** bad / booked; null when nothing was booked. */
  readonly bad_rate: number | null;
}

/** Performance by band of the applications scored by decisions of `source` in [from, to), as of `now`. */
export async function bandPerformance(
  db: Executor,
  source: string,
  edges: readonly number[],
  from: string,
  to: string,
  now: number,
  badDpd = 30,
): Promise<BandPerformance[]> {
  const apps = await db
    .selectFrom('loan_application')
    .innerJoin('decision_model_score', 'decision_model_score.decision_id', 'loan_application.decision_id')
    .select(['decision_model_score.score as score', 'loan_application.loan_id as loan_id'])
    .where('decision_model_score.source', '=', source)
    .where('decision_model_score.occurred_at', '>=', from)
    .where('decision_model_score.occurred_at', '<', to)
    .execute();
  const bad = new Set<string>();
  if (apps.some((a) => a.loan_id !== null)) {
    for (const row of await loanMonths(db, { now })) {
      if (row.dpd >= badDpd || row.writtenOff) bad.add(row.loanId);
    }
  }
  const bands = Array.from({ length: edges.length + 1 }, (_, i) => ({
    from: i === 0 ? null : (edges[i - 1] as number),
    to: i === edges.length ? null : (edges[i] as number),
    applications: 0,
    booked: 0,
    bad: 0,
  }));
  for (const a of apps) {
    let b = 0;
    while (b < edges.length && a.score >= (edges[b] as number)) b++;
    const band = bands[b] as (typeof bands)[number];
    band.applications++;
    if (a.loan_id !== null) {
      band.booked++;
      if (bad.has(a.loan_id)) band.bad++;
    }
  }
  return bands.map((b) => ({ ...b, bad_rate: b.booked === 0 ? null : b.bad / b.booked }));
}
