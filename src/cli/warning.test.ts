import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, type CliIo } from './io.js';
import { registerWarning } from './warning.js';

/**
 * Runs `fengkong warning ...` on a program holding only this command, with the error handling of
 * `runCli` in program.ts (which registers the command itself once the lead wires it in).
 */
async function fengkong(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const io: CliIo = {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin: new PassThrough(),
    env: { FENGKONG_LANG: 'en' },
  };
  const program = new Command('fengkong').configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: (message, write) => write(`fengkong: ${message.replace(/^error:\s*/i, '').trim()}\n`),
  });
  registerWarning(program, io);
  const every = (command: Command): void => {
    command.exitOverride().configureOutput(program.configureOutput());
    command.commands.forEach(every);
  };
  every(program);
  try {
    await program.parseAsync(['node', 'fengkong', ...args], { from: 'node' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 1, stdout, stderr };
    if (error instanceof CliError)
      return { code: error.exitCode, stdout, stderr: `${stderr}fengkong: ${error.message}\n` };
    throw error;
  }
}

/** NIST/SEMATECH e-Handbook §6.3.2.3 tabular CUSUM example data (see tabular-cusum.test.ts). */
const NIST_CUSUM = [
  324.925, 324.675, 324.725, 324.35, 325.35, 325.225, 324.125, 324.525, 325.225, 324.6, 324.625, 325.15,
  328.325, 327.25, 327.825, 328.5, 326.675, 327.775, 326.875, 328.35,
];

