/**
 * Alerts of the early-warning module: raised from KRI evaluations, by the decision engine and by
 * hand; deduplicated per key and subject with a cooldown; acknowledged, resolved with a note,
 * reassigned; escalated along a chain when nobody acknowledges in time; announced through signed
 * webhooks, e-mail and in-app inboxes (`../notify`). `createAlerts` wires the service, the notifier
 * and the two scheduler jobs; `alertsPlugin` serves `/alerts`, `/notification-targets`,
 * `/notifications` and `/notification-deliveries`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import {
  createNotifier,
  type Notifier,
  type NotifyConfig,
  notificationDeliveryJob,
  notifyRoutes,
  type Resolver,
  type SecretSealer,
} from '../notify/index.js';
import type { JobDefinition } from '../scheduler/job.js';
import { type AlertDirectory, storeDirectory } from './directory.js';
import { alertEscalationJob } from './jobs.js';
import { alertRoutes } from './routes.js';
import { AlertService, type KriAlertOutcome } from './service.js';
import { type AlertSettings, alertSettings } from './settings.js';

export { notificationDeliveryJob } from '../notify/index.js';
export type { AlertServiceDeps } from './context.js';
export { type AlertDirectory, storeDirectory } from './directory.js';
export { engineAlertHook, type FlaggedDecision } from './engine-hook.js';
export * from './errors.js';
export type { EscalationRun } from './escalation.js';
export { ALERT_ESCALATION_EVERY_MS, alertEscalationJob } from './jobs.js';
export { type KriAlertPlan, kriAlertKey, planForEvaluation } from './kri-hook.js';
export { BACK_TO_GREEN_NOTE } from './messages.js';
export type { RaiseInput, RaiseOptions, RaiseResult } from './raise.js';
export type { AlertQuery } from './repo.js';
export { type AlertPage, AlertService, type KriAlertOutcome, type ManualAlertInput } from './service.js';
export {
  type AlertSettings,
  alertSettings,
  DEFAULT_ALERT_SETTINGS,
  type EscalationLevel,
  levelText,
  parseAckLimits,
  parseEscalationChain,
} from './settings.js';
export { ALERT_TABLES, type AlertDb, type AlertTables, alertDb } from './tables.js';
export type { AlertSource, AlertStatus, AlertView, EscalationView } from './views.js';

/** What `createAlerts` needs. */
export interface AlertsDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Webhook allow-list, SMTP server, attempts and backoff. */
  readonly notify: NotifyConfig;
  /** Cooldown, acknowledgement limits, escalation chain (defaults when absent). */
  readonly settings?: Partial<AlertSettings> | undefined;
  /** Who people are; default: Fengkong's users, no reporting lines. */
  readonly directory?: AlertDirectory | undefined;
  /** Seals webhook secrets at rest (pass the identity module's `SecretBox`). */
  readonly sealer?: SecretSealer | undefined;
  /** DNS for webhook hosts (tests inject one). */
  readonly resolver?: Resolver | undefined;
  /** Jitter source of the retry backoff (tests pass `() => 0`). */
  readonly random?: (() => number) | undefined;
  readonly log?: { warn(details: object, message: string): void } | undefined;
}

/** The alerts of one process, as the composition root wires them. */
export interface Alerts {
  readonly service: AlertService;
  readonly notifier: Notifier;
  /** `alert.escalate` (every 60 s) and `notification.deliver` (every 5 s), for the scheduler. */
  readonly jobs: readonly JobDefinition[];
  /** The hook to hand the KRI module: called with every stored evaluation. */
  readonly onKriEvaluation: (e: KriEvaluation) => Promise<KriAlertOutcome>;
}

/** Wires alerts and notifications. */
export function createAlerts(deps: AlertsDeps): Alerts {
  const notifier = createNotifier({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    config: deps.notify,
    sealer: deps.sealer,
    resolver: deps.resolver,
    random: deps.random,
    log: deps.log,
  });
  const service = new AlertService({
    db: deps.db,
    clock: deps.clock,
    audit: deps.audit,
    notifier,
    directory: deps.directory ?? storeDirectory(deps.db),
    settings: alertSettings(deps.settings),
  });
  return {
    service,
    notifier,
    jobs: [alertEscalationJob(service), notificationDeliveryJob(notifier)],
    onKriEvaluation: (e) => service.fromKriEvaluation(e),
  };
}

/** The HTTP surface, registered under `/api/v1`. */
export const alertsPlugin: FastifyPluginAsync<{ alerts: Alerts }> = async (app, opts) => {
  await app.register(alertRoutes, { deps: { alerts: opts.alerts.service } });
  await app.register(notifyRoutes, { deps: { notifier: opts.alerts.notifier } });
};
