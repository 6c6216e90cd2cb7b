import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  loginOverHttp,
  type SeededUser,
  type SessionHeaders,
  seedUser,
  sessionCookieOf,
  sessionFor,
} from '../../../test/support/identity.js';
import { ManualClock } from '../../kernel/clock.js';
import { transact } from '../../store/transaction.js';
import { totpCode } from './totp.js';

describeEachDialect('sessions', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let analyst: SeededUser;
  let admin: SeededUser;

  const whoami = (headers: Partial<SessionHeaders> & Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });

  beforeEach(async () => {
    clock = new ManualClock('2026-03-02T09:00:00.000Z');
    t = await createTestApp(dialect, { clock });
    analyst = await seedUser(t.runtime, { username: 'ana', roles: ['analyst'] });
    admin = await seedUser(t.runtime, { username: 'ada', roles: ['admin'] });
  });
  afterEach(() => t.close());

  it('ends a session after 15 idle minutes, and sliding use keeps it alive', async () => {
    const { headers } = await loginOverHttp(t.app, t.runtime, analyst);
    for (let i = 0; i < 4; i++) {
      clock.advance(14 * 60_000);
      expect((await whoami({ cookie: headers.cookie })).statusCode).toBe(200);
    }
    clock.advance(15 * 60_000);
    expect((await whoami({ cookie: headers.cookie })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const { headers } = await loginOverHttp(t.app, t.runtime, analyst);
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advance(10 * 60_000);
      expect((await whoami({ cookie: headers.cookie })).statusCode, `at ${minutes} minutes`).toBe(200);
    }
    clock.advance(10 * 60_000);
    expect((await whoami({ cookie: headers.cookie })).statusCode).toBe(401);
  });

  it('requires the CSRF header on state-changing requests made with the cookie', async () => {
    const { headers } = await loginOverHttp(t.app, t.runtime, analyst);
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: headers.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'FK_ERR_CSRF' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: headers.cookie, 'x-csrf-token': 'not-the-token' },
    });
    expect(wrong.statusCode).toBe(403);
    // The session survived both attempts; GET needs no CSRF header.
    expect((await whoami({ cookie: headers.cookie })).statusCode).toBe(200);
    const session = (await whoami({ cookie: headers.cookie })).json() as { csrf_token: string };
    expect(session.csrf_token).toBe(headers['x-csrf-token']);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(logout.statusCode).toBe(204);
    expect(String(logout.headers['set-cookie'])).toMatch(/^fk_session=; .*Max-Age=0/);
    expect((await whoami({ cookie: headers.cookie })).statusCode).toBe(401);
  });

  it('rotates the session at login and ends the one the browser had', async () => {
    const first = await loginOverHttp(t.app, t.runtime, analyst);
    clock.advance(31_000);
    const step1 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ana', password: analyst.password },
      headers: { cookie: first.headers.cookie },
    });
    const { challenge } = step1.json() as { challenge: string };
    const step2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa',
      payload: { challenge, code: await totpCode(analyst.totpSecret!, clock.now()) },
      headers: { cookie: first.headers.cookie },
    });
    expect(step2.statusCode).toBe(200);
    const second = sessionCookieOf(step2);
    expect(`fk_session=${second}`).not.toBe(first.headers.cookie);
    expect((await whoami({ cookie: first.headers.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: `fk_session=${second}` })).statusCode).toBe(200);
  });

  it('logs out everywhere', async () => {
    const a = await sessionFor(t.runtime, analyst.id);
    const b = await sessionFor(t.runtime, analyst.id);
    const other = await sessionFor(t.runtime, admin.id);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions_ended: 2 });
    expect((await whoami({ cookie: a.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: b.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: other.cookie })).statusCode).toBe(200);
  });

  it('ends every session of a disabled user at once, and enabling does not revive them', async () => {
    const a = await sessionFor(t.runtime, analyst.id);
    const b = await sessionFor(t.runtime, analyst.id);
    const adminSession = await sessionFor(t.runtime, admin.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${analyst.id}/disable`,
      headers: adminSession,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled' });
    expect((await whoami({ cookie: a.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: b.cookie })).statusCode).toBe(401);
    await t.app.inject({ method: 'POST', url: `/api/v1/users/${analyst.id}/enable`, headers: adminSession });
    expect((await whoami({ cookie: a.cookie })).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working, every session ends, this browser gets a new one', async () => {
    const here = await sessionFor(t.runtime, analyst.id);
    const elsewhere = await sessionFor(t.runtime, analyst.id);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here,
      payload: { current_password: 'not my password', new_password: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'FK_ERR_CURRENT_PASSWORD_WRONG' });
    const common = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here,
      payload: { current_password: analyst.password, new_password: 'qwertyuiop123' },
    });
    expect(common.json()).toMatchObject({ code: 'FK_ERR_PASSWORD_COMMON' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: here,
      payload: { current_password: analyst.password, new_password: 'a brand new passphrase' },
    });
    expect(res.statusCode).toBe(200);
    const fresh = sessionCookieOf(res);
    expect(fresh).toBeDefined();
    expect((await whoami({ cookie: here.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: elsewhere.cookie })).statusCode).toBe(401);
    expect((await whoami({ cookie: `fk_session=${fresh}` })).statusCode).toBe(200);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'ana', password: analyst.password },
    });
    expect(old.statusCode).toBe(401);
  });

  it('lets a session with a reset password do nothing but change it', async () => {
    const adminSession = await sessionFor(t.runtime, admin.id);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${analyst.id}/password-reset`,
      headers: adminSession,
    });
    expect(reset.statusCode).toBe(200);
    const { password } = reset.json() as { password: string };
    const { headers, body } = await loginOverHttp(t.app, t.runtime, { ...analyst, password });
    expect(body['password_change_required']).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers });
    expect(blocked.statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers,
      payload: { current_password: password, new_password: 'my own passphrase now' },
    });
    expect(changed.statusCode).toBe(200);
    const cookie = `fk_session=${sessionCookieOf(changed)}`;
    const me = (await whoami({ cookie })).json() as {
      password_change_required: boolean;
      permissions: string[];
    };
    expect(me.password_change_required).toBe(false);
    expect(me.permissions).toContain('case:work');
  });

  it('restricts a session without MFA once the roles require it', async () => {
    const auditor = await seedUser(t.runtime, { username: 'aud', roles: ['auditor'], mfa: false });
    const headers = await sessionFor(t.runtime, auditor.id, false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(200);
    await transact(t.runtime.store.db, (trx) =>
      t.runtime.identity.users.setUserRoles(trx, auditor.id, ['auditor', 'analyst'], {
        type: 'user',
        id: admin.id,
      }),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(403);
    expect((await whoami(headers)).statusCode).toBe(200);
  });

  it('lets an auditor enrol MFA from a session, which then counts as MFA-verified', async () => {
    const auditor = await seedUser(t.runtime, { username: 'aud', roles: ['auditor'], mfa: false });
    const headers = await sessionFor(t.runtime, auditor.id, false);
    // Without the CSRF header the cookie does not count, and there is no challenge either.
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol',
      headers: { cookie: headers.cookie },
      payload: {},
    });
    expect(noCsrf.statusCode).toBe(401);
    const offer = await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers, payload: {} });
    expect(offer.statusCode).toBe(200);
    const { secret } = offer.json() as { secret: string };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      headers,
      payload: { code: await totpCode(secret, clock.now()) },
    });
    expect(confirm.statusCode).toBe(200);
    expect((confirm.json() as { recovery_codes: string[] }).recovery_codes).toHaveLength(10);
    const me = (await whoami(headers)).json() as {
      user: { mfa_enrolled: boolean };
      session: { mfa_verified: boolean };
    };
    expect([me.user.mfa_enrolled, me.session.mfa_verified]).toEqual([true, true]);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enrol', headers, payload: {} });
    expect(again.json()).toMatchObject({ code: 'FK_ERR_MFA_ALREADY_ENROLLED' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'aud', password: auditor.password },
    });
    expect(login.json()).toMatchObject({ status: 'mfa_required' });
  });

  it('turns on password rotation as a policy setting', async () => {
    await t.close();
    t = await createTestApp(dialect, { clock, env: { FENGKONG_PASSWORD_MAX_AGE_DAYS: '90' } });
    const user = await seedUser(t.runtime, { username: 'rot', roles: ['auditor'] });
    const headers = await sessionFor(t.runtime, user.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(200);
    clock.advance(90 * 86_400_000);
    const fresh = await sessionFor(t.runtime, user.id);
    const me = (await whoami(fresh)).json() as { password_change_required: boolean };
    expect(me.password_change_required).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: fresh })).statusCode).toBe(
      403,
    );
  });
});