describe('fengkong warning detect', () => {
  let dir: string;
  let csv: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fk-warn-'));
    csv = join(dir, 'series.csv');
    writeFileSync(
      csv,
      `day,diameter\n${NIST_CUSUM.map((x, i) => `2025-01-${String(i + 1).padStart(2, '0')},${x}`).join('\n')}\n`,
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every point and the signals as JSON (NIST CUSUM example, no reset)', async () => {
    const run = await fengkong([
      'warning',
      'detect',
      '--method',
      'cusum',
      '--input',
      csv,
      '--target',
      '325',
      '--sigma',
      '1',
      '--k',
      '0.3175',
      '--h',
      '4.1959',
      '--no-reset',
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.method).toBe('cusum');
    expect(result.parameters).toEqual({
      k: 0.3175,
      h: 4.1959,
      reset_on_signal: false,
      target: 325,
      sigma: 1,
      estimated: false,
      estimate_from: 20,
    });
    expect(result.signals).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(result.points).toHaveLength(20);
    expect(Object.keys(result.points[0])).toEqual([
      'index',
      'value',
      'statistic',
      'upper',
      'lower',
      'limit',
      'signal',
      'direction',
    ]);
    expect(result.points[13]).toMatchObject({ index: 13, value: 327.25, signal: true, direction: 'up' });
    expect(result.points[13].upper).toBeCloseTo(4.94, 9);
  });

  it('prints a table and the signal positions for people', async () => {
    const run = await fengkong(['warning', 'detect', '--method', 'zscore', '--input', csv, '--window', '5']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('method / 方法: zscore  parameters / 参数: window=5 k=3');
    expect(lines[1]).toContain('column / 列 "diameter", 20 points');
    expect(lines[2]).toMatch(/^index\s+value\s+statistic\s+mean\s+sd\s+z\s+signal$/);
    expect(lines).toHaveLength(3 + 20 + 1);
    expect(lines[3]).toMatch(/^\s*0\s+324\.925\s+—\s+—\s+—\s+—$/);
    expect(lines[15]).toContain('up / 上升'); // 328.325 against the five quiet points before it
    expect(lines.at(-1)).toMatch(/^signals at \/ 信号位置 \(\d+\): 12/);
  });

  it('estimates μ0 and σ when they are not given and says so', async () => {
    const run = await fengkong([
      'warning',
      'detect',
      '--method',
      'ewma',
      '--input',
      csv,
      '--estimate-from',
      '10',
      '--json',
    ]);
    const result = JSON.parse(run.stdout);
    expect(result.parameters).toMatchObject({ lambda: 0.2, L: 3, estimated: true, estimate_from: 10 });
    // The first ten deviations from 325 sum to −2.275, so μ0 = 325 − 0.2275.
    expect(result.parameters.target).toBeCloseTo(324.7725, 9);
    expect(result.points.slice(0, 10).every((p: { statistic: unknown }) => p.statistic === null)).toBe(true);
    expect(result.points[10]).toMatchObject({ t: 1 });
    expect(result.signals[0]).toBe(12);
  });

  it('runs Page–Hinkley with its own parameters', async () => {
    const run = await fengkong([
      'warning',
      'detect',
      '--method',
      'page-hinkley',
      '--input',
      csv,
      '--column',
      'diameter',
      '--threshold',
      '5',
      '--delta',
      '0.1',
      '--json',
    ]);
    const result = JSON.parse(run.stdout);
    expect(result.parameters).toEqual({ delta: 0.1, threshold: 5, alpha: 1, watch: 'both' });
    expect(result.signals.length).toBeGreaterThan(0);
    expect(result.points[0]).toEqual({
      index: 0,
      value: 324.925,
      statistic: 0,
      mean: 324.925,
      up: 0,
      down: 0,
      signal: false,
      direction: null,
    });
  });

  it('takes the only numeric column by default, else the first', async () => {
    const two = join(dir, 'two.csv');
    writeFileSync(two, 'a,b\n1,10\n2,20\n3,30\n');
    const first = JSON.parse(
      (await fengkong(['warning', 'detect', '--method', 'zscore', '--input', two, '--json'])).stdout,
    );
    expect(first.points.map((p: { value: number }) => p.value)).toEqual([1, 2, 3]);
    const named = JSON.parse(
      (await fengkong(['warning', 'detect', '--method', 'zscore', '--input', two, '--column', 'b', '--json']))
        .stdout,
    );
    expect(named.points.map((p: { value: number }) => p.value)).toEqual([10, 20, 30]);
  });

  it('names the line of a cell that is not a number (exit 1)', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'value\n1.5\n2\nn/a\n4\n');
    const run = await fengkong(['warning', 'detect', '--method', 'ewma', '--input', bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `fengkong: ${bad} line 4: "n/a" in column "value" is not a number / ${bad} 第 4 行："value" 列中的"n/a"不是数字\n`,
    );
  });

  it('refuses wrong flags, parameters, methods and files with one line each', async () => {
    const cases: [string[], RegExp][] = [
      [['--method', 'arima'], /--method must be zscore, ewma, cusum, page-hinkley, not "arima"/],
      [['--method', 'ewma', '--window', '5'], /--window does not apply to --method ewma/],
      [['--method', 'zscore', '--no-reset'], /--no-reset does not apply to --method zscore/],
      [
        ['--method', 'ewma', '--lambda', '2'],
        /--lambda must be a number > 0 and ≤ 1, not 2 \/ --lambda 必须是/,
      ],
      [['--method', 'ewma', '--estimate-from', '1'], /--estimate-from must be an integer ≥ 2/],
      [['--method', 'cusum', '--h', 'five'], /--h must be a number, not "five"/],
      [['--method', 'page-hinkley', '--watch', 'left'], /--watch must be both, up or down/],
      [
        ['--method', 'zscore', '--column', 'nope'],
        /line 1: there is no column "nope" \(columns: day, diameter\)/,
      ],
    ];
    for (const [flags, message] of cases) {
      const run = await fengkong(['warning', 'detect', '--input', csv, ...flags]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const missing = await fengkong([
      'warning',
      'detect',
      '--method',
      'zscore',
      '--input',
      join(dir, 'none.csv'),
    ]);
    expect(missing.stderr).toMatch(/cannot read .*none\.csv: ENOENT/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'value\n');
    expect((await fengkong(['warning', 'detect', '--method', 'zscore', '--input', empty])).stderr).toMatch(
      /has no data rows \/ .*没有数据行/,
    );
  });
});
