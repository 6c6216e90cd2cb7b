/**
 * The risk register of the early-warning module: the public surface the composition root, the CLI
 * and other modules use. `createRegister` wires the register and its `risk.grade` four-eyes kind
 * (register it in the change registry); `registerPlugin` serves `/risks…`; `loadWarningDemo` fills a
 * new demo workspace with a register and KRIs with history.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { ChangeKind, ChangeService } from '../../identity/changes/index.js';
import { type RiskGradeChange, riskGradeKind } from './grade-kind.js';
import { type RegisterRouteDeps, registerRoutes } from './routes.js';
import { type KriDirectory, RiskRegister } from './service.js';

export type { ControlInput } from './controls.js';
export { DEMO_RISKS, loadWarningDemo, type WarningDemoDeps } from './demo.js';
export * from './errors.js';
export { type RiskGradeChange, RiskGradeContent, riskGradeKind } from './grade-kind.js';
export {
  type GradeView,
  type Grading,
  gradeOf,
  gradeView,
  LEVEL_BANDS,
  levelOf,
  RISK_LEVELS,
  type RiskLevel,
  SCALE_LABELS,
} from './grading.js';
export type { HeatMap, HeatMapBasis, HeatMapCell, HeatMapLevel } from './heatmap.js';
export { heatMapOf } from './heatmap.js';
export type {
  GradeRequest,
  KriDirectory,
  NewRisk,
  RegisterDeps,
  RiskPatch,
} from './service.js';
export { RiskRegister } from './service.js';
export { REGISTER_TABLES, type RegisterTables } from './tables.js';
export { CATEGORY_INFO, CONTROL_FREQUENCIES, CONTROL_RESULTS, RISK_CATEGORIES } from './values.js';
export type { ControlView, RiskView } from './views.js';

/** What `createRegister` needs. */
export interface RegisterModuleDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  /** Checks linked KRI ids (the KRI service fits). */
  readonly kris?: KriDirectory;
}

/** The register of one process, as the composition root wires it. */
export interface Register {
  readonly register: RiskRegister;
  /** `risk.grade`, to register in the change registry. */
  readonly changeKind: ChangeKind<RiskGradeChange>;
}

/** Wires the register and its four-eyes kind. */
export function createRegister(deps: RegisterModuleDeps): Register {
  const register = new RiskRegister(deps);
  return { register, changeKind: riskGradeKind() };
}

/** The HTTP surface under the prefix it is registered with (`/api/v1`). */
export const registerPlugin: FastifyPluginAsync<{ deps: RegisterRouteDeps }> = async (app, opts) => {
  await app.register(registerRoutes, { deps: opts.deps });
};
