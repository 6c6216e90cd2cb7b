/**
 * The figures the KRI module reads from cases and plans.
 *
 * Fraud-confirmed rate: of the cases resolved (with a disposition) in `[start, end)`, the share
 * resolved as `confirmed_fraud`; null when none was resolved, so an empty period is "no data", not
 * a rate of zero. A case reopened and resolved again counts once, at its latest resolution; a
 * resolved case that is later closed keeps its disposition and still counts.
 *
 * Overdue drills: how many plans existing at `at` are past their drill due time there — their
 * drill frequency after the start of their last finished drill that began no later than `at`, or
 * after their creation while they have never been drilled (see `plan-timing.ts`). The frequency is
 * that of the plan's current version.
 */
import { resolvedCounts } from './case-repo.js';
import { lastDrills, plansWithCurrent } from './plan-repo.js';
import { isDrillOverdue } from './plan-timing.js';
import type { CaseFigures, CasesDeps } from './ports.js';

function iso(value: string, name: string): string {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new RangeError(`${name} must be an ISO-8601 time, got ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/** The figures over `deps.db`. Throws a RangeError for a time that is not one. */
export function caseFigures(deps: Pick<CasesDeps, 'db'>): CaseFigures {
  return {
    async fraudConfirmedRate(start: string, end: string): Promise<number | null> {
      const { resolved, confirmed } = await resolvedCounts(deps.db, iso(start, 'start'), iso(end, 'end'));
      return resolved === 0 ? null : confirmed / resolved;
    },

    async overdueDrills(at: string): Promise<number> {
      const when = iso(at, 'at');
      const atMs = Date.parse(when);
      const [plans, last] = await Promise.all([plansWithCurrent(deps.db), lastDrills(deps.db, when)]);
      let overdue = 0;
      for (const plan of plans) {
        if (plan.created_at > when) continue;
        const lastDrill = last.get(plan.id);
        const lastMs = lastDrill === undefined ? null : Date.parse(lastDrill);
        if (isDrillOverdue(lastMs, Date.parse(plan.created_at), plan.content.drill_frequency_days, atMs))
          overdue++;
      }
      return overdue;
    },
  };
}
