/**
 * Checks of what an administrator configures as a notification target. A webhook URL goes through the
 * host policy here, so a target outside the allowed hosts (or resolving to a private address) is
 * refused with a 4xx when it is configured and is never requested.
 */
import { randomToken } from '../../../kernel/ids.js';
import {
  NotifyAddressNotAllowed,
  NotifyHostNotAllowed,
  NotifyHostUnresolvable,
  NotifyTargetInvalid,
} from './errors.js';
import type { HostPolicy } from './host-policy.js';
import { isEmailAddress } from './mime.js';
import { DEFAULT_TARGET_EVENTS, isNoticeEvent, type NoticeEvent } from './notice.js';
import { isSeverity, type Severity } from './severity.js';

/** The two kinds of target. */
export type TargetKind = 'webhook' | 'email';

/** A new target. */
export interface TargetInput {
  readonly name: string;
  readonly kind: TargetKind;
  /** Webhooks: where to POST. */
  readonly url?: string | undefined;
  /** Webhooks: the signing secret (16–200 characters); generated when absent. */
  readonly secret?: string | undefined;
  /** E-mail: 1 to 20 addresses. */
  readonly recipients?: readonly string[] | undefined;
  readonly events?: readonly string[] | undefined;
  readonly min_severity?: string | undefined;
  readonly enabled?: boolean | undefined;
}

/** What an update may change (the kind stays). */
export type TargetPatch = Partial<Omit<TargetInput, 'kind'>>;

/** The target's name, trimmed; 1–100 characters. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || [...trimmed].length > 100) {
    throw NotifyTargetInvalid('body.name must be 1 to 100 characters', [
      { path: 'body.name', message: 'must be 1 to 100 characters' },
    ]);
  }
  return trimmed;
}

/** The URL as given, once the host policy accepts it; the catalogued refusal otherwise. */
export async function checkWebhookUrl(policy: HostPolicy, url: string | undefined): Promise<string> {
  if (url === undefined) throw NotifyTargetInvalid('a webhook target needs body.url');
  const check = await policy.check(url);
  if (check.ok) return url;
  const fields = [{ path: 'body.url', message: check.message }];
  switch (check.refusal) {
    case 'host_not_allowed':
      throw NotifyHostNotAllowed(check.message, fields);
    case 'address_not_allowed':
      throw NotifyAddressNotAllowed(check.message, fields);
    case 'unresolvable':
      throw NotifyHostUnresolvable(check.message, fields);
    default:
      throw NotifyTargetInvalid(check.message, fields);
  }
}

/** The given secret when it is long enough, else a new random one (256 bits). */
export function checkSecret(secret: string | undefined): string {
  if (secret === undefined) return randomToken(32);
  if (secret.length < 16 || secret.length > 200 || /[\r\n]/.test(secret)) {
    throw NotifyTargetInvalid('body.secret must be 16 to 200 characters on one line', [
      { path: 'body.secret', message: 'must be 16 to 200 characters' },
    ]);
  }
  return secret;
}

/** The e-mail recipients, each a plain address, 1 to 20 of them, without duplicates. */
export function checkRecipients(recipients: readonly string[] | undefined): string[] {
  const list = [...new Set((recipients ?? []).map((r) => r.trim()))];
  if (list.length === 0 || list.length > 20) {
    throw NotifyTargetInvalid('an e-mail target needs 1 to 20 body.recipients');
  }
  const bad = list.find((r) => !isEmailAddress(r));
  if (bad !== undefined) {
    throw NotifyTargetInvalid(`${JSON.stringify(bad)} is not an e-mail address`, [
      { path: 'body.recipients', message: `${JSON.stringify(bad)} is not an e-mail address` },
    ]);
  }
  return list;
}

/** The subscribed events (the default set when none are named), without duplicates. */
export function checkEvents(events: readonly string[] | undefined): NoticeEvent[] {
  const list = [...new Set(events ?? DEFAULT_TARGET_EVENTS)];
  const bad = list.find((e) => !isNoticeEvent(e));
  if (bad !== undefined || list.length === 0) {
    throw NotifyTargetInvalid(`body.events must name notice events, not ${JSON.stringify(bad ?? '')}`);
  }
  return list as NoticeEvent[];
}

/** The minimum severity (`low` when absent). */
export function checkSeverity(severity: string | undefined): Severity {
  const value = severity ?? 'low';
  if (!isSeverity(value))
    throw NotifyTargetInvalid('body.min_severity must be low, medium, high or critical');
  return value;
}
