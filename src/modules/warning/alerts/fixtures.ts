/**
 * Test support for alerts (kept out of the build): a directory with given users, managers and roles,
 * the alerts wired over a fresh test database with a manual clock, KRI evaluations, and a small
 * Fastify app with the real access control and problem responses whose caller is chosen per request
 * (`x-test-user`, `x-test-permissions` headers).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { installAccessControl } from '../../../app/auth.js';
import { sendProblem, toFkError } from '../../../app/problem.js';
import { ManualClock } from '../../../kernel/clock.js';
import { FkError } from '../../../kernel/errors.js';
import type { Dialect } from '../../../store/database.js';
import { AuditLog } from '../../audit/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import type { NotifyConfig, Resolver } from '../notify/index.js';
import type { AlertDirectory } from './directory.js';
import { type Alerts, alertsPlugin, createAlerts } from './index.js';
import type { AlertSettings } from './settings.js';

/** A directory of the given people. */
export function fakeDirectory(people: {
  users: readonly string[];
  managers?: Readonly<Record<string, string>>;
  roles?: Readonly<Record<string, readonly string[]>>;
}): AlertDirectory {
  const active = new Set(people.users);
  return {
    isActiveUser: async (id) => active.has(id),
    managerOf: async (id) => {
      const m = people.managers?.[id];
      return m !== undefined && active.has(m) ? m : null;
    },
    usersWithRole: async (role) => (people.roles?.[role] ?? []).filter((u) => active.has(u)),
  };
}

/** Alerts over a fresh test database. */
export interface AlertsHarness {
  readonly database: TestDatabase;
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly alerts: Alerts;
  drop(): Promise<void>;
}

/** Wires alerts on `dialect`; webhooks to 127.0.0.1 allowed, no jitter. */
export async function alertsHarness(
  dialect: Dialect,
  options: {
    settings?: Partial<AlertSettings>;
    directory?: AlertDirectory;
    notify?: Partial<NotifyConfig>;
    resolver?: Resolver;
  } = {},
): Promise<AlertsHarness> {
  const database = await createTestDatabase(dialect);
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  const { db } = database.store;
  const audit = new AuditLog({ db, dialect: database.store.dialect, clock });
  const alerts = createAlerts({
    db,
    clock,
    audit,
    notify: { allowedHosts: ['127.0.0.1'], maxAttempts: 3, ...options.notify },
    settings: options.settings,
    directory: options.directory ?? fakeDirectory({ users: [] }),
    resolver: options.resolver,
    random: () => 0,
  });
  return { database, clock, audit, alerts, drop: () => database.drop() };
}

/** The audit actions recorded for one alert, oldest first. */
export async function auditActions(audit: AuditLog, alertId: string): Promise<string[]> {
  const entries = await audit.list({ limit: 500 });
  return entries
    .filter((e) => e.target.type === 'alert' && e.target.id === alertId)
    .map((e) => e.action)
    .reverse();
}

/** A KRI evaluation with sensible defaults. */
export function evaluation(over: Partial<KriEvaluation> = {}): KriEvaluation {
  return {
    kri_id: 'npl_ratio',
    name: { en: 'NPL ratio', zh: '不良贷款率' },
    risk_type: 'credit',
    owner: 'u-owner',
    subject: 'portfolio',
    period_start: '2026-03-01T00:00:00.000Z',
    period_end: '2026-03-02T00:00:00.000Z',
    value: 3.2,
    unit: '%',
    band: 'red',
    previous_band: 'amber',
    detectors: [],
    evaluated_at: '2026-03-02T00:05:00.000Z',
    ...over,
  };
}

/** The code of the catalogued error `work` fails with ('no error' when it succeeds). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  return 'no error';
}

/**
 * A Fastify app serving the alert routes under `/api/v1`, with the real access control: the caller
 * is `x-test-user` (a user id) holding the comma-separated `x-test-permissions`.
 */
export async function routeApp(alerts: Alerts): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler((error, _request, reply) => sendProblem(reply, toFkError(error)));
  installAccessControl(app, {
    authenticate: async (request) => {
      const user = request.headers['x-test-user'];
      if (typeof user !== 'string') return undefined;
      const permissions = String(request.headers['x-test-permissions'] ?? '').split(',');
      return { actor: { type: 'user', id: user }, name: user, roles: [], permissions: new Set(permissions) };
    },
  });
  await app.register(alertsPlugin, { prefix: '/api/v1', alerts });
  await app.ready();
  return app;
}
