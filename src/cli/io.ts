import type { Config, ConfigFlags } from '../config.js';
import { loadConfig } from '../config.js';

/** Where a command reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes of the fixed CLI contract. */
export const EXIT = Object.freeze({ ok: 0, usage: 1, checkFailed: 3 });

/** A usage or input error: printed as one line, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** A check that ran and failed (a broken chain, a damaged backup): exit code 3. */
export class CheckFailed extends CliError {
  constructor(message: string) {
    super(message, EXIT.checkFailed);
  }
}

/** Loads the configuration for a command from the environment and its `--db` flag. */
export function commandConfig(io: CliIo, flags: ConfigFlags): Config {
  return loadConfig(io.env, flags);
}

/** Prints `value` as JSON (with `--json`) or as the human line(s). */
export function output(io: CliIo, json: boolean, value: unknown, human: string | readonly string[]): void {
  if (json) io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  else for (const line of typeof human === 'string' ? [human] : human) io.stdout.write(`${line}\n`);
}
