import type { Command } from 'commander';
import { compose, type Runtime } from '../app/compose.js';
import { FkError } from '../kernel/errors.js';
import { CLI_ACTOR, ROLE_NAMES, toUserView } from '../modules/identity/index.js';
import { CliError, type CliIo, commandConfig, output } from './io.js';
import { quietLogger } from './logger.js';
import { canPrompt, promptHidden, readSecretFromStdin } from './prompt.js';

const DB_HELP = 'database URL (default FENGKONG_DB, else ./data/fengkong.db)';

/** Collects a repeatable option (`--role a --role b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Runs `work` on a composed runtime, closing it afterwards; catalogued errors become one-line CLI
 * errors in both languages.
 */
export async function withRuntime<T>(
  io: CliIo,
  db: string | undefined,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const config = commandConfig(io, { db });
  const runtime = await compose(config, { log: quietLogger() });
  try {
    return await work(runtime);
  } catch (error) {
    if (error instanceof FkError) throw new CliError(`${error.message} / ${error.title.zh}`);
    throw error;
  } finally {
    await runtime.close();
  }
}

/**
 * `fengkong user create|list|mfa-reset|password-reset`: bootstrap and break-glass administration of
 * people from the server's console. There are no default accounts: the first administrator is made
 * here, with a password typed at a prompt that does not echo, or piped with `--password-stdin`.
 */
export function registerUser(program: Command, io: CliIo): void {
  const user = program.command('user').description('Manage people who sign in / 用户管理');

  user
    .command('create')
    .description('Create a user with a password you type or pipe / 创建用户（输入或通过管道提供密码）')
    .requiredOption('--username <name>', '3-64 characters: a letter, then letters, digits, . _ -')
    .option(
      '--role <role>',
      `a role, required (repeat for several): ${ROLE_NAMES.filter((r) => r !== 'integration').join(', ')}`,
      collect,
      [],
    )
    .option('--display-name <name>', 'the name people see (default: the username)')
    .option('--password-stdin', 'read the password from standard input instead of a prompt')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the user as JSON')
    .action(
      async (opts: {
        username: string;
        role: string[];
        displayName?: string;
        passwordStdin?: boolean;
        db?: string;
        json?: boolean;
      }) => {
        if (opts.role.length === 0) throw new CliError('--role is required: give at least one role');
        let password: string;
        if (opts.passwordStdin) password = await readSecretFromStdin(io);
        else if (canPrompt(io)) {
          password = await promptHidden(io, 'Password (12-128 characters) / 密码（12-128 个字符）: ');
          const again = await promptHidden(io, 'Again / 再次输入: ');
          if (again !== password) throw new CliError('the two passwords differ / 两次输入的密码不一致');
        } else throw new CliError('no terminal to ask for the password: pipe it with --password-stdin');
        await withRuntime(io, opts.db, async (runtime) => {
          const { user: created } = await runtime.identity.users.create(
            { username: opts.username, displayName: opts.displayName, roles: opts.role, password },
            CLI_ACTOR,
          );
          const view = toUserView(created, runtime.clock.now());
          output(io, Boolean(opts.json), view, [
            `created user ${view.username} (${view.id}) with roles ${view.roles.join(', ')} / 已创建用户 ${view.username}，角色：${view.roles.join('、')}`,
            'at first login they enrol an authenticator app (MFA) / 首次登录时需绑定身份验证器（多因素认证）',
          ]);
        });
      },
    );

  user
    .command('list')
    .description('List users / 用户列表')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the users as JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        const now = runtime.clock.now();
        const users = (await runtime.identity.users.list(500, 0)).map((u) => toUserView(u, now));
        output(
          io,
          Boolean(opts.json),
          users,
          users.length === 0
            ? 'no users yet: create one with `fengkong user create` / 尚无用户：请使用 fengkong user create 创建'
            : users.map(
                (u) =>
                  `${u.username.padEnd(20)} ${u.roles.join(',').padEnd(24)} ${u.status.padEnd(8)} mfa:${u.mfa_enrolled ? 'yes' : 'no '} last login / 最近登录: ${u.last_login_at ?? '-'}`,
              ),
        );
      });
    });

  user
    .command('mfa-reset')
    .description('Remove a user’s MFA (lost phone); they enrol again at login / 重置用户的多因素认证')
    .requiredOption('--username <name>', 'whose MFA to reset')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the user as JSON')
    .action(async (opts: { username: string; db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        const { users } = runtime.identity;
        const target = await users.getByUsername(opts.username);
        const view = toUserView(await users.resetMfa(target.id, CLI_ACTOR), runtime.clock.now());
        output(
          io,
          Boolean(opts.json),
          view,
          `MFA of ${view.username} reset; their sessions ended / 已重置 ${view.username} 的多因素认证并结束其全部会话`,
        );
      });
    });

  user
    .command('password-reset')
    .description('Give a user a one-time password to change at login / 为用户生成一次性密码')
    .requiredOption('--username <name>', 'whose password to reset')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the user and the one-time password as JSON')
    .action(async (opts: { username: string; db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        const { users } = runtime.identity;
        const target = await users.getByUsername(opts.username);
        const { user: reset, password } = await users.resetPassword(target.id, CLI_ACTOR);
        const view = toUserView(reset, runtime.clock.now());
        output(io, Boolean(opts.json), { user: view, password }, [
          `one-time password for ${view.username} (shown once) / ${view.username} 的一次性密码（仅显示一次）: ${password}`,
          'it must be changed at the next login / 下次登录时必须修改',
        ]);
      });
    });
}
