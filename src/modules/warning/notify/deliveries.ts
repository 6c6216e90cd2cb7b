/**
 * The delivery queue and its log. A notice to a target becomes a `pending` row in the transaction
 * that made the notice, so a restart loses nothing; the delivery job (`delivery-worker.ts`) sends
 * due rows and records every attempt. The log shows each delivery with all its attempts.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import { DEFAULT_MAX_ATTEMPTS, type NotifyDeps } from './config.js';
import { NotifyDeliveryNotFound } from './errors.js';
import type { Notice, NoticeEvent } from './notice.js';
import { type Severity, severityRank } from './severity.js';
import {
  type NotificationAttemptTable,
  type NotificationDeliveryTable,
  type NotificationTargetTable,
  type NotifyDb,
  notifyDb,
} from './tables.js';
import { destinationOf } from './targets.js';

/** One attempt, as shown. */
export interface AttemptView {
  readonly attempt: number;
  readonly started_at: string;
  readonly duration_ms: number;
  readonly status_code: number | null;
  readonly error: string | null;
  readonly outcome: 'success' | 'failure';
}

/** One delivery and its attempts, as shown. */
export interface DeliveryView {
  readonly id: string;
  readonly target_id: string;
  readonly target_name: string;
  readonly kind: 'webhook' | 'email';
  readonly destination: string;
  readonly event: NoticeEvent;
  readonly alert_id: string | null;
  readonly severity: Severity;
  readonly status: 'pending' | 'delivered' | 'failed';
  readonly attempts: number;
  readonly max_attempts: number;
  readonly next_attempt_at: string | null;
  readonly last_status_code: number | null;
  readonly last_error: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly finished_at: string | null;
  readonly attempt_log: AttemptView[];
}

/** Which deliveries to list. */
export interface DeliveryQuery {
  readonly status?: string | undefined;
  readonly target_id?: string | undefined;
  readonly alert_id?: string | undefined;
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
}

/** The document a webhook receives (and an e-mail is written from). */
export interface DeliveryPayload {
  readonly id: string;
  readonly event: NoticeEvent;
  readonly created_at: string;
  readonly severity: Severity;
  readonly title: Notice['title'];
  readonly body: Notice['body'];
  readonly alert: Notice['alert'];
}

function toView(row: NotificationDeliveryTable, attempts: readonly NotificationAttemptTable[]): DeliveryView {
  const { payload: _payload, ...rest } = row;
  return {
    ...rest,
    kind: row.kind as DeliveryView['kind'],
    event: row.event as NoticeEvent,
    severity: row.severity as Severity,
    status: row.status as DeliveryView['status'],
    attempt_log: attempts.map(({ delivery_id: _d, ...a }) => ({
      ...a,
      outcome: a.outcome as AttemptView['outcome'],
    })),
  };
}

/** Whether `target` takes `notice`: enabled, subscribed to its event, at or above its severity. */
export function targetTakes(target: NotificationTargetTable, notice: Notice): boolean {
  const events = JSON.parse(target.events) as string[];
  return (
    target.enabled === 1 &&
    events.includes(notice.event) &&
    severityRank(notice.severity) >= severityRank(target.min_severity as Severity)
  );
}

/** The queue and the log. */
export class Deliveries {
  constructor(private readonly deps: NotifyDeps) {}

  /**
   * Queues `notice` inside `trx` for every target that takes it, or for target `only` alone (a
   * test); returns the ids of the queued deliveries.
   */
  async enqueue(trx: Executor, notice: Notice, only?: string): Promise<string[]> {
    const db = notifyDb(trx);
    let select = db.selectFrom('notification_target').selectAll();
    if (only !== undefined) select = select.where('id', '=', only);
    const targets = (await select.orderBy('id').execute()).filter(
      (t) => only !== undefined || targetTakes(t, notice),
    );
    if (targets.length === 0) return [];
    const now = this.deps.clock.now();
    const at = isoUtc(now);
    const rows: NotificationDeliveryTable[] = targets.map((target) => {
      const id = newId(now);
      const payload: DeliveryPayload = {
        id,
        event: notice.event,
        created_at: at,
        severity: notice.severity,
        title: notice.title,
        body: notice.body,
        alert: notice.alert,
      };
      return {
        id,
        target_id: target.id,
        target_name: target.name,
        kind: target.kind,
        destination: destinationOf(target),
        event: notice.event,
        alert_id: notice.alert?.id ?? null,
        severity: notice.severity,
        payload: canonicalJson(payload),
        status: 'pending',
        attempts: 0,
        max_attempts: this.deps.config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        next_attempt_at: at,
        last_status_code: null,
        last_error: null,
        created_at: at,
        updated_at: at,
        finished_at: null,
      };
    });
    await db.insertInto('notification_delivery').values(rows).execute();
    return rows.map((r) => r.id);
  }

  /** A page of the log, newest first, each delivery with its attempts. */
  async list(query: DeliveryQuery = {}): Promise<{ items: DeliveryView[]; next_cursor: string | null }> {
    const db = notifyDb(this.deps.db);
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let select = db.selectFrom('notification_delivery').selectAll();
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.target_id !== undefined) select = select.where('target_id', '=', query.target_id);
    if (query.alert_id !== undefined) select = select.where('alert_id', '=', query.alert_id);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const attempts = await attemptsOf(
      db,
      page.map((r) => r.id),
    );
    return {
      items: page.map((row) => toView(row, attempts.get(row.id) ?? [])),
      next_cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** One delivery with its attempts. */
  async get(id: string): Promise<DeliveryView> {
    const db = notifyDb(this.deps.db);
    const row = await db
      .selectFrom('notification_delivery')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw NotifyDeliveryNotFound(`notification delivery ${id} does not exist`);
    return toView(row, (await attemptsOf(db, [id])).get(id) ?? []);
  }
}

async function attemptsOf(
  db: NotifyDb,
  ids: readonly string[],
): Promise<Map<string, NotificationAttemptTable[]>> {
  const out = new Map<string, NotificationAttemptTable[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('notification_attempt')
    .selectAll()
    .where('delivery_id', 'in', ids)
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
  for (const row of rows) out.set(row.delivery_id, [...(out.get(row.delivery_id) ?? []), row]);
  return out;
}
