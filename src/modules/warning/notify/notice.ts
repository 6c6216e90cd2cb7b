/**
 * A notice: what the alert module hands to notifications when something happens to an alert. It goes
 * to the in-app inbox of each named recipient and, through the delivery queue, to every enabled
 * target that subscribes to its event from its severity on.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Severity } from './severity.js';

/** Every event a notice can announce; targets subscribe to a subset. */
export const NOTICE_EVENTS = [
  'alert.raised',
  'alert.upgraded',
  'alert.escalated',
  'alert.acknowledged',
  'alert.resolved',
  'alert.reassigned',
  'notification.test',
] as const;

/** One event. */
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** What a target receives when it names no events: new alerts, worse alerts, escalations. */
export const DEFAULT_TARGET_EVENTS: readonly NoticeEvent[] = [
  'alert.raised',
  'alert.upgraded',
  'alert.escalated',
];

/** Whether `value` names an event. */
export function isNoticeEvent(value: unknown): value is NoticeEvent {
  return typeof value === 'string' && (NOTICE_EVENTS as readonly string[]).includes(value);
}

/** The alert a notice is about, as JSON (the alert module's view of it). */
export type NoticeAlert = Readonly<Record<string, unknown>> & { readonly id: string };

/** One notice. */
export interface Notice {
  readonly event: NoticeEvent;
  readonly severity: Severity;
  /** One line: the inbox title and the e-mail subject. */
  readonly title: Text;
  /** A few lines: the inbox text and the e-mail body. */
  readonly body: Text;
  /** User ids whose in-app inbox receives it (duplicates are ignored). */
  readonly recipients: readonly string[];
  readonly alert: NoticeAlert | null;
}
