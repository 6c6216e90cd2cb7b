/**
 * Test support for the KRI and register tests (kept out of the build): the KRI service and the risk
 * register over a test database with four eyes, a clock the test moves, the evaluations the hook was
 * told, and decisions written straight into the engine's table.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { installAccessControl, type Principal } from '../../../app/auth.js';
import { sendProblem, toFkError } from '../../../app/problem.js';
import { ManualClock } from '../../../kernel/clock.js';
import { FkError } from '../../../kernel/errors.js';
import type { Store } from '../../../store/database.js';
import { AuditLog } from '../../audit/index.js';
import {
  type ChangeCaller,
  ChangeRegistry,
  ChangeService,
  changesPlugin,
} from '../../identity/changes/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import { riskGradeKind } from '../register/grade-kind.js';
import { registerPlugin } from '../register/index.js';
import { RiskRegister } from '../register/service.js';
import { builtinMetrics, type MetricSources } from './builtin-metrics.js';
import { krisPlugin } from './index.js';
import { KriService } from './service.js';

/** A person with exactly `permissions`. */
export function person(id: string, permissions: readonly string[]): ChangeCaller {
  return { actor: { type: 'user', id }, permissions: new Set(permissions) };
}

/** A risk officer (maker) and an approver, as their roles define them. */
export const OFFICER = person('u-officer', ['kri:read', 'kri:write', 'change:submit', 'change:read']);
export const APPROVER = person('u-approver', ['kri:read', 'change:read', 'change:approve']);

/** The warning services of one process over a test store. */
export interface WarningHarness {
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  readonly kris: KriService;
  readonly register: RiskRegister;
  /** Every evaluation the hook was told, in order. */
  readonly told: KriEvaluation[];
}

/** Builds the harness at `now` (default 2026-03-01 00:00 UTC). */
export function warningHarness(
  store: Store,
  sources: MetricSources = {},
  now = '2026-03-01T00:00:00.000Z',
): WarningHarness {
  const clock = new ManualClock(now);
  const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock });
  const kinds = new ChangeRegistry([riskGradeKind()]);
  const changes = new ChangeService({ db: store.db, clock, audit, kinds });
  const told: KriEvaluation[] = [];
  const kris = new KriService({
    db: store.db,
    clock,
    audit,
    metrics: builtinMetrics(sources),
    onEvaluation: async (e) => {
      told.push(e);
    },
  });
  const register = new RiskRegister({ db: store.db, clock, audit, changes, kris });
  return { clock, audit, changes, kris, register, told };
}

/** Writes one decision row as the engine would (only the columns the metrics read matter). */
export async function insertDecision(
  store: Store,
  d: {
    id: string;
    at: string;
    outcome: string;
    eventType?: string;
    fallback?: string | null;
    latencyMs?: number;
    rules?: string[];
  },
): Promise<void> {
  await store.db
    .insertInto('decision')
    .values({
      id: d.id,
      event_id: `e-${d.id}`,
      event_type: d.eventType ?? 'login',
      occurred_at: d.at,
      created_at: d.at,
      outcome: d.outcome,
      score: null,
      policy_id: null,
      policy_version: null,
      fallback: d.fallback ?? null,
      response: JSON.stringify({ decision_id: d.id, latency_ms: d.latencyMs ?? 1 }),
    })
    .execute();
  for (const rule of d.rules ?? []) {
    await store.db.insertInto('decision_rule_hit').values({ rule_id: rule, decision_id: d.id }).execute();
  }
}

/** The code of the catalogued error `work` throws (fails the test when it does not throw one). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * A small HTTP app with the register, KRI and change routes under `/api/v1`, the product's access
 * control and problem responses, and a test authenticator: header `x-as` names one of `people`.
 */
export async function warningTestApp(
  h: WarningHarness,
  people: Readonly<Record<string, ChangeCaller>>,
): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler((error, _request, reply) => sendProblem(reply, toFkError(error)));
  installAccessControl(app, {
    authenticate: async (request) => {
      const who = people[String(request.headers['x-as'] ?? '')];
      if (!who) return undefined;
      const principal: Principal = {
        actor: who.actor,
        name: who.actor.id,
        roles: [],
        permissions: who.permissions,
      };
      return principal;
    },
  });
  await app.register(registerPlugin, { prefix: '/api/v1', deps: { register: h.register } });
  await app.register(krisPlugin, { prefix: '/api/v1', deps: { kris: h.kris } });
  await app.register(changesPlugin, { prefix: '/api/v1', deps: { changes: h.changes } });
  await app.ready();
  return app;
}
