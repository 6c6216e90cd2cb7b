import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createProgress } from '../kernel/progress.js';
import type { EntryView, ImportReport, ListView } from '../modules/engine/lists/index.js';
import { CLI_ACTOR } from '../modules/identity/index.js';
import { CliError, type CliIo, output } from './io.js';
import { withRuntime } from './user.js';

const DB_HELP = 'database URL (default FENGKONG_DB, else ./data/fengkong.db)';
const VALUE_LIMIT = 1024;

/** Reads one value from standard input, so an identity number never lands in the shell history. */
async function readValueFromStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.length > VALUE_LIMIT)
      throw new CliError(`the value on standard input is longer than ${VALUE_LIMIT} bytes`);
  }
  const value = text.trim();
  if (value === '') throw new CliError('standard input held no value');
  return value;
}

/** The value from the argument, or from standard input with `--value-stdin`; exactly one of them. */
async function givenValue(
  io: CliIo,
  argument: string | undefined,
  stdin: boolean | undefined,
): Promise<string> {
  if (stdin && argument !== undefined)
    throw new CliError('give the value as an argument or with --value-stdin, not both');
  if (stdin) return readValueFromStdin(io);
  if (argument === undefined)
    throw new CliError('missing value: give it as an argument or pipe it with --value-stdin');
  return argument;
}

function listLine(l: ListView): string {
  const guard = l.protected ? 'protected/受保护' : 'open/未保护';
  return `${l.name.padEnd(24)} ${l.kind.padEnd(10)} ${l.purpose.padEnd(6)} ${guard.padEnd(16)} ${String(l.entries).padStart(8)} entries/条  v${l.version}`;
}

function entryLine(e: EntryView): string {
  const until = e.expires_at
    ? `${e.expired ? 'expired/已过期' : 'until/有效至'} ${e.expires_at}`
    : 'no expiry/长期';
  return `${e.display.padEnd(24)} ${until.padEnd(40)} ${e.source.padEnd(12)} ${e.reason}`;
}

function importLines(r: ImportReport): string[] {
  const refused = r.results.filter((row) => row.status === 'refused');
  return [
    `imported into ${r.list} / 已导入名单 ${r.list}: ${r.rows} rows/行, ${r.added} added/新增, ${r.updated} updated/更新, ${r.refused} refused/拒绝 (version ${r.version})`,
    ...refused.map((row) => `  row/行 ${row.row} (line/第 ${row.line} 行): ${row.message ?? 'refused'}`),
  ];
}

/**
 * `fengkong list create|add|remove|import|show`: block, allow and watch lists from the server's
 * console, acting as the CLI operator (audited as `system:cli`). A protected list is refused here:
 * its changes need a second person, which only the API and the console can arrange.
 */
