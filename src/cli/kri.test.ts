import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { systemClock } from '../kernel/clock.js';
import { AuditLog, SYSTEM_ACTOR } from '../modules/audit/index.js';
import { builtinMetrics } from '../modules/warning/kri/builtin-metrics.js';
import { KriService } from '../modules/warning/kri/index.js';
import { CliError, type CliIo } from './io.js';
import { registerKri } from './kri.js';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `fengkong kri …` with only this command registered, as `runCli` would. */
async function fengkong(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (c) => {
    stdout += String(c);
  });
  err.on('data', (c) => {
    stderr += String(c);
  });
  const io: CliIo = {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: { FENGKONG_LANG: 'en', FENGKONG_LOG_LEVEL: 'silent' },
  };
  const program = new Command('fengkong')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s) });
  registerKri(program, io);
  const every = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(every);
  };
  every(program);
  try {
    await program.parseAsync(['node', 'fengkong', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 1, stdout, stderr };
    if (error instanceof CliError)
      return { code: error.exitCode, stdout, stderr: `${stderr}fengkong: ${error.message}\n` };
    throw error;
  }
}

describe('fengkong kri', () => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    dir = t.url.slice('sqlite:'.length).replace(/fengkong\.db$/, '');
    const kris = new KriService({
      db: t.store.db,
      clock: systemClock,
      audit: new AuditLog({ db: t.store.db, dialect: t.store.dialect, clock: systemClock }),
      metrics: builtinMetrics(),
    });
    await kris.create(
      {
        id: 'legal.open_findings',
        name: { en: 'Open regulatory findings', zh: '未整改的监管问题' },
        risk_type: 'legal',
        unit: 'count',
        direction: 'higher_is_worse',
        frequency: 'daily',
        source: { kind: 'pushed' },
        thresholds: { amber: 3, red: 5, hysteresis: 0 },
      },
      SYSTEM_ACTOR,
    );
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('imports values with per-row results, evaluates the last ended period, and lists the band', async () => {
    const yesterday = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000).toISOString();
    const file = join(dir, 'values.csv');
    writeFileSync(
      file,
      `kri_id,period_start,value\nlegal.open_findings,${yesterday},6\nlegal.open_findings,2026-01-01T05:00:00Z,1\n`,
    );
    const imported = await fengkong(['kri', 'import', file, '--db', t.url]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain('1 added/新增');
    expect(imported.stdout).toContain('row/行 2 (line/第 3 行)');
    expect(imported.stderr).toContain('1 of 2 rows refused');

    const evaluated = await fengkong(['kri', 'evaluate', 'legal.open_findings', '--db', t.url]);
    expect(evaluated).toMatchObject({ code: 0, stderr: '' });
    expect(evaluated.stdout).toContain(`legal.open_findings ${yesterday}: evaluated / 已评估 RED 6 count`);
    const again = await fengkong(['kri', 'evaluate', '--db', t.url, '--json']);
    expect(JSON.parse(again.stdout).items[0]).toMatchObject({
      created: false,
      evaluation: { band: 'red', value: 6 },
    });

    const listed = await fengkong(['kri', 'list', '--db', t.url]);
    expect(listed.stdout).toMatch(/legal\.open_findings\s+RED\s+daily/);
    expect((await fengkong(['kri', 'list', '--frequency', 'yearly', '--db', t.url])).code).toBe(1);
    const missing = await fengkong(['kri', 'evaluate', 'nope', '--db', t.url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('KRI nope does not exist');
  });
});
