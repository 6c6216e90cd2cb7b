import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `fengkong ...args` in-process with captured streams, English output and only `env` as the
 * environment (plus what a test passes).
 */
export async function runFengkong(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
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
  const io: CliIo = {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    env: { FENGKONG_LANG: 'en', ...env },
  };
  const code = await runCli(['node', 'fengkong', ...args], io);
  return { code, stdout, stderr };
}
