import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  type SeededUser,
  type SessionHeaders,
  seedUser,
  sessionFor,
} from '../../../test/support/identity.js';
import { ManualClock } from '../../kernel/clock.js';
import { ROLE_NAMES } from './permissions.js';

describeEachDialect('users', (dialect) => {
  let t: TestApp;
  let admin: SeededUser;
  let headers: SessionHeaders;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload }) });
  const stored = (id: string) =>
    t.runtime.store.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    t = await createTestApp(dialect, { clock: new ManualClock('2026-03-02T09:00:00.000Z') });
    admin = await seedUser(t.runtime, { username: 'ada', roles: ['admin'] });
    headers = await sessionFor(t.runtime, admin.id);
  });
  afterEach(() => t.close());

  it('creates a user with a one-time password that must be changed, shown in that answer only', async () => {
    const res = await call('POST', '/users', {
      username: 'Bob.Li',
      display_name: 'Bob Li 李',
      roles: ['analyst'],
    });
    expect(res.statusCode).toBe(201);
    const { user, initial_password } = res.json() as {
      user: { id: string; username: string };
      initial_password: string;
    };
    expect(user.username).toBe('bob.li');
    expect(initial_password.length).toBeGreaterThanOrEqual(20);
    expect(res.headers['cache-control']).toBe('no-store');
    const row = await stored(user.id);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.must_change_password).toBe(1);
    const again = await call('GET', `/users/${user.id}`);
    expect(again.body).not.toContain(initial_password);
    expect(again.body).not.toContain('argon2');
    expect((await call('POST', '/users', { username: 'bob.li', roles: [] })).statusCode).toBe(409);
  });

  it('ignores mass-assigned fields in every body and never stores them', async () => {
    const res = await call('POST', '/users', {
      username: 'mallory',
      roles: ['analyst'],
      status: 'disabled',
      permissions: ['user:admin'],
      role: 'admin',
      password_hash: 'x',
      mfa_secret: 'x',
      must_change_password: false,
      id: '01900000-0000-7000-8000-000000000000',
    });
    expect(res.statusCode).toBe(201);
    const { user } = res.json() as { user: { id: string } };
    expect(user.id).not.toBe('01900000-0000-7000-8000-000000000000');
    let row = await stored(user.id);
    expect([row.status, row.roles, row.must_change_password, row.mfa_secret]).toEqual([
      'active',
      '["analyst"]',
      1,
      null,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const patch = await call('PATCH', `/users/${user.id}`, {
      display_name: 'Mallory',
      roles: ['admin'],
      status: 'disabled',
      username: 'root',
      version: 99,
    });
    expect(patch.statusCode).toBe(200);
    row = await stored(user.id);
    expect([row.display_name, row.roles, row.status, row.username]).toEqual([
      'Mallory',
      '["analyst"]',
      'active',
      'mallory',
    ]);

    const mallory = await sessionFor(t.runtime, user.id);
    const password = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: mallory,
      payload: {
        current_password: 'wrong wrong wrong',
        new_password: 'whatever goes here',
        roles: ['admin'],
        status: 'x',
      },
    });
    expect(password.statusCode).toBe(422);
    expect((await stored(user.id)).roles).toBe('["analyst"]');

    const key = await call('POST', '/api-keys', {
      name: 'k',
      roles: ['integration'],
      created_by_id: 'someone',
      revoked_at: null,
      key_hash: 'x',
    });
    expect(key.statusCode).toBe(201);
    const keyRow = await t.runtime.store.db.selectFrom('api_key').selectAll().executeTakeFirstOrThrow();
    expect([keyRow.created_by_id, keyRow.key_hash === 'x']).toEqual([admin.id, false]);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'mallory', password: 'x'.repeat(12), roles: ['admin'] },
    });
    expect(login.statusCode).toBe(401);
  });

  it('enforces separation of duties and refuses machine-only roles for people', async () => {
    const created = await call('POST', '/users', { username: 'carol', roles: ['analyst'] });
    const id = (created.json() as { user: { id: string } }).user.id;
    const both = await call('PUT', `/users/${id}/roles`, { roles: ['admin', 'approver'] });
    expect(both.statusCode).toBe(422);
    expect(both.json()).toMatchObject({ code: 'FK_ERR_ROLE_CONFLICT' });
    const machine = await call('PUT', `/users/${id}/roles`, { roles: ['integration'] });
    expect(machine.json()).toMatchObject({ code: 'FK_ERR_ROLE_NOT_ALLOWED' });
    const direct = await call('POST', '/users', { username: 'dave', roles: ['approver', 'admin'] });
    expect(direct.json()).toMatchObject({ code: 'FK_ERR_ROLE_CONFLICT' });
    const ok = await call('PUT', `/users/${id}/roles`, { roles: ['approver', 'auditor'] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ roles: ['approver', 'auditor'] });
    const audit = await t.runtime.audit.list({ action: 'user.roles.set', limit: 5 });
    expect(audit[0]?.payload).toEqual({ before: ['analyst'], after: ['approver', 'auditor'] });
  });

  it('never leaves the installation without an active administrator', async () => {
    const self = await call('POST', `/users/${admin.id}/disable`);
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'FK_ERR_LAST_ADMIN' });
    const demote = await call('PUT', `/users/${admin.id}/roles`, { roles: ['auditor'] });
    expect(demote.json()).toMatchObject({ code: 'FK_ERR_LAST_ADMIN' });
  });

  it('resets MFA: sessions end and the next login asks for enrolment', async () => {
    const user = await seedUser(t.runtime, { username: 'erin', roles: ['risk_officer'] });
    const session = await sessionFor(t.runtime, user.id);
    const res = await call('POST', `/users/${user.id}/mfa-reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfa_enrolled: false });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session })).statusCode,
    ).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'erin', password: user.password },
    });
    expect(login.json()).toMatchObject({ status: 'mfa_enrolment_required' });
    const codes = await t.runtime.store.db
      .selectFrom('user_recovery_code')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(codes).toEqual([]);
  });

  it('lists and reads users for user:read, and answers 404 for an unknown id', async () => {
    const list = await call('GET', '/users?limit=10');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { username: string }[] }).items.map((u) => u.username)).toEqual(['ada']);
    expect((await call('GET', '/users/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await call('GET', '/users/not-a-uuid')).statusCode).toBe(400);
  });

  it('describes every role with its permissions in both languages and the pairs no one may hold', async () => {
    const res = await call('GET', '/roles');
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      items: { name: string; zh: string; holders: string; permissions: { name: string; zh: string }[] }[];
      incompatible: string[][];
    };
    expect(body.items.map((r) => r.name)).toEqual([...ROLE_NAMES]);
    const approver = body.items.find((r) => r.name === 'approver');
    expect(approver).toMatchObject({ zh: '审批人', holders: 'people' });
    expect(approver?.permissions.map((p) => p.name)).toContain('policy:approve');
    expect(approver?.permissions.find((p) => p.name === 'policy:approve')?.zh).toBe('审批策略发布');
    expect(body.items.find((r) => r.name === 'integration')?.holders).toBe('api_keys');
    expect(body.incompatible).toEqual([['admin', 'approver']]);
  });

  it('names the people for anyone signed in, without their roles or sign-in details', async () => {
    const bob = await seedUser(t.runtime, { username: 'bob', roles: ['analyst'] });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/people',
      headers: await sessionFor(t.runtime, bob.id),
    });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Record<string, unknown>[] }).items;
    expect(items.map((p) => Object.keys(p).sort())).toEqual(
      items.map(() => ['active', 'display_name', 'id']),
    );
    expect(items.find((p) => p['id'] === bob.id)).toMatchObject({ active: true });
  });
});
