import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../notify/fixtures.js';
import { type AlertsHarness, alertsHarness, fakeDirectory, routeApp } from './fixtures.js';

const READER = { 'x-test-user': 'u-reader', 'x-test-permissions': 'alert:read,session:self' };
const WORKER = { 'x-test-user': 'u-analyst', 'x-test-permissions': 'alert:read,alert:work,session:self' };
const ADMIN = { 'x-test-user': 'u-admin', 'x-test-permissions': 'settings:admin,session:self' };
const OWNER = { 'x-test-user': 'u-owner', 'x-test-permissions': 'alert:read,session:self' };

describe('/api/v1/alerts and notifications over HTTP', () => {
  let h: AlertsHarness;
  let app: FastifyInstance;
  let server: WebhookServer;
  beforeAll(async () => {
    server = await startWebhookServer();
    h = await alertsHarness('sqlite', {
      directory: fakeDirectory({
        users: ['u-owner', 'u-analyst', 'u-boss'],
        managers: { 'u-owner': 'u-boss' },
      }),
    });
    app = await routeApp(h.alerts);
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
    await h?.drop();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: object = {},
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...headers } as Record<string, string>,
      ...(payload === undefined ? {} : { payload }),
    });

  it('answers 401 without credentials and 403 to a reader who tries to work an alert', async () => {
    expect((await call('GET', '/alerts')).statusCode).toBe(401);
    const denied = await call('POST', '/alerts', READER, {
      subject: '*',
      severity: 'high',
      title: { en: 'x', zh: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    expect((await call('GET', '/notification-targets', WORKER)).statusCode).toBe(403);
  });

  it('raises, deduplicates, acknowledges, escalates and resolves an alert', async () => {
    const body = {
      key: 'manual:outage',
      subject: 'decision-api',
      severity: 'high',
      title: { en: 'Decision API p99 above 800 ms', zh: '决策接口 P99 延迟超过 800 毫秒' },
      details: { p99_ms: 912 },
      owner: 'u-owner',
    };
    const created = await call('POST', '/alerts', WORKER, body);
    expect(created.statusCode).toBe(201);
    const alert = created.json().alert;
    expect(alert).toMatchObject({
      source: 'manual',
      status: 'open',
      owner_id: 'u-owner',
      details: { p99_ms: 912 },
    });
    const repeated = await call('POST', '/alerts', WORKER, body);
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({ outcome: 'repeated', alert: { id: alert.id, occurrences: 2 } });

    const list = await call(
      'GET',
      '/alerts?status=open&severity=high&owner=u-owner&key=manual:outage',
      READER,
    );
    expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([alert.id]);
    expect((await call('GET', `/alerts/${alert.id}`, READER)).json().version).toBe(2);

    const ack = await call('POST', `/alerts/${alert.id}/acknowledge`, WORKER, { note: 'on it' });
    expect(ack.json()).toMatchObject({
      status: 'acknowledged',
      acknowledged_by: { type: 'user', id: 'u-analyst' },
    });
    const again = await call('POST', `/alerts/${alert.id}/acknowledge`, WORKER, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('FK_ERR_ALERT_STATE');

    const up = await call('POST', `/alerts/${alert.id}/escalate`, WORKER, { reason: 'vendor outage' });
    expect(up.json()).toMatchObject({ escalation_level: 1, escalated_to: { recipients: ['u-boss'] } });

    const noNote = await call('POST', `/alerts/${alert.id}/resolve`, WORKER, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().code).toBe('FK_ERR_ALERT_NOTE_REQUIRED');
    const zh = await app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/resolve`,
      headers: { ...WORKER, 'accept-language': 'zh-CN' },
      payload: { note: '' },
    });
    expect(zh.json().title).toBe('关闭预警需要填写处理说明');
    const resolved = await call('POST', `/alerts/${alert.id}/resolve`, WORKER, {
      note: 'failover to region B',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution_note: 'failover to region B' });

    const reassign = await call('POST', `/alerts/${alert.id}/reassign`, WORKER, { owner: 'u-analyst' });
    expect(reassign.statusCode).toBe(409);
    expect((await call('GET', '/alerts/missing', READER)).json().code).toBe('FK_ERR_ALERT_NOT_FOUND');
  });

  it('shows each person their own inbox and lets them mark it read', async () => {
    const inbox = await call('GET', '/notifications?unread=true', OWNER);
    expect(inbox.statusCode).toBe(200);
    const page = inbox.json();
    expect(page.unread).toBeGreaterThan(0);
    const first = page.items[0];
    expect(first.title.zh.length).toBeGreaterThan(0);
    expect((await call('POST', `/notifications/${first.id}/read`, READER, {})).statusCode).toBe(404);
    expect((await call('POST', `/notifications/${first.id}/read`, OWNER, {})).json().read_at).not.toBeNull();
    const all = await call('POST', '/notifications/read-all', OWNER, {});
    expect(all.json().marked).toBe(page.unread - 1);
    expect((await call('GET', '/notifications', OWNER)).json().unread).toBe(0);
  });

  it('lets administrators manage targets, refusing hosts outside the allow-list with a 422', async () => {
    const refused = await call('POST', '/notification-targets', ADMIN, {
      name: 'outside',
      kind: 'webhook',
      url: 'http://localhost:1/x',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('FK_ERR_NOTIFY_HOST_NOT_ALLOWED');
    const email = await call('POST', '/notification-targets', ADMIN, {
      name: 'mail',
      kind: 'email',
      recipients: ['risk@bank.test'],
    });
    expect(email.json().code).toBe('FK_ERR_NOTIFY_SMTP_NOT_CONFIGURED');

    const created = await call('POST', '/notification-targets', ADMIN, {
      name: 'ops',
      kind: 'webhook',
      url: server.url,
      min_severity: 'high',
    });
    expect(created.statusCode).toBe(201);
    const { target, secret } = created.json();
    expect(secret).toEqual(expect.any(String));
    expect(target).toMatchObject({ kind: 'webhook', url: server.url, min_severity: 'high', enabled: true });
    expect(
      JSON.stringify((await call('GET', `/notification-targets/${target.id}`, ADMIN)).json()),
    ).not.toContain(secret);

    const patched = await call('PATCH', `/notification-targets/${target.id}`, ADMIN, {
      events: ['alert.raised'],
    });
    expect(patched.json()).toMatchObject({ target: { events: ['alert.raised'], version: 2 }, secret: null });

    const test = await call('POST', `/notification-targets/${target.id}/test`, ADMIN, {});
    expect(test.statusCode).toBe(202);
    expect(test.json()).toMatchObject({ event: 'notification.test', status: 'pending', target_name: 'ops' });
    await h.alerts.notifier.deliverDue();
    expect(server.requests).toHaveLength(1);

    const log = await call('GET', `/notification-deliveries?target_id=${target.id}`, READER);
    expect(log.json().items[0]).toMatchObject({ status: 'delivered', attempt_log: [{ status_code: 200 }] });
    expect((await call('GET', `/notification-deliveries/${test.json().id}`, READER)).json().attempts).toBe(1);
    expect((await call('GET', '/notification-deliveries', OWNER)).statusCode).toBe(200);

    const deleted = await call('DELETE', `/notification-targets/${target.id}`, ADMIN);
    expect(deleted.json()).toEqual({ id: target.id, cancelled_deliveries: 0 });
    expect((await call('GET', `/notification-targets/${target.id}`, ADMIN)).statusCode).toBe(404);
  });
});
