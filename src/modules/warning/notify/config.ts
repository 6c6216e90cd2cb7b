/**
 * What notifications are configured with (the composition root builds it from the environment:
 * `FENGKONG_WEBHOOK_ALLOWED_HOSTS`, `FENGKONG_SMTP_URL`, `FENGKONG_SMTP_FROM`,
 * `FENGKONG_NOTIFY_MAX_ATTEMPTS`, `FENGKONG_WEBHOOK_TIMEOUT_MS`), and the ports it is given.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { BackoffOptions } from './backoff.js';
import type { Resolver } from './host-policy.js';
import type { SmtpConfig } from './smtp-config.js';

/** Settings of notifications. */
export interface NotifyConfig {
  /** Webhook allow-list entries (see `host-policy.ts`); empty allows no webhook. */
  readonly allowedHosts: readonly string[];
  /** The SMTP server; e-mail targets are refused without one. */
  readonly smtp?: SmtpConfig | undefined;
  /** Attempts per delivery before it is `failed` (default 6: now, then after 1, 2, 4, 8, 16 s). */
  readonly maxAttempts?: number;
  /** Deadline of one webhook POST, ms (default 10 000). */
  readonly webhookTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
}

/**
 * Seals webhook secrets at rest. The identity module's `SecretBox` (AES-256-GCM under the installation
 * key) has this shape; without a sealer secrets are stored as they are.
 */
export interface SecretSealer {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

/** Dependencies of notifications. */
export interface NotifyDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly config: NotifyConfig;
  readonly sealer?: SecretSealer | undefined;
  /** DNS for webhook hosts (default: the operating system's resolver). */
  readonly resolver?: Resolver | undefined;
  /** u ∈ [0, 1) for the backoff jitter (default `Math.random`; tests pass `() => 0`). */
  readonly random?: (() => number) | undefined;
  readonly log?: { warn(details: object, message: string): void } | undefined;
}

/** The default number of attempts per delivery. */
export const DEFAULT_MAX_ATTEMPTS = 6;
/** The default deadline of one webhook POST. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
