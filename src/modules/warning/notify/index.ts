/**
 * Notifications of the early-warning module: signed webhooks restricted to allowed hosts, e-mail over
 * SMTP, and per-person in-app inboxes, fed through a delivery queue in the database that a scheduler
 * job empties. The alert module is its first user; `createNotifier` wires it and `notifyRoutes`
 * serves its API (the alerts plugin registers them).
 */
import type { NotifyDeps } from './config.js';
import { Notifier } from './service.js';

export { actorOf, actorText } from './actor-text.js';
export { isPublicAddress } from './address-ranges.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  type NotifyConfig,
  type NotifyDeps,
  type SecretSealer,
} from './config.js';
export type { AttemptView, DeliveryPayload, DeliveryQuery, DeliveryView } from './deliveries.js';
export type { DeliveryRun } from './delivery-worker.js';
export * from './errors.js';
export {
  type HostCheck,
  HostPolicy,
  type HostRefusal,
  parseAllowedHosts,
  type ResolvedAddress,
  type Resolver,
  systemResolver,
} from './host-policy.js';
export type { InboxItem, InboxPage, InboxQuery } from './inbox.js';
export { NOTIFICATION_DELIVERY_EVERY_MS, notificationDeliveryJob } from './jobs.js';
export { composeMessage, isEmailAddress, type MailMessage } from './mime.js';
export {
  DEFAULT_TARGET_EVENTS,
  isNoticeEvent,
  NOTICE_EVENTS,
  type Notice,
  type NoticeAlert,
  type NoticeEvent,
} from './notice.js';
export { type NotifyRouteDeps, notifyRoutes } from './routes.js';
export { Notifier, type NotifyResult } from './service.js';
export {
  isSeverity,
  maxSeverity,
  SEVERITIES,
  SEVERITY_NAMES,
  type Severity,
  severityRank,
} from './severity.js';
export {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
  type VerifyInput,
  verifyWebhook,
} from './signature.js';
export { type MailOutcome, sendMail } from './smtp-client.js';
export { parseSmtpUrl, type SmtpConfig, type SmtpSecurity } from './smtp-config.js';
export { NOTIFY_TABLES, type NotifyDb, type NotifyTables, notifyDb } from './tables.js';
export type { TargetInput, TargetKind, TargetPatch } from './target-input.js';
export type { TargetView, TargetWithSecret } from './targets.js';

/** Wires notifications. */
export function createNotifier(deps: NotifyDeps): Notifier {
  return new Notifier(deps);
}
