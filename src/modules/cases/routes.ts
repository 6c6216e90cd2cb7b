/**
 * The HTTP surface of the cases module under `/api/v1`: `/cases…`, `/incidents…`, `/plans…`,
 * `/activations…` and `/drills…`. Reading needs `case:read`; every change needs `case:work`.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ActivationService } from './activation-service.js';
import { caseRoutes } from './case-routes.js';
import type { CaseService } from './case-service.js';
import type { DrillService } from './drill-service.js';
import { incidentRoutes } from './incident-routes.js';
import type { IncidentService } from './incident-service.js';
import { planRoutes } from './plan-routes.js';
import type { PlanService } from './plan-service.js';

/** What the routes need: the module as `createCases` wires it. */
export interface CasesRouteDeps {
  readonly cases: {
    readonly cases: CaseService;
    readonly incidents: IncidentService;
    readonly plans: PlanService;
    readonly activations: ActivationService;
    readonly drills: DrillService;
  };
}

/** Every route of the module. */
export const casesRoutes: FastifyPluginAsyncTypebox<{ deps: CasesRouteDeps }> = async (app, { deps }) => {
  await app.register(caseRoutes, { deps });
  await app.register(incidentRoutes, { deps });
  await app.register(planRoutes, { deps });
};
