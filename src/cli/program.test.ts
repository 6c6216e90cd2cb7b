import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFengkong } from '../../test/support/cli.js';
import { compose } from '../app/compose.js';
import { loadConfig } from '../config.js';
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import { openStore } from '../store/database.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { transact } from '../store/transaction.js';
import { buildProgram } from './program.js';

/** Runs `fengkong ...args` in-process with captured streams and only `env` as the environment. */
const fengkong = runFengkong;

/** Stderr is exactly one line. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^fengkong: [^\n]+\n$/);
}

/** Every command path of the CLI, e.g. ['audit', 'verify']. */
function commandPaths(): string[][] {
  const sink = new PassThrough();
  const program = buildProgram({ stdout: sink, stderr: sink, stdin: sink, env: {} });
  const paths: string[][] = [];
  const walk = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      paths.push(path);
      walk(sub, path);
    }
  };
  walk(program, []);
  return paths;
}

describe('fengkong CLI contract', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-cli-'));
    db = `sqlite:${join(dir, 'fengkong.db')}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('--help', () => {
    it('lists the commands of the issue: serve, migrate, backup, restore, audit verify, audit show', () => {
      const paths = commandPaths().map((p) => p.join(' '));
      expect(paths).toEqual(
        expect.arrayContaining([
          'serve',
          'migrate',
          'backup',
          'restore',
          'audit',
          'audit verify',
          'audit show',
        ]),
      );
    });

    it('prints the top-level usage and exits 0', async () => {
      const run = await fengkong(['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: fengkong \[options\] \[command\]/);
      expect(run.stderr).toBe('');
    });

    it.each(commandPaths())('exits 0 with usage on stdout for `fengkong %s --help`', async (...path) => {
      const run = await fengkong([...path, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: fengkong ${path.join(' ')}`);
      expect(run.stdout).toContain('-h, --help');
      expect(run.stderr).toBe('');
    });

    it('offers --db on every command that opens a database', async () => {
      for (const path of [
        ['serve'],
        ['migrate'],
        ['audit', 'verify'],
        ['audit', 'show'],
        ['backup'],
        ['restore'],
      ]) {
        expect((await fengkong([...path, '--help'])).stdout, path.join(' ')).toContain('--db <url>');
      }
    });
  });

  describe('usage errors: exit 1 and one line on stderr', () => {
    it('refuses an unknown command', async () => {
      const run = await fengkong(['frobnicate']);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain("unknown command 'frobnicate'");
      expect(run.stdout).toBe('');
    });

    it('refuses an unknown option, suggesting the close one on the same line', async () => {
      const run = await fengkong(['audit', 'verify', '--jsno']);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain("unknown option '--jsno'");
      expect(run.stderr).toContain('--json');
    });

    it('refuses an unknown option of the top-level command and a missing option value', async () => {
      for (const args of [['--verbose'], ['audit', 'show', '--limit'], ['migrate', '--db']]) {
        const run = await fengkong(args);
        expect(run.code, args.join(' ')).toBe(1);
        expectOneLine(run.stderr);
      }
    });

    it('refuses `audit show --limit x`, naming the option', async () => {
      const run = await fengkong(['audit', 'show', '--limit', 'x', '--db', db]);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain('--limit');
      expect(run.stderr).toContain('"x"');
    });

    it.each([
      ['--seq', '0'],
      ['--seq', '-3'],
      ['--limit', '1.5'],
      ['--actor', 'nocolon'],
      ['--target', ':id'],
    ])('refuses `audit show %s %s`', async (flag, value) => {
      const run = await fengkong(['audit', 'show', flag, value, '--db', db]);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain(flag);
    });

    it('refuses an invalid FENGKONG_DB, naming the variable, for every command that reads it', async () => {
      for (const args of [['migrate'], ['audit', 'verify'], ['audit', 'show'], ['serve', '--port', '0']]) {
        const run = await fengkong(args, { FENGKONG_DB: 'mysql://root@localhost/fk' });
        expect(run.code, args.join(' ')).toBe(1);
        expectOneLine(run.stderr);
        expect(run.stderr).toContain('FENGKONG_DB');
        expect(run.stderr).toContain('sqlite:<path> or postgres://');
      }
    });

    it('names the flag when --db is invalid, and every bad setting at once', async () => {
      const run = await fengkong(['serve', '--db', 'oracle://x', '--port', 'http'], {
        FENGKONG_BODY_LIMIT: '7',
      });
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      for (const name of ['--db', '--port', 'FENGKONG_BODY_LIMIT']) expect(run.stderr).toContain(name);
    });

    it('does not echo the password of an invalid database URL', async () => {
      const run = await fengkong(['migrate', '--db', 'postgress://fk:TopSecret99@db/fk']);
      expect(run.code).toBe(1);
      expect(run.stderr).not.toContain('TopSecret99');
    });

    it('reports a database that cannot be opened on one line', async () => {
      const run = await fengkong(['migrate', '--db', 'sqlite:/dev/null/fengkong.db']);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
    });

    it('shows the usage on stderr and exits 1 when no command is given', async () => {
      const run = await fengkong([]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Usage: fengkong');
      expect(run.stdout).toBe('');
    });
  });

  describe('migrate', () => {
    it('applies every migration once, printing JSON with --json', async () => {
      const first = await fengkong(['migrate', '--db', db, '--json']);
      expect(first.code).toBe(0);
      expect(first.stderr).toBe('');
      expect(JSON.parse(first.stdout)).toEqual({
        database: db,
        applied: MIGRATIONS.map((m) => m.name),
        alreadyApplied: 0,
      });
      const again = await fengkong(['migrate', '--db', db, '--json']);
      expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], alreadyApplied: MIGRATIONS.length });
    });

    it('says what it did in plain lines without --json', async () => {
      const first = await fengkong(['migrate'], { FENGKONG_DB: db });
      expect(first.code).toBe(0);
      expect(first.stdout.trim().split('\n')).toEqual(MIGRATIONS.map((m) => `applied ${m.name}`));
      const again = await fengkong(['migrate'], { FENGKONG_DB: db });
      expect(again.stdout).toBe(`${db}: up to date (${MIGRATIONS.length} migrations)\n`);
    });
  });

  describe('audit verify and audit show', () => {
    /** Writes `n` audit entries through the audit module, as the product would. */
    async function seedEntries(n: number): Promise<void> {
      const runtime = await compose(loadConfig({ FENGKONG_LOG_LEVEL: 'silent' }, { db }), {
        log: pino({ level: 'silent' }),
      });
      try {
        for (let i = 1; i <= n; i++) {
          await transact(runtime.store.db, (trx) =>
            runtime.audit.append(trx, {
              actor: SYSTEM_ACTOR,
              action: 'test.step',
              target: { type: 'test', id: `t${i}` },
              payload: { i },
            }),
          );
        }
      } finally {
        await runtime.close();
      }
    }

    it('reports a fresh database intact with exit 0, as text and as JSON', async () => {
      const text = await fengkong(['audit', 'verify', '--db', db]);
      expect(text.code).toBe(0);
      expect(text.stdout.trim()).not.toBe('');
      expect(text.stderr).toBe('');
      const json = await fengkong(['audit', 'verify', '--db', db, '--json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ intact: true, entries: 0, first_break: null });
    });

    it('reports an untouched chain of entries intact', async () => {
      await seedEntries(5);
      const run = await fengkong(['audit', 'verify', '--db', db, '--json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ intact: true, entries: 5, head: { seq: 5 } });
    });

    it('exits 3 on a chain broken by a forged row inserted after the triggers were dropped', async () => {
      await seedEntries(3);
      const store = await openStore(db);
      try {
        await sql`drop trigger if exists audit_log_no_update`.execute(store.db);
        await sql`drop trigger if exists audit_log_no_delete`.execute(store.db);
        await sql`insert into audit_log (seq, ts, actor_type, actor_id, action, target_type, target_id, outcome, payload, prev_hash, hash)
          values (4, '2026-01-01T00:00:00.000Z', 'user', 'mallory', 'money.move', 'account', 'a1', 'success', '{}', ${'0'.repeat(64)}, ${'f'.repeat(64)})`.execute(
          store.db,
        );
      } finally {
        await store.close();
      }
      const text = await fengkong(['audit', 'verify', '--db', db]);
      expect(text.code).toBe(3);
      expectOneLine(text.stderr);
      const json = await fengkong(['audit', 'verify', '--db', db, '--json']);
      expect(json.code).toBe(3);
      const report = JSON.parse(json.stdout);
      expect(report).toMatchObject({ intact: false, entries: 3 });
      expect(report.first_break.seq).toBe(4);
    });

    it('exits 3 when an entry was edited after the triggers were dropped, naming its sequence', async () => {
      await seedEntries(4);
      const store = await openStore(db);
      try {
        await sql`drop trigger if exists audit_log_no_update`.execute(store.db);
        await sql`update audit_log set payload = '{"i":999}' where seq = 2`.execute(store.db);
      } finally {
        await store.close();
      }
      const json = await fengkong(['audit', 'verify', '--db', db, '--json']);
      expect(json.code).toBe(3);
      expect(JSON.parse(json.stdout).first_break.seq).toBe(2);
    });

    it('shows entries newest first, as JSON that parses, filtered and limited', async () => {
      await seedEntries(3);
      const run = await fengkong(['audit', 'show', '--db', db, '--json', '--limit', '2']);
      expect(run.code).toBe(0);
      const entries = JSON.parse(run.stdout) as { seq: number; action: string }[];
      expect(entries.map((e) => e.seq)).toEqual([3, 2]);
      const one = await fengkong(['audit', 'show', '--db', db, '--json', '--seq', '1']);
      expect(JSON.parse(one.stdout)).toMatchObject([{ seq: 1, action: 'test.step', target: { id: 't1' } }]);
      const text = await fengkong(['audit', 'show', '--db', db, '--target', 'test:t2']);
      expect(text.stdout.trim().split('\n')).toHaveLength(1);
      expect(text.stdout).toContain('test:t2');
    });

    it('exits 1 for an entry that does not exist', async () => {
      await seedEntries(1);
      const run = await fengkong(['audit', 'show', '--db', db, '--seq', '42']);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr);
      expect(run.stderr).toContain('42');
    });
  });
});
