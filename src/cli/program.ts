import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { FkError } from '../kernel/errors.js';
import { registerApiKey } from './apikey.js';
import { registerAudit } from './audit.js';
import { registerBacktest } from './backtest.js';
import { registerBackup } from './backup.js';
import { CliError, type CliIo, EXIT } from './io.js';
import { registerKri } from './kri.js';
import { registerList } from './list.js';
import { registerLoans } from './loans.js';
import { registerLoansReport } from './loans-report.js';
import { registerMigrate } from './migrate.js';
import { registerScorecard } from './scorecard.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerUser } from './user.js';
import { registerWarning } from './warning.js';

/** The `fengkong` command tree. Each command module registers its subcommands here. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('fengkong')
    .description('Fengkong (风控): risk control for internet finance / 互联网金融风险控制平台')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Commander's usage errors (with a "Did you mean" hint on a second line) as the one line the
      // CLI contract promises.
      outputError: (message, write) => write(`fengkong: ${oneLine(message)} (see --help)\n`),
    })
    .exitOverride();
  registerServe(program, io);
  registerMigrate(program, io);
  registerAudit(program, io);
  registerBackup(program, io);
  registerUser(program, io);
  registerApiKey(program, io);
  registerList(program, io);
  registerLoansReport(registerLoans(program, io), io);
  registerSimulate(program, io);
  registerBacktest(program, io);
  registerScorecard(program, io);
  registerWarning(program, io);
  registerKri(program, io, (runtime) => runtime.kris.service);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 success, 1 usage or input error (one line on stderr),
 * 3 a failed check. Never calls `process.exit` itself.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  const output = program.configureOutput();
  const everyCommand = (command: Command): void => {
    command.exitOverride().configureOutput(output);
    command.commands.forEach(everyCommand);
  };
  everyCommand(program);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its one-line message otherwise.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`fengkong: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError || error instanceof FkError) {
      io.stderr.write(`fengkong: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`fengkong: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return EXIT.usage;
  }
}

/** A commander message on one line, without its `error:` prefix. */
function oneLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
