import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import { type SessionHeaders, seedUser, sessionFor } from '../../../test/support/identity.js';
import { ManualClock } from '../../kernel/clock.js';

describeEachDialect('API keys', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: SessionHeaders;

  const create = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: admin, payload });
  const asKey = (key: string, url = '/api/v1/audit') =>
    t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  beforeEach(async () => {
    clock = new ManualClock('2026-03-02T09:00:00.000Z');
    t = await createTestApp(dialect, { clock });
    const user = await seedUser(t.runtime, { username: 'ada', roles: ['admin'], mfa: false });
    admin = await sessionFor(t.runtime, user.id);
  });
  afterEach(() => t.close());

  it('creates a key shown once, authenticates with it, records its use, and revokes it', async () => {
    const res = await create({ name: 'siem reader', roles: ['auditor'] });
    expect(res.statusCode).toBe(201);
    const { key, api_key } = res.json() as {
      key: string;
      api_key: { id: string; hint: string; status: string };
    };
    expect(key).toMatch(/^fk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(api_key.hint.replace('…', ''))).toBe(true);
    expect(api_key.status).toBe('active');

    clock.advance(5_000);
    const used = await asKey(key);
    expect(used.statusCode).toBe(200);
    // No CSRF header is needed with a key, even for a POST.
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: { authorization: `Bearer ${key}` },
      payload: { checkpoints: [] },
    });
    expect(verify.statusCode).toBe(200);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin });
    expect(list.body).not.toContain(key);
    const listed = (list.json() as { items: { id: string; last_used_at: string | null }[] }).items;
    expect(listed.find((k) => k.id === api_key.id)?.last_used_at).toBe('2026-03-02T09:00:05.000Z');

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${api_key.id}`,
      headers: admin,
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ status: 'revoked' });
    expect((await asKey(key)).statusCode).toBe(401);
    const denied = await t.runtime.audit.list({ action: 'auth.api_key', limit: 5 });
    expect(denied.map((e) => [e.outcome, (e.payload as { reason: string }).reason])).toEqual([
      ['denied', 'revoked'],
    ]);
  });

  it('stops a key at its expiry', async () => {
    const res = await create({
      name: 'temp',
      roles: ['integration'],
      expires_at: '2026-03-02T10:00:00.000Z',
    });
    const { key } = res.json() as { key: string };
    const decisionsProbe = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/session',
        headers: { authorization: `Bearer ${key}` },
      });
    // The key authenticates (403: a key has no session), then after expiry does not (401).
    expect((await decisionsProbe()).statusCode).toBe(403);
    clock.set('2026-03-02T10:00:00.000Z');
    expect((await decisionsProbe()).statusCode).toBe(401);
    admin = await sessionFor(t.runtime, (await t.runtime.identity.users.getByUsername('ada')).id);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin });
    expect((list.json() as { items: { status: string }[] }).items[0]?.status).toBe('expired');
  });

  it('scopes a key to a subset of its roles’ permissions', async () => {
    const narrow = await create({ name: 'verify only', roles: ['auditor'], permissions: ['audit:read'] });
    const { key } = narrow.json() as { key: string };
    expect((await asKey(key)).statusCode).toBe(200);
    expect((await asKey(key, '/api/v1/users')).statusCode).toBe(403);
    const wider = await create({ name: 'sneaky', roles: ['integration'], permissions: ['user:admin'] });
    expect(wider.statusCode).toBe(422);
    expect(wider.json()).toMatchObject({ code: 'FK_ERR_API_KEY_SCOPE' });
  });

  it('refuses keys for person-only roles, past expiries and unknown permissions', async () => {
    for (const roles of [['admin'], ['approver'], ['integration', 'admin']]) {
      const res = await create({ name: 'nope', roles });
      expect(res.statusCode, roles.join()).toBe(422);
      expect(res.json()).toMatchObject({ code: 'FK_ERR_ROLE_NOT_ALLOWED' });
    }
    const past = await create({
      name: 'late',
      roles: ['integration'],
      expires_at: '2026-03-01T00:00:00.000Z',
    });
    expect(past.json()).toMatchObject({ code: 'FK_ERR_EXPIRY_IN_PAST' });
    const unknown = await create({ name: 'x', roles: ['integration'], permissions: ['everything'] });
    expect(unknown.statusCode).toBe(400);
    const empty = await create({ name: 'x', roles: [] });
    expect(empty.statusCode).toBe(400);
  });

  it('ignores an Authorization header that is not a valid key, and answers 401', async () => {
    for (const authorization of [
      'Bearer fk_short',
      'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
      'Bearer',
      `Bearer fk_${'A'.repeat(43)}`,
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit',
        headers: { authorization, ...admin },
      });
      expect(res.statusCode, authorization).toBe(401);
    }
  });

  it('answers 404 for revoking a key that does not exist', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/api-keys/01900000-0000-7000-8000-000000000000',
      headers: admin,
    });
    expect(res.statusCode).toBe(404);
  });
});
