import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/databases.js';
import {
  currentCode,
  loginOverHttp,
  type SeededUser,
  seedUser,
  sessionCookieOf,
} from '../../../test/support/identity.js';
import { ManualClock } from '../../kernel/clock.js';

describeEachDialect('login', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let officer: SeededUser;

  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
      headers: { 'x-request-id': 'fixed-request-id', ...headers },
    });
  const mfa = (challenge: string, code?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa',
      payload: code === undefined ? { challenge } : { challenge, code },
    });
  const challengeOf = async (user: SeededUser) => {
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(200);
    return (res.json() as { challenge: string }).challenge;
  };

  beforeEach(async () => {
    clock = new ManualClock('2026-03-02T09:00:10.000Z');
    t = await createTestApp(dialect, { clock });
    officer = await seedUser(t.runtime, { username: 'olga', roles: ['risk_officer'] });
  });
  afterEach(() => t.close());

  it('answers a correct password with an MFA challenge and never a session cookie', async () => {
    const res = await login('olga', officer.password);
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json()).toMatchObject({ status: 'mfa_required', challenge: expect.any(String) });
    // The challenge is not a session: it opens nothing.
    const challenge = (res.json() as { challenge: string }).challenge;
    const probe = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `fk_session=${challenge}` },
    });
    expect(probe.statusCode).toBe(401);
  });

  it('issues an HttpOnly, SameSite=Strict session cookie only after the TOTP code', async () => {
    const challenge = await challengeOf(officer);
    const res = await mfa(challenge, await currentCode(t.runtime, officer.totpSecret!));
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^fk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const body = res.json() as { user: { username: string }; csrf_token: string };
    expect(body.user.username).toBe('olga');
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `fk_session=${sessionCookieOf(res)}` },
    });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { username: 'olga' }, session: { mfa_verified: true } });
  });

  it('refuses a TOTP code replayed within its step, and a challenge used twice', async () => {
    const code = await currentCode(t.runtime, officer.totpSecret!);
    expect((await mfa(await challengeOf(officer), code)).statusCode).toBe(200);
    const replay = await mfa(await challengeOf(officer), code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'FK_ERR_MFA_CODE_INVALID' });
    expect(replay.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a code one step away and refuses one two steps away', async () => {
    const twoBack = await currentCode(t.runtime, officer.totpSecret!, -2);
    const twoAhead = await currentCode(t.runtime, officer.totpSecret!, 2);
    const challenge = await challengeOf(officer);
    expect((await mfa(challenge, twoBack)).statusCode).toBe(401);
    expect((await mfa(challenge, twoAhead)).statusCode).toBe(401);
    const oneBack = await currentCode(t.runtime, officer.totpSecret!, -1);
    expect((await mfa(challenge, oneBack)).statusCode).toBe(200);
  });

  it('refuses a code of an earlier step once a later one was accepted', async () => {
    const previous = await currentCode(t.runtime, officer.totpSecret!, -1);
    const now = await currentCode(t.runtime, officer.totpSecret!);
    expect((await mfa(await challengeOf(officer), now)).statusCode).toBe(200);
    expect((await mfa(await challengeOf(officer), previous)).statusCode).toBe(401);
  });

  it('locks the account after 10 consecutive failures for 30 minutes, and a success resets the count', async () => {
    // Nine failures, then a success: the count starts again.
    for (let i = 0; i < 9; i++) expect((await login('olga', 'wrong password guess')).statusCode).toBe(401);
    await loginOverHttp(t.app, t.runtime, officer);
    clock.advance(30_000);
    for (let i = 0; i < 9; i++) expect((await login('olga', 'wrong password guess')).statusCode).toBe(401);
    expect((await login('olga', officer.password)).statusCode).toBe(200);
    // A login that completes resets; nine more failures plus a tenth lock the account.
    clock.advance(30_000);
    await loginOverHttp(t.app, t.runtime, officer);
    for (let i = 0; i < 10; i++) expect((await login('olga', 'wrong password guess')).statusCode).toBe(401);
    const locked = await login('olga', officer.password);
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'FK_ERR_LOGIN_FAILED' });
    clock.advance(29 * 60_000);
    expect((await login('olga', officer.password)).statusCode).toBe(401);
    clock.advance(61_000);
    expect((await login('olga', officer.password)).statusCode).toBe(200);
    const entries = await t.runtime.audit.list({ action: 'auth.lockout', limit: 10 });
    expect(entries).toHaveLength(1);
  });

  it('counts wrong TOTP codes towards the lockout', async () => {
    for (let i = 0; i < 2; i++) {
      const challenge = await challengeOf(officer);
      for (let j = 0; j < 5; j++) expect((await mfa(challenge, '000000')).statusCode).toBe(401);
    }
    // Ten wrong codes: locked, even with the right password.
    expect((await login('olga', officer.password)).statusCode).toBe(401);
  });

  it('gives unknown users, wrong passwords and locked accounts byte-identical answers', async () => {
    const unknown = await login('nobody-here', 'some password 123');
    const wrong = await login('olga', 'some password 123');
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    for (let i = 0; i < 10; i++) await login('olga', 'some password 123');
    const locked = await login('olga', officer.password);
    expect(locked.statusCode).toBe(unknown.statusCode);
    expect(locked.body).toBe(unknown.body);
    // A malformed username is answered the same way too.
    const odd = await login('x', 'some password 123');
    expect(odd.body).toBe(unknown.body);
  });

  it('answers a disabled account like a wrong password', async () => {
    const admin = await seedUser(t.runtime, { username: 'ada', roles: ['admin'], mfa: false });
    await t.runtime.identity.users.disable(officer.id, { type: 'user', id: admin.id });
    const unknown = await login('nobody-here', officer.password);
    const disabled = await login('olga', officer.password);
    expect(disabled.statusCode).toBe(401);
    expect(disabled.body).toBe(unknown.body);
  });

  it('accepts each recovery code once instead of a TOTP code', async () => {
    const user = await seedUser(t.runtime, { username: 'rita', roles: ['analyst'], mfa: false });
    const step1 = await login('rita', user.password);
    expect(step1.json()).toMatchObject({ status: 'mfa_enrolment_required' });
    const challenge = (step1.json() as { challenge: string }).challenge;
    // Enrolment-required challenges cannot skip the second factor.
    expect((await mfa(challenge)).statusCode).toBe(409);
    const offer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol',
      payload: { challenge },
    });
    expect(offer.statusCode).toBe(200);
    const { secret, otpauth_uri, qr_data_url } = offer.json() as Record<string, string>;
    expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\/Fengkong:rita\?secret=/);
    expect(qr_data_url).toMatch(/^data:image\/svg\+xml;base64,/);
    const confirm = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      payload: { challenge, code: await currentCode(t.runtime, secret!) },
    });
    expect(confirm.statusCode).toBe(200);
    expect(sessionCookieOf(confirm)).toBeDefined();
    const codes = (confirm.json() as { recovery_codes: string[] }).recovery_codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const recovery = codes[3]!;
    expect((await mfa((await login('rita', user.password)).json().challenge, recovery)).statusCode).toBe(200);
    const again = await mfa((await login('rita', user.password)).json().challenge, recovery);
    expect(again.statusCode).toBe(401);
    expect(
      (await mfa((await login('rita', user.password)).json().challenge, codes[4]!.toUpperCase())).statusCode,
    ).toBe(200);
  });

  it('lets an auditor without MFA continue without a code, and offers enrolment', async () => {
    const auditor = await seedUser(t.runtime, { username: 'aud', roles: ['auditor'], mfa: false });
    const step1 = await login('aud', auditor.password);
    expect(step1.headers['set-cookie']).toBeUndefined();
    expect(step1.json()).toMatchObject({ status: 'mfa_enrolment_optional' });
    const step2 = await mfa((step1.json() as { challenge: string }).challenge);
    expect(step2.statusCode).toBe(200);
    expect(sessionCookieOf(step2)).toBeDefined();
  });

  it('refuses an expired challenge', async () => {
    const challenge = await challengeOf(officer);
    clock.advance(5 * 60_000 + 1);
    const res = await mfa(challenge, await currentCode(t.runtime, officer.totpSecret!));
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'FK_ERR_LOGIN_CHALLENGE_INVALID' });
  });

  it('rate-limits login attempts per IP address', async () => {
    const from = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody-here', password: 'some password 123' },
        remoteAddress: ip,
      });
    for (let i = 0; i < 30; i++) expect((await from('10.9.8.7')).statusCode).toBe(401);
    const limited = await from('10.9.8.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect((await from('10.9.8.6')).statusCode).toBe(401);
    clock.advance(2_000);
    expect((await from('10.9.8.7')).statusCode).toBe(401);
  });

  it('writes an audit entry for failed and successful logins', async () => {
    await login('nobody-here', 'some password 123');
    await login('olga', 'some password 123');
    await loginOverHttp(t.app, t.runtime, officer);
    const entries = await t.runtime.audit.list({ action: 'auth.login', limit: 10 });
    expect(entries.map((e) => [e.outcome, (e.payload as { reason?: string }).reason ?? null])).toEqual([
      ['success', null],
      ['failure', 'wrong_password'],
      ['failure', 'unknown_user'],
    ]);
  });
});
