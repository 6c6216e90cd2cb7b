import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { loginOverHttp } from '../../../test/support/identity.js';
import { initWorkspace } from '../../app/workspace.js';
import { ManualClock } from '../../kernel/clock.js';
import { DEMO_USERS } from './demo.js';

describe('demo workspace accounts', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('sqlite', { clock: new ManualClock('2026-03-02T09:00:00.000Z') });
  });
  afterEach(() => t.close());

  it('creates one person per human role with MFA enrolled and an integration key, printed once', async () => {
    const result = await initWorkspace(t.runtime, true);
    expect(result.created).toBe(true);
    const text = result.lines.join('\n');
    const users = await t.runtime.identity.users.list(100, 0);
    expect(users.map((u) => [u.username, u.roles]).sort()).toEqual(
      DEMO_USERS.map((d) => [d.username, `["${d.role}"]`]).sort(),
    );
    expect(users.every((u) => u.mfa_secret !== null && u.must_change_password === 0)).toBe(true);
    expect(text).toContain('密码');

    // A newcomer signs in with what was printed: password, then the code of the printed secret.
    const officer =
      /officer\s+\(risk_officer\) password \/ 密码: (\S+)\n\s+TOTP secret \/ 动态口令密钥: ([A-Z2-7]+) otpauth:\/\/totp\/Fengkong:officer/.exec(
        text.replace(/ {2}otpauth/g, ' otpauth'),
      );
    expect(officer).not.toBeNull();
    const { body } = await loginOverHttp(t.app, t.runtime, {
      id: '',
      username: 'officer',
      password: officer![1]!,
      totpSecret: officer![2]!,
    });
    expect(body['user']).toMatchObject({ username: 'officer', roles: ['risk_officer'] });

    const key = /API key \/ 演示集成 API 密钥: (fk_\S+)/.exec(text)?.[1];
    expect(key).toBeDefined();
    const keys = await t.runtime.identity.apiKeys.list();
    expect(keys.map((k) => k.roles)).toEqual(['["integration"]']);
    expect(JSON.stringify(keys)).not.toContain(key!);

    // A second start loads nothing and prints nothing.
    expect(await initWorkspace(t.runtime, true)).toEqual({ created: false, demo: false, lines: [] });
  });

  it('creates no account at all without the demo', async () => {
    const result = await initWorkspace(t.runtime, false);
    expect(result.lines).toEqual([]);
    expect(await t.runtime.identity.users.list(10, 0)).toEqual([]);
    expect(await t.runtime.identity.apiKeys.list()).toEqual([]);
  });
});
