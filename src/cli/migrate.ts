import type { Command } from 'commander';
import { openStore } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { type CliIo, commandConfig, output } from './io.js';

/** `fengkong migrate`: applies pending migrations and says which. */
export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('Apply pending database migrations / 执行数据库迁移')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const config = commandConfig(io, { db: opts.db });
      const store = await openStore(config.db);
      try {
        const result = await migrate(store);
        output(
          io,
          Boolean(opts.json),
          { database: store.label, ...result },
          result.applied.length > 0
            ? result.applied.map((name) => `applied ${name}`)
            : `${store.label}: up to date (${result.alreadyApplied} migrations)`,
        );
      } finally {
        await store.close();
      }
    });
}
