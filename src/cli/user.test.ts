import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

/** What one CLI run printed and returned. */
interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A standard input that claims to be a terminal, answering prompts with `answers`. */
function fakeTerminal(
  answers: readonly string[],
): PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void; rawModes: boolean[] } {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
  }) as PassThrough & {
    isTTY: boolean;
    rawModes: boolean[];
    setRawMode(mode: boolean): void;
  };
  let next = 0;
  input.setRawMode = (mode: boolean) => {
    input.rawModes.push(mode);
    // Each time the prompt turns raw mode on, type the next answer, with a typo fixed by Backspace.
    if (mode && next < answers.length) {
      const answer = answers[next++]!;
      setImmediate(() => input.write(`${answer}x\u007f\r`));
    }
  };
  return input;
}

/** Runs `fengkong ...args` in-process with captured streams. */
async function fengkong(
  args: readonly string[],
  stdin: NodeJS.ReadableStream = new PassThrough(),
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (chunk) => {
    stdout += String(chunk);
  });
  err.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const io: CliIo = { stdout: out, stderr: err, stdin, env: { FENGKONG_LANG: 'en' } };
  const code = await runCli(['node', 'fengkong', ...args], io);
  return { code, stdout, stderr };
}

function piped(text: string): PassThrough {
  const input = new PassThrough();
  input.end(text);
  return input;
}

describe('fengkong user and apikey', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-cli-user-'));
    db = `sqlite:${join(dir, 'fengkong.db')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the first administrator with a password from standard input', async () => {
    const run = await fengkong(
      [
        'user',
        'create',
        '--username',
        'Root.Admin',
        '--role',
        'admin',
        '--password-stdin',
        '--db',
        db,
        '--json',
      ],
      piped('a long enough passphrase\n'),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const user = JSON.parse(run.stdout) as {
      username: string;
      roles: string[];
      must_change_password: boolean;
    };
    expect(user).toMatchObject({
      username: 'root.admin',
      roles: ['admin'],
      must_change_password: false,
      mfa_enrolled: false,
    });
    expect(run.stdout).not.toContain('passphrase');
    const list = await fengkong(['user', 'list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^root\.admin\s+admin\s+active\s+mfa:no/);
  });

  it('asks on the terminal twice without echoing, and takes several roles', async () => {
    const terminal = fakeTerminal(['correct horse battery', 'correct horse battery']);
    const run = await fengkong(
      ['user', 'create', '--username', 'olga', '--role', 'risk_officer', '--role', 'auditor', '--db', db],
      terminal,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Password');
    expect(run.stderr).not.toContain('correct horse');
    expect(run.stdout).toContain('created user olga');
    expect(run.stdout).toContain('risk_officer, auditor'.split(', ').sort().join(', '));
    expect(terminal.rawModes).toEqual([true, false, true, false]);
  });

  it('refuses mismatched, weak, username-equal and missing passwords on one line with exit 1', async () => {
    const mismatch = await fengkong(
      ['user', 'create', '--username', 'olga', '--role', 'analyst', '--db', db],
      fakeTerminal(['correct horse battery', 'correct horse batterie']),
    );
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr.endsWith('\nfengkong: the two passwords differ / 两次输入的密码不一致\n')).toBe(
      true,
    );
    for (const [password, code] of [
      ['short', 'characters'],
      ['qwerty123456', 'common'],
      ['olga.the.great', 'username'],
    ] as const) {
      const run = await fengkong(
        [
          'user',
          'create',
          '--username',
          'olga.the.great',
          '--role',
          'analyst',
          '--password-stdin',
          '--db',
          db,
        ],
        piped(password),
      );
      expect(run.code, password).toBe(1);
      expect(run.stderr).toMatch(/^fengkong: [^\n]+\n$/);
      expect(run.stderr).toContain(code);
      expect(run.stderr).not.toContain(password === 'short' ? 'shortx' : password);
    }
    const noTerminal = await fengkong([
      'user',
      'create',
      '--username',
      'olga',
      '--role',
      'analyst',
      '--db',
      db,
    ]);
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toContain('--password-stdin');
    const noRole = await fengkong(
      ['user', 'create', '--username', 'olga', '--password-stdin', '--db', db],
      piped('x'),
    );
    expect([noRole.code, noRole.stderr]).toEqual([
      1,
      'fengkong: --role is required: give at least one role\n',
    ]);
    const conflict = await fengkong(
      [
        'user',
        'create',
        '--username',
        'olga',
        '--role',
        'admin',
        '--role',
        'approver',
        '--password-stdin',
        '--db',
        db,
      ],
      piped('a long enough passphrase'),
    );
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('职责分离');
  });

  it('resets MFA and passwords of a user by name, and says so for an unknown one', async () => {
    await fengkong(
      ['user', 'create', '--username', 'olga', '--role', 'analyst', '--password-stdin', '--db', db],
      piped('a long enough passphrase'),
    );
    const reset = await fengkong(['user', 'mfa-reset', '--username', 'olga', '--db', db]);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('MFA of olga reset');
    const password = await fengkong(['user', 'password-reset', '--username', 'OLGA', '--db', db, '--json']);
    expect(password.code).toBe(0);
    expect(JSON.parse(password.stdout)).toMatchObject({
      user: { must_change_password: true },
      password: expect.any(String),
    });
    const unknown = await fengkong(['user', 'mfa-reset', '--username', 'nobody', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^fengkong: no user is named "nobody" \/ 用户不存在\n$/);
  });

  it('creates an API key printed once, lists it without the key, and revokes it', async () => {
    const created = await fengkong([
      'apikey',
      'create',
      '--name',
      'loan-origination',
      '--role',
      'integration',
      '--expires',
      '2099-12-31',
      '--db',
      db,
      '--json',
    ]);
    expect(created.code).toBe(0);
    const { key, api_key } = JSON.parse(created.stdout) as {
      key: string;
      api_key: { id: string; expires_at: string };
    };
    expect(key).toMatch(/^fk_[A-Za-z0-9_-]{43}$/);
    expect(api_key.expires_at).toBe('2100-01-01T00:00:00.000Z');
    const list = await fengkong(['apikey', 'list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('loan-origination');
    expect(list.stdout).not.toContain(key);
    const revoked = await fengkong(['apikey', 'revoke', api_key.id, '--db', db, '--json']);
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ status: 'revoked' });
    const text = await fengkong(['apikey', 'create', '--name', 'n', '--role', 'integration', '--db', db]);
    expect(text.stdout.split('\n')[1]).toMatch(/^fk_[A-Za-z0-9_-]{43}$/);
  });

  it('refuses bad API key input on one line with exit 1', async () => {
    for (const args of [
      ['apikey', 'create', '--name', 'x', '--role', 'admin'],
      ['apikey', 'create', '--name', 'x', '--role', 'integration', '--expires', 'tomorrow'],
      ['apikey', 'create', '--name', 'x', '--role', 'integration', '--expires', '2001-01-01'],
      ['apikey', 'create', '--name', 'x', '--role', 'integration', '--permission', 'user:admin'],
      ['apikey', 'create', '--name', 'x'],
      ['apikey', 'revoke', 'no-such-key'],
    ]) {
      const run = await fengkong([...args, '--db', db]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(/^fengkong: [^\n]+\n$/);
    }
  });
});
