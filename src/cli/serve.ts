import type { Command } from 'commander';
import { startServer } from '../app/server.js';
import { type CliIo, commandConfig } from './io.js';

/** `fengkong serve`: runs the API and console until SIGTERM or SIGINT, then shuts down gracefully. */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Serve the API and console / 启动 API 与控制台服务')
    .option(
      '--db <url>',
      'database URL: sqlite:<path> or postgres://… (default FENGKONG_DB, else ./data/fengkong.db)',
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default PORT, else 8080)')
    .option('--no-demo', 'do not load the demo workspace into a new database')
    .action(async (opts: { db?: string; host?: string; port?: string; demo: boolean }) => {
      const config = commandConfig(io, {
        db: opts.db,
        host: opts.host,
        port: opts.port,
        demo: opts.demo === false ? false : undefined,
      });
      const server = await startServer(config, { print: (line) => io.stderr.write(`${line}\n`) });
      io.stderr.write(`Fengkong is serving on ${server.url} (API docs: ${server.url}/api/docs)\n`);
      await new Promise<void>((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          server.runtime.log.info({ signal }, 'shutting down');
          server.stop().then(resolve, resolve);
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
    });
}
