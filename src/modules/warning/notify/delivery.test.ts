import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { FkError } from '../../../kernel/errors.js';
import { transact } from '../../../store/transaction.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import {
  decodeWords,
  fakeResolver,
  type NotifyHarness,
  notifyHarness,
  readMail,
  type SmtpSink,
  startSmtpSink,
  startWebhookServer,
  type WebhookServer,
} from './fixtures.js';
import type { Notice } from './notice.js';
import { verifyWebhook } from './signature.js';

const ADMIN = { type: 'user', id: 'u-admin' } as const;

const notice = (over: Partial<Notice> = {}): Notice => ({
  event: 'alert.raised',
  severity: 'high',
  title: { en: 'New alert (high): NPL ratio entered red', zh: '新预警（高）：不良率进入红色区间' },
  body: { en: 'Severity: high.', zh: '级别：高。' },
  recipients: ['u-owner'],
  alert: { id: 'a-1', key: 'kri:npl', subject: 'portfolio' },
  ...over,
});

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  return 'no error';
}

describeEachDialect('notification delivery', (dialect) => {
  let h: NotifyHarness;
  let server: WebhookServer;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await notifyHarness(
      dialect,
      {
        allowedHosts: ['127.0.0.1', '*.example.com', 'localhost'],
        maxAttempts: 3,
        smtp: {
          host: '127.0.0.1',
          port: sink.port,
          security: 'none',
          from: 'fengkong@bank.test',
          timeoutMs: 5000,
        },
      },
      fakeResolver({
        'hooks.example.com': ['93.184.215.14'],
        'internal.example.com': ['10.0.0.7'],
        localhost: ['127.0.0.1'],
      }),
    );
  });
  afterAll(async () => {
    await sink?.close();
    await h?.drop();
  });
  afterEach(async () => {
    await server?.close();
    for (const t of await h.notifier.targets.list()) await h.notifier.targets.delete(t.id, ADMIN);
  });

  const send = (n: Notice) => transact(h.database.store.db, (trx) => h.notifier.notify(trx, n));

  it('retries a webhook that fails once, signs every attempt, and logs the failure', async () => {
    server = await startWebhookServer([500, 200]);
    const { target, secret } = await h.notifier.targets.create(
      { name: 'ops hook', kind: 'webhook', url: server.url },
      ADMIN,
    );
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await send(notice())).toEqual({ inbox: 1, queued: 1 });

    expect(await h.notifier.deliverDue()).toEqual({ attempted: 1, delivered: 0, failed: 0 });
    expect(await h.notifier.deliverDue()).toEqual({ attempted: 0, delivered: 0, failed: 0 });
    h.clock.advance(1000);
    expect(await h.notifier.deliverDue()).toEqual({ attempted: 1, delivered: 1, failed: 0 });

    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      const ok = verifyWebhook({
        secret: secret ?? '',
        body: request.body,
        timestamp: request.headers['x-fengkong-timestamp'] as string,
        signature: request.headers['x-fengkong-signature'] as string,
        nowMs: h.clock.now(),
      });
      expect(ok).toBe(true);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-fengkong-event']).toBe('alert.raised');
    }
    const body = JSON.parse(server.requests[0]?.body ?? '{}');
    expect(body).toMatchObject({ event: 'alert.raised', severity: 'high', alert: { id: 'a-1' } });
    expect(server.requests[0]?.headers['x-fengkong-delivery']).toBe(body.id);

    const log = await h.notifier.deliveries.list({ target_id: target.id });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      destination: `127.0.0.1:${server.port}`,
      last_status_code: 200,
      attempt_log: [
        {
          attempt: 1,
          status_code: 500,
          outcome: 'failure',
          error: 'HTTP 500 Internal Server Error: receiver is down',
        },
        { attempt: 2, status_code: 200, outcome: 'success', error: null },
      ],
    });
  });

  it('gives up after the configured attempts with exponential backoff', async () => {
    server = await startWebhookServer([503]);
    await h.notifier.targets.create({ name: 'down hook', kind: 'webhook', url: server.url }, ADMIN);
    await send(notice());
    const started = h.clock.now();
    await h.notifier.deliverDue();
    const [first] = (await h.notifier.deliveries.list({ status: 'pending' })).items;
    expect(first?.next_attempt_at).toBe(new Date(started + 1000).toISOString());
    h.clock.advance(1000);
    await h.notifier.deliverDue();
    const [second] = (await h.notifier.deliveries.list({ status: 'pending' })).items;
    expect(second?.next_attempt_at).toBe(new Date(started + 3000).toISOString());
    h.clock.advance(1999);
    expect((await h.notifier.deliverDue()).attempted).toBe(0);
    h.clock.advance(1);
    expect(await h.notifier.deliverDue()).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    const [failed] = (await h.notifier.deliveries.list({ status: 'failed' })).items;
    expect(failed).toMatchObject({
      attempts: 3,
      max_attempts: 3,
      last_status_code: 503,
      next_attempt_at: null,
    });
    expect(failed?.attempt_log.map((a) => a.status_code)).toEqual([503, 503, 503]);
    h.clock.advance(3_600_000);
    expect((await h.notifier.deliverDue()).attempted).toBe(0);
    expect(server.requests).toHaveLength(3);
  });

  it('refuses targets outside the allowed hosts or resolving to private addresses, without a request', async () => {
    server = await startWebhookServer();
    const strict = h.restart({ allowedHosts: ['*.example.com', 'localhost'] });
    const local = `http://localhost:${server.port}/x`;
    expect(await codeOf(strict.targets.create({ name: 'a', kind: 'webhook', url: server.url }, ADMIN))).toBe(
      'FK_ERR_NOTIFY_HOST_NOT_ALLOWED',
    );
    expect(
      await codeOf(strict.targets.create({ name: 'b', kind: 'webhook', url: 'https://evil.net/' }, ADMIN)),
    ).toBe('FK_ERR_NOTIFY_HOST_NOT_ALLOWED');
    expect(await codeOf(strict.targets.create({ name: 'c', kind: 'webhook', url: local }, ADMIN))).toBe(
      'FK_ERR_NOTIFY_ADDRESS_NOT_ALLOWED',
    );
    expect(
      await codeOf(
        strict.targets.create({ name: 'd', kind: 'webhook', url: 'https://internal.example.com/' }, ADMIN),
      ),
    ).toBe('FK_ERR_NOTIFY_ADDRESS_NOT_ALLOWED');
    expect(await strict.targets.list()).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
    const allowed = await h.notifier.targets.create({ name: 'local', kind: 'webhook', url: local }, ADMIN);
    expect(allowed.target.url).toBe(local);
  });

  it('stops at once when the allow-list no longer takes a configured target', async () => {
    server = await startWebhookServer();
    await h.notifier.targets.create({ name: 'later refused', kind: 'webhook', url: server.url }, ADMIN);
    await send(notice());
    const narrowed = h.restart({ allowedHosts: ['*.example.com'] });
    expect(await narrowed.deliverDue()).toEqual({ attempted: 1, delivered: 0, failed: 1 });
    const [failed] = (await h.notifier.deliveries.list({ status: 'failed' })).items;
    expect(failed?.last_error).toContain('refused: host 127.0.0.1 is not in the allowed hosts');
    expect(server.requests).toHaveLength(0);
  });

  it('e-mails both languages to the SMTP sink', async () => {
    await h.notifier.targets.create(
      {
        name: 'risk team',
        kind: 'email',
        recipients: ['risk@bank.test', 'cro@bank.test'],
        min_severity: 'high',
      },
      ADMIN,
    );
    expect((await send(notice({ severity: 'medium' }))).queued).toBe(0);
    expect((await send(notice())).queued).toBe(1);
    expect(await h.notifier.deliverDue()).toMatchObject({ delivered: 1 });
    const mail = sink.messages.at(-1);
    expect(mail?.to).toEqual(['risk@bank.test', 'cro@bank.test']);
    const read = readMail(mail?.data ?? '');
    const subject = decodeWords(read.headers['subject'] ?? '');
    expect(subject).toContain('New alert (high): NPL ratio entered red');
    expect(subject).toContain('新预警（高）：不良率进入红色区间');
    expect(read.text).toContain('Severity: high.');
    expect(read.text).toContain('级别：高。');
    const [logged] = (await h.notifier.deliveries.list({ status: 'delivered', limit: 1 })).items;
    expect(logged).toMatchObject({
      kind: 'email',
      destination: 'risk@bank.test, cro@bank.test',
      last_status_code: 250,
    });
  });

  it('keeps queued deliveries across a restart', async () => {
    server = await startWebhookServer();
    await h.notifier.targets.create({ name: 'restart hook', kind: 'webhook', url: server.url }, ADMIN);
    await send(notice({ event: 'alert.escalated' }));
    const restarted = h.restart();
    expect(await restarted.deliverDue()).toMatchObject({ delivered: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('fills inboxes and marks notices read for their owner only', async () => {
    await send(notice({ recipients: ['u-a', 'u-b', 'u-a'] }));
    const page = await h.notifier.inbox.list('u-a', { unread: true });
    expect(page.unread).toBe(1);
    const item = page.items[0];
    expect(item?.title.zh).toBe('新预警（高）：不良率进入红色区间');
    expect(await codeOf(h.notifier.inbox.markRead('u-b', item?.id ?? ''))).toBe('FK_ERR_NOTIFY_NOT_FOUND');
    expect((await h.notifier.inbox.markRead('u-a', item?.id ?? '')).read_at).not.toBeNull();
    expect((await h.notifier.inbox.list('u-a', { unread: true })).unread).toBe(0);
    expect(await h.notifier.inbox.markAllRead('u-b')).toBe(1);
  });

  it('audits target changes without the secret and fails the pending deliveries of a deleted target', async () => {
    const { target } = await h.notifier.targets.create(
      {
        name: 'to delete',
        kind: 'webhook',
        url: 'https://hooks.example.com/t/abc',
        secret: 'a-secret-of-16-chars',
      },
      ADMIN,
    );
    await send(notice());
    expect(await h.notifier.targets.delete(target.id, SYSTEM_ACTOR)).toEqual({
      id: target.id,
      cancelled_deliveries: 1,
    });
    const entries = await h.audit.list({ limit: 50 });
    const created = entries.find(
      (e) => e.action === 'notification.target.create' && e.target.id === target.id,
    );
    expect(created?.payload).toMatchObject({ destination: 'hooks.example.com', secret_set: true });
    expect(JSON.stringify(entries)).not.toContain('a-secret-of-16-chars');
    expect(JSON.stringify(entries)).not.toContain('/t/abc');
  });
});
