/**
 * Entry of the `fengkong` bin: parses the command line and runs the command. Nothing else lives here.
 */
import { runCli } from './cli/program.js';

/** Runs the CLI with the process's streams; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
}
