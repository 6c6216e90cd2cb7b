/**
 * Sends what the queue holds. Each due delivery is first claimed (its `next_attempt_at` moved past
 * the attempt's deadline by a conditional update, so two processes never send it at once), then sent,
 * then its attempt is recorded and it becomes `delivered`, `failed` (out of attempts, or a permanent
 * refusal: target deleted or disabled, host no longer allowed, no SMTP server) or `pending` again
 * with the backoff delay. A process that dies between sending and recording leaves the claim to
 * expire and the delivery is sent again: delivery is at least once, and receivers deduplicate on
 * `X-Fengkong-Delivery` (the payload's `id`).
 */
import { performance } from 'node:perf_hooks';
import { isoUtc } from '../../../kernel/clock.js';
import { transact } from '../../../store/transaction.js';
import { backoffDelay } from './backoff.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, type NotifyDeps } from './config.js';
import type { DeliveryPayload } from './deliveries.js';
import type { HostPolicy } from './host-policy.js';
import { renderMail } from './mail-text.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature.js';
import { DEFAULT_SMTP_TIMEOUT_MS, sendMail } from './smtp-client.js';
import { type NotificationDeliveryTable, type NotificationTargetTable, notifyDb } from './tables.js';
import { postWebhook } from './webhook-sender.js';

/** What one attempt came to. */
interface AttemptResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  /** No retry can succeed (the target is gone or no longer allowed). */
  readonly permanent?: boolean;
}

/** What a run of the worker did. */
export interface DeliveryRun {
  readonly attempted: number;
  readonly delivered: number;
  readonly failed: number;
}

const BATCH = 50;
const PARALLEL = 4;

/** The sender of due deliveries. */
export class DeliveryWorker {
  constructor(
    private readonly deps: NotifyDeps,
    private readonly policy: HostPolicy,
    private readonly secretOf: (target: NotificationTargetTable) => string,
  ) {}

  /** Sends every delivery due now (up to a batch), a few at a time. */
  async deliverDue(): Promise<DeliveryRun> {
    const db = notifyDb(this.deps.db);
    const now = isoUtc(this.deps.clock.now());
    const due = await db
      .selectFrom('notification_delivery')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    let delivered = 0;
    let failed = 0;
    let attempted = 0;
    for (let i = 0; i < due.length; i += PARALLEL) {
      const results = await Promise.all(due.slice(i, i + PARALLEL).map((row) => this.deliverOne(row)));
      for (const status of results) {
        if (status === undefined) continue;
        attempted += 1;
        if (status === 'delivered') delivered += 1;
        if (status === 'failed') failed += 1;
      }
    }
    return { attempted, delivered, failed };
  }

  /** Claims, sends and records one delivery; undefined when another process holds it. */
  private async deliverOne(row: NotificationDeliveryTable): Promise<string | undefined> {
    const db = notifyDb(this.deps.db);
    const claimed = await db
      .updateTable('notification_delivery')
      .set({ next_attempt_at: isoUtc(this.deps.clock.now() + this.leaseMs(row.kind)) })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return undefined;
    const target = await db
      .selectFrom('notification_target')
      .selectAll()
      .where('id', '=', row.target_id)
      .executeTakeFirst();
    const startedAt = isoUtc(this.deps.clock.now());
    const started = performance.now();
    const result = await this.attempt(row, target);
    return this.record(row, result, startedAt, Math.round(performance.now() - started));
  }

  /**
   * How long a claim holds: longer than the attempt can take (a webhook's deadline; an SMTP session
   * of up to ten replies, each with its own deadline), plus a margin, so a live sender never loses
   * its claim to another process.
   */
  private leaseMs(kind: string): number {
    const config = this.deps.config;
    const longest =
      kind === 'email'
        ? 10 * (config.smtp?.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS)
        : (config.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS);
    return longest + 60_000;
  }

  private async attempt(
    row: NotificationDeliveryTable,
    target: NotificationTargetTable | undefined,
  ): Promise<AttemptResult> {
    if (!target) return { ok: false, statusCode: null, error: 'target deleted', permanent: true };
    if (target.enabled !== 1)
      return { ok: false, statusCode: null, error: 'target disabled', permanent: true };
    const payload = JSON.parse(row.payload) as DeliveryPayload;
    if (target.kind === 'email') {
      const smtp = this.deps.config.smtp;
      if (!smtp)
        return { ok: false, statusCode: null, error: 'no SMTP server is configured', permanent: true };
      const recipients = JSON.parse(target.recipients ?? '[]') as string[];
      const mail = renderMail(payload);
      const outcome = await sendMail(smtp, {
        from: smtp.from,
        to: recipients,
        subject: mail.subject,
        text: mail.text,
        date: this.deps.clock.now(),
        messageId: `${row.id}@fengkong`,
      });
      return { ok: outcome.ok, statusCode: outcome.code, error: outcome.error };
    }
    const check = await this.policy.check(target.url ?? '');
    if (!check.ok) {
      return {
        ok: false,
        statusCode: null,
        error: `refused: ${check.message}`,
        permanent: check.refusal === 'host_not_allowed' || check.refusal === 'invalid_url',
      };
    }
    const timestamp = Math.floor(this.deps.clock.now() / 1000);
    const headers = {
      'user-agent': 'Fengkong-Webhook/1',
      'x-fengkong-event': row.event,
      'x-fengkong-delivery': row.id,
      [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
      [SIGNATURE_HEADER.toLowerCase()]: signWebhook(this.secretOf(target), timestamp, row.payload),
    };
    const address = check.addresses[0] ?? check.host;
    return postWebhook(
      check.url,
      address,
      headers,
      row.payload,
      this.deps.config.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    );
  }

  private async record(
    row: NotificationDeliveryTable,
    result: AttemptResult,
    startedAt: string,
    durationMs: number,
  ): Promise<string> {
    const attempt = row.attempts + 1;
    const now = this.deps.clock.now();
    const at = isoUtc(now);
    const exhausted = attempt >= row.max_attempts || result.permanent === true;
    const status = result.ok ? 'delivered' : exhausted ? 'failed' : 'pending';
    const next =
      status === 'pending'
        ? isoUtc(now + backoffDelay(attempt, this.deps.config.backoff, this.deps.random ?? Math.random))
        : null;
    await transact(this.deps.db, async (trx) => {
      const db = notifyDb(trx);
      await db
        .insertInto('notification_attempt')
        .values({
          delivery_id: row.id,
          attempt,
          started_at: startedAt,
          duration_ms: durationMs,
          status_code: result.statusCode,
          error: result.error === null ? null : result.error.slice(0, 500),
          outcome: result.ok ? 'success' : 'failure',
        })
        .execute();
      await db
        .updateTable('notification_delivery')
        .set({
          status,
          attempts: attempt,
          next_attempt_at: next,
          last_status_code: result.statusCode,
          last_error: result.error === null ? null : result.error.slice(0, 500),
          updated_at: at,
          finished_at: status === 'pending' ? null : at,
        })
        .where('id', '=', row.id)
        .execute();
    });
    if (status === 'failed') {
      this.deps.log?.warn(
        { delivery: row.id, target: row.target_id, attempts: attempt, error: result.error },
        'notification delivery failed for good',
      );
    }
    return status;
  }
}
