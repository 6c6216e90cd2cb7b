/**
 * Notification targets: signed webhooks and e-mail recipients that receive notices from a minimum
 * severity on. Administered with `settings:admin`; every change is audited in its transaction (never
 * with the secret or a URL path, which may hold a token: the audit names the host). A webhook's
 * secret is shown once, when it is created or replaced.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { actorOf, actorText } from './actor-text.js';
import type { NotifyDeps } from './config.js';
import {
  NotifySmtpNotConfigured,
  NotifyTargetExists,
  NotifyTargetInvalid,
  NotifyTargetNotFound,
} from './errors.js';
import type { HostPolicy } from './host-policy.js';
import type { NoticeEvent } from './notice.js';
import type { Severity } from './severity.js';
import type { NotificationTargetTable } from './tables.js';
import { notifyDb } from './tables.js';
import {
  checkEvents,
  checkName,
  checkRecipients,
  checkSecret,
  checkSeverity,
  checkWebhookUrl,
  type TargetInput,
  type TargetKind,
  type TargetPatch,
} from './target-input.js';

/** A target as shown (never its secret). */
export interface TargetView {
  readonly id: string;
  readonly name: string;
  readonly kind: TargetKind;
  readonly url: string | null;
  readonly recipients: string[] | null;
  readonly events: NoticeEvent[];
  readonly min_severity: Severity;
  readonly enabled: boolean;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** A target after a change, with its secret when the change created or replaced it (shown once). */
export interface TargetWithSecret {
  readonly target: TargetView;
  readonly secret: string | null;
}

/** The view of a stored target. */
export function toTargetView(row: NotificationTargetTable): TargetView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as TargetKind,
    url: row.url,
    recipients: row.recipients === null ? null : (JSON.parse(row.recipients) as string[]),
    events: JSON.parse(row.events) as NoticeEvent[],
    min_severity: row.min_severity as Severity,
    enabled: row.enabled === 1,
    created_by: actorOf(row.created_by),
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** The host of a webhook URL, or the addresses of an e-mail target: what the log and audit show. */
export function destinationOf(row: Pick<NotificationTargetTable, 'url' | 'recipients'>): string {
  if (row.url !== null) return new URL(row.url).host;
  return (JSON.parse(row.recipients ?? '[]') as string[]).join(', ');
}

const PLAIN = 'plain.';

/** Administration of targets. */
export class NotificationTargets {
  constructor(
    private readonly deps: NotifyDeps,
    private readonly policy: HostPolicy,
  ) {}

