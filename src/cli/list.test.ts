import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { runCli } from './program.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `fengkong ...args` in-process with captured streams and `stdin` as standard input. */
async function fengkong(args: readonly string[], stdin = '', terminal = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = Object.assign(new PassThrough(), { isTTY: terminal });
  out.on('data', (chunk) => {
    stdout += String(chunk);
  });
  err.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const input = new PassThrough();
  input.end(stdin);
  const io: CliIo = { stdout: out, stderr: err, stdin: input, env: { FENGKONG_LANG: 'en' } };
  const code = await runCli(['node', 'fengkong', ...args], io);
  return { code, stdout, stderr };
}

describe('fengkong list', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-cli-list-'));
    db = `sqlite:${join(dir, 'fengkong.db')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a list, adds an id number from standard input and shows it masked', async () => {
    const created = await fengkong([
      'list',
      'create',
      'blacklist_id',
      '--kind',
      'id_number',
      '--purpose',
      'block',
      '--db',
      db,
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain('created list');
    const added = await fengkong(
      ['list', 'add', 'blacklist_id', '--value-stdin', '--reason', 'court judgment', '--db', db, '--json'],
      '11010519491231002X\n',
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      status: 'added',
      entry: { display: '110***********002X' },
    });
    const shown = await fengkong(['list', 'show', 'blacklist_id', '--db', db, '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      list: { name: 'blacklist_id', entries: 1 },
      entries: { total: 1 },
    });
    const all = await fengkong(['list', 'show', '--db', db]);
    expect(all.stdout).toMatch(/^blacklist_id\s+id_number\s+block/);
    for (const run of [added, shown, all]) expect(run.stdout).not.toContain('19491231');
    // Nothing in the database files holds the clear number either.
    for (const name of readdirSync(dir).filter((f) => f.startsWith('fengkong.db'))) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from('11010519491231002X')), name).toBe(false);
    }
    const removed = await fengkong([
      'list',
      'remove',
      'blacklist_id',
      '11010519491231002x',
      '--reason',
      'appeal',
      '--db',
      db,
    ]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('removed');
  });

  it('imports a CSV file, printing every refused row and failing with a one-line count', async () => {
    await fengkong(['list', 'create', 'mule_phones', '--kind', 'phone', '--purpose', 'block', '--db', db]);
    const file = join(dir, 'phones.csv');
    writeFileSync(file, 'value,reason\n13800138000,mule\n12345,bad\n13912345678,mule\n');
    const run = await fengkong(['list', 'import', 'mule_phones', file, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('3 rows/行, 2 added/新增, 0 updated/更新, 1 refused/拒绝');
    expect(run.stdout).toContain('row/行 2 (line/第 3 行): value must be an 11-digit mainland mobile number');
    expect(run.stderr.trim().split('\n')).toEqual([
      'fengkong: 1 of 3 rows refused, the others were imported / 3 行中有 1 行被拒绝，其余已导入',
    ]);
    const clean = join(dir, 'clean.csv');
    writeFileSync(clean, 'value\n15000000001\n');
    const ok = await fengkong(['list', 'import', 'mule_phones', clean, '--db', db, '--json'], '', true);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(ok.stdout)).toMatchObject({ rows: 1, added: 1 });
    // A person at a terminal sees progress on stderr; JSON output and pipes stay quiet.
    const watched = await fengkong(['list', 'import', 'mule_phones', clean, '--db', db], '', true);
    expect(watched.stderr).toContain('importing / 导入中: 0/2');
    expect(watched.stdout).toContain('1 updated/更新');
  });

  it('fails with one line for a missing file, an unreadable CSV and a protected list', async () => {
    await fengkong([
      'list',
      'create',
      'vip',
      '--kind',
      'device_id',
      '--purpose',
      'block',
      '--protected',
      '--db',
      db,
    ]);
    await fengkong(['list', 'create', 'devices', '--kind', 'device_id', '--purpose', 'block', '--db', db]);
    const missing = await fengkong(['list', 'import', 'devices', join(dir, 'nope.csv'), '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^fengkong: cannot read .*nope\.csv: no such file/);
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'value\n"dev-1\n');
    const unreadable = await fengkong(['list', 'import', 'devices', broken, '--db', db]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toBe('fengkong: line 2: a quoted field is never closed / CSV 文件无法导入\n');
    const refused = await fengkong(['list', 'add', 'vip', 'dev-1', '--reason', 'r', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('list vip is protected: submit the change for a second person');
    const noValue = await fengkong(['list', 'add', 'devices', '--reason', 'r', '--db', db]);
    expect(noValue).toMatchObject({ code: 1, stderr: expect.stringContaining('missing value') });
    const badLimit = await fengkong(['list', 'show', 'devices', '--limit', '0', '--db', db]);
    expect(badLimit.code).toBe(1);
  });

  it('audits what the CLI did as the CLI operator', async () => {
    await fengkong(['list', 'create', 'devices', '--kind', 'device_id', '--purpose', 'watch', '--db', db]);
    await fengkong(['list', 'add', 'devices', 'dev-7', '--reason', 'emulator', '--db', db]);
    const sqlite = new Database(join(dir, 'fengkong.db'), { readonly: true });
    try {
      const rows = sqlite
        .prepare("select actor_type, actor_id, action from audit_log where action like 'list.%' order by seq")
        .all();
      expect(rows).toEqual([
        { actor_type: 'system', actor_id: 'cli', action: 'list.create' },
        { actor_type: 'system', actor_id: 'cli', action: 'list.entry.add' },
      ]);
    } finally {
      sqlite.close();
    }
  });
});