export function registerList(program: Command, io: CliIo): void {
  const list = program.command('list').description('Block, allow and watch lists / 黑白名单与关注名单');

  list
    .command('create <name>')
    .description('Create a list / 创建名单')
    .requiredOption('--kind <kind>', 'id_number, phone, bank_card, ip, device_id, account, user_id or string')
    .requiredOption('--purpose <purpose>', 'block, allow or watch')
    .option('--protected', 'changes to the list need four-eyes approval')
    .option('--description <text>', 'what the list is for (English)')
    .option('--description-zh <text>', 'what the list is for (Chinese) / 名单说明（中文）')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the list as JSON')
    .action(
      async (
        name: string,
        opts: {
          kind: string;
          purpose: string;
          protected?: boolean;
          description?: string;
          descriptionZh?: string;
          db?: string;
          json?: boolean;
        },
      ) => {
        await withRuntime(io, opts.db, async (runtime) => {
          const created = await runtime.lists.service.create(
            {
              name,
              kind: opts.kind,
              purpose: opts.purpose,
              protected: Boolean(opts.protected),
              description: { en: opts.description, zh: opts.descriptionZh },
            },
            CLI_ACTOR,
          );
          output(io, Boolean(opts.json), created, `created list / 已创建名单: ${listLine(created)}`);
        });
      },
    );

  list
    .command('add <name> [value]')
    .description('Add an entry, or update its reason and expiry / 新增名单条目')
    .requiredOption('--reason <text>', 'why the value is listed (audited) / 列入原因')
    .option('--source <text>', 'where the listing comes from (default manual)')
    .option('--expires-at <time>', 'RFC 3339 time with offset after which the entry stops matching')
    .option(
      '--value-stdin',
      'read the value from standard input (keeps identity numbers out of shell history)',
    )
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the entry as JSON')
    .action(
      async (
        name: string,
        argument: string | undefined,
        opts: {
          reason: string;
          source?: string;
          expiresAt?: string;
          valueStdin?: boolean;
          db?: string;
          json?: boolean;
        },
      ) => {
        const value = await givenValue(io, argument, opts.valueStdin);
        await withRuntime(io, opts.db, async (runtime) => {
          const result = await runtime.lists.service.add(
            name,
            { value, reason: opts.reason, source: opts.source, expires_at: opts.expiresAt },
            CLI_ACTOR,
          );
          output(
            io,
            Boolean(opts.json),
            result,
            `${result.status === 'added' ? 'added / 已新增' : 'updated / 已更新'}: ${entryLine(result.entry)}`,
          );
        });
      },
    );

  list
    .command('remove <name> [value]')
    .description('Remove an entry (the value in clear, or its stored hash) / 移除名单条目')
    .requiredOption('--reason <text>', 'why the value is removed (audited) / 移除原因')
    .option('--value-stdin', 'read the value from standard input')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the removed entry as JSON')
    .action(
      async (
        name: string,
        argument: string | undefined,
        opts: { reason: string; valueStdin?: boolean; db?: string; json?: boolean },
      ) => {
        const value = await givenValue(io, argument, opts.valueStdin);
        await withRuntime(io, opts.db, async (runtime) => {
          const removed = await runtime.lists.service.remove(name, value, opts.reason, CLI_ACTOR);
          output(io, Boolean(opts.json), removed, `removed / 已移除: ${entryLine(removed)}`);
        });
      },
    );

  list
    .command('import <name> <file>')
    .description('Import a CSV file: value,reason,expires_at / 导入 CSV 文件')
    .option('--reason <text>', 'reason of rows that give none')
    .option('--source <text>', 'source recorded on every entry (default import)')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the per-row report as JSON')
    .action(
      async (
        name: string,
        file: string,
        opts: { reason?: string; source?: string; db?: string; json?: boolean },
      ) => {
        const json = Boolean(opts.json);
        const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new CliError(
            `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file / 文件不存在' : error.message}`,
          );
        });
        const report = await withRuntime(io, opts.db, async (runtime) => {
          const progress = createProgress('importing / 导入中', io.stderr, json);
          try {
            return await runtime.lists.service.import(
              name,
              csv,
              {
                reason: opts.reason,
                source: opts.source,
                progress: (done, total) => progress.update(done, total),
              },
              CLI_ACTOR,
            );
          } finally {
            progress.done();
          }
        });
        output(io, json, report, importLines(report));
        if (report.refused > 0) {
          throw new CliError(
            `${report.refused} of ${report.rows} rows refused, the others were imported / ${report.rows} 行中有 ${report.refused} 行被拒绝，其余已导入`,
          );
        }
      },
    );

  list
    .command('show [name]')
    .description('Show every list, or one list with a page of its entries (masked) / 查看名单')
    .option('--limit <n>', 'entries to show (1-500)', '50')
    .option('--after <value>', 'continue after this stored value (next_after of the previous page)')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print as JSON')
    .action(
      async (
        name: string | undefined,
        opts: { limit: string; after?: string; db?: string; json?: boolean },
      ) => {
        const limit = Number(opts.limit);
        if (!/^[0-9]+$/.test(opts.limit) || limit < 1 || limit > 500)
          throw new CliError('--limit must be an integer from 1 to 500');
        await withRuntime(io, opts.db, async (runtime) => {
          const service = runtime.lists.service;
          if (name === undefined) {
            const all = await service.list();
            output(
              io,
              Boolean(opts.json),
              all,
              all.length === 0
                ? 'no lists yet: create one with `fengkong list create` / 尚无名单'
                : all.map(listLine),
            );
            return;
          }
          const shown = await service.get(name);
          const page = await service.entries(name, { limit, after: opts.after });
          output(io, Boolean(opts.json), { list: shown, entries: page }, [
            listLine(shown),
            ...page.items.map(entryLine),
            ...(page.next_after ? [`more / 更多: --after ${page.next_after}`] : []),
          ]);
        });
      },
    );
}