  /** Creates a target after checking its URL (allow-list, resolved addresses) or its recipients. */
  async create(input: TargetInput, actor: Actor): Promise<TargetWithSecret> {
    const id = newId(this.deps.clock.now());
    const name = checkName(input.name);
    let url: string | null = null;
    let secret: string | null = null;
    let recipients: string[] | null = null;
    if (input.kind === 'webhook') {
      if (input.recipients !== undefined) throw NotifyTargetInvalid('a webhook target takes no recipients');
      url = await checkWebhookUrl(this.policy, input.url);
      secret = checkSecret(input.secret);
    } else if (input.kind === 'email') {
      if (input.url !== undefined || input.secret !== undefined) {
        throw NotifyTargetInvalid('an e-mail target takes no url or secret');
      }
      if (!this.deps.config.smtp) throw NotifySmtpNotConfigured();
      recipients = checkRecipients(input.recipients);
    } else throw NotifyTargetInvalid('body.kind must be webhook or email');
    const at = isoUtc(this.deps.clock.now());
    const row: NotificationTargetTable = {
      id,
      name,
      kind: input.kind,
      url,
      secret: secret === null ? null : this.seal(id, secret),
      recipients: recipients === null ? null : canonicalJson(recipients),
      events: canonicalJson(checkEvents(input.events)),
      min_severity: checkSeverity(input.min_severity),
      enabled: input.enabled === false ? 0 : 1,
      created_by: actorText(actor),
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await transact(this.deps.db, async (trx) => {
      const db = notifyDb(trx);
      const taken = await db
        .selectFrom('notification_target')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirst();
      if (taken) throw NotifyTargetExists(`a notification target named ${JSON.stringify(name)} exists`);
      await db.insertInto('notification_target').values(row).execute();
      await this.audit(trx, actor, 'notification.target.create', row, { secret_set: secret !== null });
    });
    return { target: toTargetView(row), secret };
  }

  /** Every target, by name. */
  async list(): Promise<TargetView[]> {
    const rows = await notifyDb(this.deps.db)
      .selectFrom('notification_target')
      .selectAll()
      .orderBy('name')
      .execute();
    return rows.map(toTargetView);
  }

  /** One target; `FK_ERR_NOTIFY_TARGET_NOT_FOUND` otherwise. */
  async get(id: string): Promise<TargetView> {
    return toTargetView(await this.require(this.deps.db, id));
  }

  /** The stored target. */
  async require(db: Executor, id: string): Promise<NotificationTargetTable> {
    const row = await notifyDb(db)
      .selectFrom('notification_target')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw NotifyTargetNotFound(`notification target ${id} does not exist`);
    return row;
  }

  /** Changes a target; a new URL is checked as at creation, a new secret is returned once. */
  async update(id: string, patch: TargetPatch, actor: Actor): Promise<TargetWithSecret> {
    const before = await this.require(this.deps.db, id);
    const webhook = before.kind === 'webhook';
    if (!webhook && (patch.url !== undefined || patch.secret !== undefined)) {
      throw NotifyTargetInvalid('an e-mail target takes no url or secret');
    }
    if (webhook && patch.recipients !== undefined)
      throw NotifyTargetInvalid('a webhook target takes no recipients');
    const url =
      webhook && patch.url !== undefined ? await checkWebhookUrl(this.policy, patch.url) : before.url;
    const secret = webhook && patch.secret !== undefined ? checkSecret(patch.secret) : null;
    const set = {
      ...(patch.name === undefined ? {} : { name: checkName(patch.name) }),
      url,
      ...(secret === null ? {} : { secret: this.seal(id, secret) }),
      ...(patch.recipients === undefined
        ? {}
        : { recipients: canonicalJson(checkRecipients(patch.recipients)) }),
      ...(patch.events === undefined ? {} : { events: canonicalJson(checkEvents(patch.events)) }),
      ...(patch.min_severity === undefined ? {} : { min_severity: checkSeverity(patch.min_severity) }),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
      updated_at: isoUtc(this.deps.clock.now()),
      version: before.version + 1,
    };
    const after = await transact(this.deps.db, async (trx) => {
      const db = notifyDb(trx);
      if (set.name !== undefined && set.name !== before.name) {
        const taken = await db
          .selectFrom('notification_target')
          .select('id')
          .where('name', '=', set.name)
          .executeTakeFirst();
        if (taken) throw NotifyTargetExists(`a notification target named ${JSON.stringify(set.name)} exists`);
      }
      const row = await db
        .updateTable('notification_target')
        .set(set)
        .where('id', '=', id)
        .where('version', '=', before.version)
        .returningAll()
        .executeTakeFirst();
      if (!row)
        throw NotifyTargetNotFound(`notification target ${id} changed or disappeared meanwhile; reload it`);
      await this.audit(trx, actor, 'notification.target.update', row, {
        changed: Object.keys(patch)
          .filter((k) => k !== 'secret')
          .sort(),
        secret_replaced: secret !== null,
      });
      return row;
    });
    return { target: toTargetView(after), secret };
  }

  /** Deletes a target; its pending deliveries end `failed` (their log stays). */
  async delete(id: string, actor: Actor): Promise<{ id: string; cancelled_deliveries: number }> {
    return transact(this.deps.db, async (trx) => {
      const row = await this.require(trx, id);
      const db = notifyDb(trx);
      const at = isoUtc(this.deps.clock.now());
      const cancelled = await db
        .updateTable('notification_delivery')
        .set({
          status: 'failed',
          last_error: 'target deleted',
          next_attempt_at: null,
          finished_at: at,
          updated_at: at,
        })
        .where('target_id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      await db.deleteFrom('notification_target').where('id', '=', id).execute();
      const n = Number(cancelled.numUpdatedRows);
      await this.audit(trx, actor, 'notification.target.delete', row, { cancelled_deliveries: n });
      return { id, cancelled_deliveries: n };
    });
  }

  /** The clear signing secret of a webhook target. */
  secretOf(row: NotificationTargetTable): string {
    const stored = row.secret ?? '';
    if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
    if (!this.deps.sealer)
      throw new Error(`the secret of target ${row.id} is sealed but no sealer is configured`);
    return this.deps.sealer.open(stored, `notification_target:${row.id}`);
  }

  private seal(id: string, secret: string): string {
    const sealer = this.deps.sealer;
    return sealer ? sealer.seal(secret, `notification_target:${id}`) : `${PLAIN}${secret}`;
  }

  private audit(
    trx: Executor,
    actor: Actor,
    action: string,
    row: NotificationTargetTable,
    extra: Record<string, unknown>,
  ) {
    return this.deps.audit.append(trx, {
      actor,
      action,
      target: { type: 'notification_target', id: row.id },
      payload: {
        name: row.name,
        kind: row.kind,
        destination: destinationOf(row),
        events: JSON.parse(row.events) as unknown,
        min_severity: row.min_severity,
        enabled: row.enabled === 1,
        ...extra,
      },
    });
  }
}
