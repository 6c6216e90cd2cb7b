/**
 * How alerts behave: the cooldown after resolution, how long each severity may wait for
 * acknowledgement, and who an unacknowledged alert escalates to. The composition root builds these
 * from `FENGKONG_ALERT_COOLDOWN_MINUTES`, `FENGKONG_ALERT_ACK_MINUTES` and
 * `FENGKONG_ALERT_ESCALATION_CHAIN` with the parsers below.
 */
import { SEVERITIES, type Severity } from '../notify/index.js';

/**
 * One level of the escalation chain: the owner's manager (skipped when the owner has none, or the
 * alert no owner), every active holder of a role, or one named user.
 */
export type EscalationLevel =
  | { readonly kind: 'manager' }
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'user'; readonly id: string };

/** Alert settings. */
export interface AlertSettings {
  /** After an alert is resolved, a raise with the same key and subject is suppressed this long. */
  readonly cooldownMs: number;
  /** The time each severity may wait for acknowledgement before it escalates a level. */
  readonly ackLimitsMs: Readonly<Record<Severity, number>>;
  /** Levels an unacknowledged alert escalates through, in order. */
  readonly escalationChain: readonly EscalationLevel[];
  /** Resolve a KRI alert automatically when its KRI returns to green (default false). */
  readonly autoResolveOnGreen: boolean;
}

const MINUTE = 60_000;

/**
 * Defaults: one hour of cooldown; acknowledgement within 15 minutes for critical, 1 hour for high,
 * 4 hours for medium, 24 hours for low; escalation to the owner's manager, then to the approvers
 * (senior staff who read every alert). The `admin` role is not in the default chain: it manages
 * people and keys and holds no alert permission, so it could not even open the alert.
 */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = Object.freeze({
  cooldownMs: 60 * MINUTE,
  ackLimitsMs: Object.freeze({
    critical: 15 * MINUTE,
    high: 60 * MINUTE,
    medium: 240 * MINUTE,
    low: 1440 * MINUTE,
  }),
  escalationChain: Object.freeze([{ kind: 'manager' }, { kind: 'role', role: 'approver' }] as const),
  autoResolveOnGreen: false,
});

/** The text of a level: `manager`, `role:<name>`, `user:<id>`. */
export function levelText(level: EscalationLevel): string {
  return level.kind === 'manager'
    ? 'manager'
    : level.kind === 'role'
      ? `role:${level.role}`
      : `user:${level.id}`;
}

/**
 * Parses `FENGKONG_ALERT_ESCALATION_CHAIN`: comma-separated levels, e.g.
 * `manager,role:approver,user:0193…`. The chain, or a message naming the first bad level.
 */
export function parseEscalationChain(text: string): { chain: EscalationLevel[] } | { error: string } {
  const chain: EscalationLevel[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    if (part === 'manager') chain.push({ kind: 'manager' });
    else if (/^role:[a-z_]{1,40}$/.test(part)) chain.push({ kind: 'role', role: part.slice(5) });
    else if (/^user:[A-Za-z0-9-]{1,64}$/.test(part)) chain.push({ kind: 'user', id: part.slice(5) });
    else return { error: `${JSON.stringify(part)} is not manager, role:<name> or user:<id>` };
  }
  return { chain };
}

/**
 * Parses `FENGKONG_ALERT_ACK_MINUTES`, e.g. `critical=15,high=60`: the limits in milliseconds, the
 * severities not named keeping their default; or a message naming the first bad entry.
 */
export function parseAckLimits(text: string): { limits: Record<Severity, number> } | { error: string } {
  const limits: Record<Severity, number> = { ...DEFAULT_ALERT_SETTINGS.ackLimitsMs };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const match = /^(low|medium|high|critical)=(\d{1,6})$/.exec(part);
    const minutes = Number(match?.[2]);
    if (!match || minutes < 1) return { error: `${JSON.stringify(part)} is not <severity>=<minutes ≥ 1>` };
    limits[match[1] as Severity] = minutes * MINUTE;
  }
  return { limits };
}

/** Settings with defaults filled in. */
export function alertSettings(given: Partial<AlertSettings> = {}): AlertSettings {
  const limits = { ...DEFAULT_ALERT_SETTINGS.ackLimitsMs, ...given.ackLimitsMs };
  for (const severity of SEVERITIES) {
    if (!(limits[severity] > 0))
      throw new RangeError(`the acknowledgement limit of ${severity} must be positive`);
  }
  const cooldownMs = given.cooldownMs ?? DEFAULT_ALERT_SETTINGS.cooldownMs;
  if (!(cooldownMs >= 0)) throw new RangeError('the alert cooldown must not be negative');
  return {
    cooldownMs,
    ackLimitsMs: limits,
    escalationChain: given.escalationChain ?? DEFAULT_ALERT_SETTINGS.escalationChain,
    autoResolveOnGreen: given.autoResolveOnGreen ?? DEFAULT_ALERT_SETTINGS.autoResolveOnGreen,
  };
}
