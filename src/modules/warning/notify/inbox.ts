/**
 * Each person's in-app inbox: notices addressed to them, newest first, unread until they mark them
 * read. Rows are written in the transaction of the alert change they announce. Reading one's own
 * inbox changes nothing anyone else sees, so marking read is not audited.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import { newId } from '../../../kernel/ids.js';
import type { Executor } from '../../../store/transaction.js';
import type { NotifyDeps } from './config.js';
import { NotifyNotFound } from './errors.js';
import type { Notice, NoticeEvent } from './notice.js';
import type { Severity } from './severity.js';
import { type NotificationInboxTable, notifyDb } from './tables.js';

/** A notice in an inbox, as shown. */
export interface InboxItem {
  readonly id: string;
  readonly event: NoticeEvent;
  readonly alert_id: string | null;
  readonly severity: Severity;
  readonly title: Text;
  readonly body: Text;
  readonly created_at: string;
  readonly read_at: string | null;
}

/** A page of an inbox and how many notices are unread in all. */
export interface InboxPage {
  readonly items: InboxItem[];
  readonly unread: number;
  /** Pass as `before` for the next page; null on the last. */
  readonly next_cursor: string | null;
}

/** Which part of an inbox to read. */
export interface InboxQuery {
  readonly unread?: boolean | undefined;
  readonly limit?: number | undefined;
  readonly before?: string | undefined;
}

function toItem(row: NotificationInboxTable): InboxItem {
  return {
    id: row.id,
    event: row.event as NoticeEvent,
    alert_id: row.alert_id,
    severity: row.severity as Severity,
    title: JSON.parse(row.title) as Text,
    body: JSON.parse(row.body) as Text,
    created_at: row.created_at,
    read_at: row.read_at,
  };
}

/** The in-app inboxes. */
export class Inbox {
  constructor(private readonly deps: NotifyDeps) {}

  /** Puts `notice` in each recipient's inbox, inside `trx`; returns how many were written. */
  async deliver(trx: Executor, notice: Notice): Promise<number> {
    const recipients = [...new Set(notice.recipients)];
    if (recipients.length === 0) return 0;
    const now = this.deps.clock.now();
    const at = isoUtc(now);
    const rows: NotificationInboxTable[] = recipients.map((user) => ({
      id: newId(now),
      user_id: user,
      event: notice.event,
      alert_id: notice.alert?.id ?? null,
      severity: notice.severity,
      title: canonicalJson(notice.title),
      body: canonicalJson(notice.body),
      created_at: at,
      read_at: null,
    }));
    await notifyDb(trx).insertInto('notification_inbox').values(rows).execute();
    return rows.length;
  }

  /** A page of `userId`'s inbox, newest first. */
  async list(userId: string, query: InboxQuery = {}): Promise<InboxPage> {
    const db = notifyDb(this.deps.db);
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let select = db.selectFrom('notification_inbox').selectAll().where('user_id', '=', userId);
    if (query.unread) select = select.where('read_at', 'is', null);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    const unread = await db
      .selectFrom('notification_inbox')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const page = rows.slice(0, limit);
    return {
      items: page.map(toItem),
      unread: Number(unread.n),
      next_cursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  /** Marks one of `userId`'s notices read (again is harmless); someone else's is not found. */
  async markRead(userId: string, id: string): Promise<InboxItem> {
    const db = notifyDb(this.deps.db);
    await db
      .updateTable('notification_inbox')
      .set({ read_at: isoUtc(this.deps.clock.now()) })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
    const row = await db
      .selectFrom('notification_inbox')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw NotifyNotFound(`notification ${id} is not in your inbox`);
    return toItem(row);
  }

  /** Marks every unread notice of `userId` read; returns how many. */
  async markAllRead(userId: string): Promise<number> {
    const result = await notifyDb(this.deps.db)
      .updateTable('notification_inbox')
      .set({ read_at: isoUtc(this.deps.clock.now()) })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
