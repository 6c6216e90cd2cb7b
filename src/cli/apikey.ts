import type { Command } from 'commander';
import { CLI_ACTOR, toApiKeyView } from '../modules/identity/index.js';
import { CliError, type CliIo, output } from './io.js';
import { collect, withRuntime } from './user.js';

const DB_HELP = 'database URL (default FENGKONG_DB, else ./data/fengkong.db)';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The expiry of `--expires`: a date means the key works through that whole day (UTC) and stops at
 * the next midnight; a full ISO-8601 date-time is taken as given.
 */
export function parseExpiry(raw: string): string {
  const text = raw.trim();
  const ms = DATE.test(text) ? Date.parse(`${text}T00:00:00.000Z`) + 86_400_000 : Date.parse(text);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    throw new CliError(
      `--expires must be a date (2026-12-31) or an ISO date-time, not ${JSON.stringify(raw)}`,
    );
  }
  return new Date(ms).toISOString();
}

/**
 * `fengkong apikey create|list|revoke`: machine credentials from the server's console. A new key is
 * printed once and stored only as its hash.
 */
export function registerApiKey(program: Command, io: CliIo): void {
  const apikey = program.command('apikey').description('Manage API keys for integrations / API 密钥管理');

  apikey
    .command('create')
    .description('Create an API key, printed once / 创建 API 密钥（仅显示一次）')
    .requiredOption('--name <name>', 'what the key is for, e.g. loan-origination')
    .option('--role <role>', 'a role, required (repeat for several); usually integration', collect, [])
    .option(
      '--permission <permission>',
      'narrow the key to these permissions of its roles (repeatable)',
      collect,
      [],
    )
    .option('--expires <date>', 'last day of validity (UTC), e.g. 2026-12-31, or an ISO date-time')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the key and its record as JSON')
    .action(
      async (opts: {
        name: string;
        role: string[];
        permission: string[];
        expires?: string;
        db?: string;
        json?: boolean;
      }) => {
        if (opts.role.length === 0) throw new CliError('--role is required: give at least one role');
        if (opts.name.trim() === '' || opts.name.length > 100)
          throw new CliError('--name must have 1 to 100 characters');
        const expiresAt = opts.expires === undefined ? undefined : parseExpiry(opts.expires);
        await withRuntime(io, opts.db, async (runtime) => {
          const { row, key } = await runtime.identity.apiKeys.create(
            {
              name: opts.name,
              roles: opts.role,
              permissions: opts.permission.length > 0 ? opts.permission : undefined,
              expiresAt,
            },
            CLI_ACTOR,
          );
          const view = toApiKeyView(row, runtime.clock.now());
          output(io, Boolean(opts.json), { api_key: view, key }, [
            `API key ${view.name} (${view.id}), shown only now / API 密钥（仅显示这一次）:`,
            key,
            `permissions / 权限: ${view.permissions.join(', ')}; expires / 过期: ${view.expires_at ?? 'never / 永不'}`,
          ]);
        });
      },
    );

  apikey
    .command('list')
    .description('List API keys (never the keys themselves) / API 密钥列表')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the keys as JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        const now = runtime.clock.now();
        const keys = (await runtime.identity.apiKeys.list()).map((k) => toApiKeyView(k, now));
        output(
          io,
          Boolean(opts.json),
          keys,
          keys.length === 0
            ? 'no API keys / 暂无 API 密钥'
            : keys.map(
                (k) =>
                  `${k.id}  ${k.hint.padEnd(12)} ${k.name.padEnd(24)} ${k.status.padEnd(8)} ${k.roles.join(',')}  last used / 最近使用: ${k.last_used_at ?? '-'}`,
              ),
        );
      });
    });

  apikey
    .command('revoke')
    .description('Revoke an API key at once / 立即吊销 API 密钥')
    .argument('<id>', 'the key id (from `fengkong apikey list`)')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the revoked key as JSON')
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        const view = toApiKeyView(await runtime.identity.apiKeys.revoke(id, CLI_ACTOR), runtime.clock.now());
        output(
          io,
          Boolean(opts.json),
          view,
          `revoked API key ${view.name} (${view.id}) / 已吊销 API 密钥 ${view.name}`,
        );
      });
    });
}
