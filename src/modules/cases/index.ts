/**
 * Cases, incidents, emergency plans and drills: the public surface the composition root, the KRI
 * module and the demo loader use. `createCases` wires the services over the ports the module owns
 * (`DecisionLookup`, `AlertLookup`, `DecisionLabeler`, `ListChangeProposer`); `casesPlugin` serves
 * the routes; `figures` feeds the fraud-confirmed-rate and overdue-drill KRIs.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ActivationService } from './activation-service.js';
import { caseFigures } from './case-figures.js';
import { CaseService } from './case-service.js';
import { DrillService } from './drill-service.js';
import { IncidentService } from './incident-service.js';
import { PlanService } from './plan-service.js';
import type { CaseFigures, CasesDeps } from './ports.js';
import { type CasesRouteDeps, casesRoutes } from './routes.js';

export type { ActivationSource } from './activation-service.js';
export { ActivationService } from './activation-service.js';
export { caseFigures } from './case-figures.js';
export { mostUrgent, priorityOfSeverity } from './case-links.js';
export { LABEL_OF } from './case-resolve.js';
export type { CaseDetail, CaseSummary, Proposal } from './case-schemas.js';
export { CaseService, type NewCase } from './case-service.js';
export { tableDecisionLookup } from './decision-lookup.js';
export { loadCasesDemo } from './demo.js';
export { DrillService } from './drill-service.js';
export * from './errors.js';
export type { IncidentDetail, IncidentSummary } from './incident-schemas.js';
export { IncidentService } from './incident-service.js';
export type { Activation, Drill, PlanDetail, PlanSummary } from './plan-schemas.js';
export { PlanService } from './plan-service.js';
export {
  checklistDueTimes,
  isDrillOverdue,
  nextDrillDue,
  stepDurations,
  stepOffsets,
} from './plan-timing.js';
export type * from './ports.js';
export type { CasesRouteDeps } from './routes.js';
export { CASES_TABLES, type CasesTables } from './tables.js';
export * from './vocabulary.js';

/** The cases module of one process, as the composition root wires it. */
export interface Cases {
  readonly cases: CaseService;
  readonly incidents: IncidentService;
  readonly plans: PlanService;
  readonly activations: ActivationService;
  readonly drills: DrillService;
  /** The figures the KRI module reads (`CaseFigures`). */
  readonly figures: CaseFigures;
}

/**
 * Wires the services. Throws a RangeError for a due time that is not a positive number of hours (a
 * configuration bug).
 */
export function createCases(deps: CasesDeps): Cases {
  for (const [priority, hours] of Object.entries(deps.dueHours ?? {})) {
    if (hours !== undefined && !(Number.isFinite(hours) && hours > 0)) {
      throw new RangeError(`dueHours.${priority} must be a positive number of hours, got ${hours}`);
    }
  }
  return {
    cases: new CaseService(deps),
    incidents: new IncidentService(deps),
    plans: new PlanService(deps),
    activations: new ActivationService(deps),
    drills: new DrillService(deps),
    figures: caseFigures(deps),
  };
}

/** The module's HTTP surface under the prefix it is registered with (`/api/v1`). */
export const casesPlugin: FastifyPluginAsync<{ deps: CasesRouteDeps }> = async (app, opts) => {
  await app.register(casesRoutes, { deps: opts.deps });
};
