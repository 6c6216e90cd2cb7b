import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { currentCode, seedUser, sessionCookieOf, sessionFor } from '../../../test/support/identity.js';
import { LOG_REDACT } from '../../app/compose.js';
import { ManualClock } from '../../kernel/clock.js';
import { backupDatabase } from '../../store/backup/index.js';
import { TABLES } from '../../store/schema.js';

/**
 * The canary test: distinctive passwords, TOTP secrets and codes, recovery codes, challenges,
 * session tokens and API keys go through every flow; afterwards none of them may appear in the logs
 * (pino at trace level, configured as in production), in any audit payload, in the database's
 * readable columns (what a backup carries), or in any answer but the one that created it.
 */

interface Recorded {
  readonly label: string;
  readonly text: string;
  /** Secrets this answer legitimately carries: it is where they were created. */
  readonly allowed: Set<string>;
}

describe('canary secrets', () => {
  let t: TestApp;
  const logLines: string[] = [];
  const responses: Recorded[] = [];
  const canaries = new Map<string, string>();

  const PASSWORD = 'Canary-Passw0rd-Zebra-7731';
  const WRONG = 'Canary-Wrong-Ocelot-5521';
  const NEW_PASSWORD = 'Canary-Newpass-Heron-9902';

  const send = async (
    label: string,
    options: InjectOptions,
  ): Promise<LightMyRequestResponse & { record: Recorded }> => {
    const res = await t.app.inject(options);
    const record = { label, text: `${JSON.stringify(res.headers)}\n${res.body}`, allowed: new Set<string>() };
    responses.push(record);
    return Object.assign(res, { record });
  };
  const created = (res: { record: Recorded }, name: string, value: string) => {
    canaries.set(name, value);
    res.record.allowed.add(value);
  };

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: 'trace', redact: { paths: LOG_REDACT, censor: '[redacted]' } }, stream);
    t = await createTestApp('sqlite', { clock: new ManualClock('2026-03-02T09:00:00.000Z'), log });
    canaries.set('password', PASSWORD).set('wrong password', WRONG).set('new password', NEW_PASSWORD);

    const admin = await seedUser(t.runtime, { username: 'admin', roles: ['admin'], mfa: false });
    const adminSession = await sessionFor(t.runtime, admin.id);
    const user = await seedUser(t.runtime, {
      username: 'canary',
      roles: ['risk_officer'],
      password: PASSWORD,
    });
    canaries.set('seeded TOTP secret', user.totpSecret!);

    // A wrong password, then the real login: challenge, TOTP code, session.
    await send('wrong password', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'canary', password: WRONG },
    });
    const step1 = await send('login', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'canary', password: PASSWORD },
    });
    created(step1, 'challenge', (step1.json() as { challenge: string }).challenge);
    const code = await currentCode(t.runtime, user.totpSecret!);
    canaries.set('TOTP code', `"${code}"`);
    const step2 = await send('mfa', {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      payload: { challenge: canaries.get('challenge'), code },
    });
    const token = sessionCookieOf(step2)!;
    created(step2, 'session token', token);
    const session = {
      cookie: `fk_session=${token}`,
      'x-csrf-token': (step2.json() as { csrf_token: string }).csrf_token,
    };
    await send('replayed code', {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      payload: { challenge: canaries.get('challenge'), code },
    });
    await send('session', { method: 'GET', url: '/api/v1/auth/session', headers: session });

    // An administrator creates a person (one-time password), who enrols MFA and uses a recovery code.
    const newUser = await send('create user', {
      method: 'POST',
      url: '/api/v1/users',
      headers: adminSession,
      payload: { username: 'newbie', roles: ['analyst'] },
    });
    const initial = (newUser.json() as { initial_password: string }).initial_password;
    created(newUser, 'initial password', initial);
    const login2 = await send('newbie login', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'newbie', password: initial },
    });
    created(login2, 'enrol challenge', (login2.json() as { challenge: string }).challenge);
    const offer = await send('enrol', {
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol',
      payload: { challenge: canaries.get('enrol challenge') },
    });
    created(offer, 'enrolled TOTP secret', (offer.json() as { secret: string }).secret);
    const confirm = await send('enrol confirm', {
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol/confirm',
      payload: {
        challenge: canaries.get('enrol challenge'),
        code: await currentCode(t.runtime, canaries.get('enrolled TOTP secret')!),
      },
    });
    const codes = (confirm.json() as { recovery_codes: string[] }).recovery_codes;
    for (const [i, c] of codes.entries()) created(confirm, `recovery code ${i}`, c);
    created(confirm, 'newbie session', sessionCookieOf(confirm)!);
    const login3 = await send('recovery login', {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'newbie', password: initial },
    });
    created(login3, 'recovery challenge', (login3.json() as { challenge: string }).challenge);
    const viaRecovery = await send('recovery code', {
      method: 'POST',
      url: '/api/v1/auth/mfa',
      payload: { challenge: canaries.get('recovery challenge'), code: codes[0] },
    });
    created(viaRecovery, 'recovery session', sessionCookieOf(viaRecovery)!);

    // Password change, with a wrong current password first.
    await send('wrong current password', {
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: session,
      payload: { current_password: WRONG, new_password: NEW_PASSWORD },
    });
    const changed = await send('password change', {
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: session,
      payload: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    });
    created(changed, 'rotated session', sessionCookieOf(changed)!);

    // API keys: create, use, list, revoke, use again.
    const key = await send('create key', {
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: adminSession,
      payload: { name: 'auditing robot', roles: ['auditor'] },
    });
    created(key, 'API key', (key.json() as { key: string }).key);
    const bearer = { authorization: `Bearer ${canaries.get('API key')}` };
    await send('read audit with key', { method: 'GET', url: '/api/v1/audit?limit=500', headers: bearer });
    await send('list keys', { method: 'GET', url: '/api/v1/api-keys', headers: adminSession });
    const keyId = (key.json() as { api_key: { id: string } }).api_key.id;
    await send('revoke key', { method: 'DELETE', url: `/api/v1/api-keys/${keyId}`, headers: adminSession });
    await send('revoked key', { method: 'GET', url: '/api/v1/audit', headers: bearer });

    // Password and MFA resets by the administrator.
    const reset = await send('password reset', {
      method: 'POST',
      url: `/api/v1/users/${user.id}/password-reset`,
      headers: adminSession,
    });
    created(reset, 'reset password', (reset.json() as { password: string }).password);
    await send('mfa reset', {
      method: 'POST',
      url: `/api/v1/users/${user.id}/mfa-reset`,
      headers: adminSession,
    });
    await send('list users', { method: 'GET', url: '/api/v1/users', headers: adminSession });
    await send('logout', { method: 'POST', url: '/api/v1/auth/logout', headers: adminSession });
  });
  afterAll(() => t.close());

  it('ran the flows it meant to', () => {
    expect(canaries.size).toBeGreaterThan(20);
    expect(responses.find((r) => r.label === 'mfa')?.text).toContain('"status":"active"');
    expect(responses.find((r) => r.label === 'replayed code')?.text).toContain('FK_ERR_');
    expect(responses.find((r) => r.label === 'recovery code')?.text).toContain('"username":"newbie"');
    expect(responses.find((r) => r.label === 'password change')?.text).toContain('csrf_token');
    expect(responses.find((r) => r.label === 'revoked key')?.text).toContain('FK_ERR_UNAUTHENTICATED');
    expect(logLines.length).toBeGreaterThan(20);
  });

  it('never writes a canary to the logs', () => {
    const logs = logLines.join('');
    for (const [name, value] of canaries) expect(logs.includes(value), name).toBe(false);
  });

  it('never puts a canary into an audit entry', async () => {
    const entries = JSON.stringify(await t.runtime.audit.list({ limit: 1000 }));
    expect(entries).toContain('auth.login');
    for (const [name, value] of canaries) expect(entries.includes(value), name).toBe(false);
  });

  it('never stores a canary readably in the database (what a backup carries)', async () => {
    let dump = '';
    for (const table of TABLES) {
      const rows = await t.runtime.store.db.selectFrom(table.name).selectAll().execute();
      dump += JSON.stringify(rows);
    }
    expect(dump).toContain('canary');
    for (const [name, value] of canaries) expect(dump.includes(value), name).toBe(false);
  });

  it('never puts a canary into a backup file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-canary-'));
    try {
      const file = join(dir, 'backup.ndjson.gz');
      await backupDatabase(t.database.url, file);
      const text = gunzipSync(readFileSync(file)).toString('utf8');
      expect(text).toContain('auth.login');
      for (const [name, value] of canaries) expect(text.includes(value), name).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never answers with a canary after the answer that created it', () => {
    for (const [name, value] of canaries) {
      const leaks = responses
        .filter((r) => !r.allowed.has(value) && r.text.includes(value))
        .map((r) => r.label);
      expect(leaks, name).toEqual([]);
    }
  });
});
