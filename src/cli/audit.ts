import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compose } from '../app/compose.js';
import { checkpointNow } from '../app/server.js';
import { describeVerify } from '../modules/audit/index.js';
import { CheckFailed, CliError, type CliIo, commandConfig, output } from './io.js';
import { quietLogger } from './logger.js';

/** `fengkong audit verify|show|checkpoint`. */
export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('Inspect and verify the audit log / 审计日志查询与校验');

  audit
    .command('verify')
    .description('Recompute the hash chain; exit 3 if it is broken / 校验审计哈希链（损坏时退出码 3）')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--checkpoint <file...>', 'exported signed checkpoint file(s) to verify against')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { db?: string; checkpoint?: string[]; json?: boolean }) => {
      const config = commandConfig(io, { db: opts.db });
      const runtime = await compose(config, { log: quietLogger() });
      try {
        const files = (opts.checkpoint ?? []).map((file) => {
          let text: string;
          try {
            text = readFileSync(file, 'utf8');
          } catch {
            throw new CliError(`cannot read checkpoint file ${file}`);
          }
          return runtime.audit.readSigned(text);
        });
        const report = await runtime.audit.verify(files);
        const line = describeVerify(report.intact, report.entries, report.first_break, config.lang);
        output(io, Boolean(opts.json), report, [
          line,
          ...(report.checkpoints_checked > 0
            ? [`checkpoints checked / 已核对检查点: ${report.checkpoints_checked}`]
            : []),
        ]);
        if (!report.intact) throw new CheckFailed(line);
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('show')
    .description('Show audit entries, newest first / 查看审计记录')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--seq <n>', 'one entry by sequence number')
    .option('--action <action>', 'only this action, e.g. workspace.create')
    .option('--actor <type:id>', 'only this actor, e.g. user:alice')
    .option('--target <type:id>', 'only this target, e.g. policy:p1')
    .option('--limit <n>', 'how many entries', '20')
    .option('--json', 'print entries as JSON')
    .action(
      async (opts: {
        db?: string;
        seq?: string;
        action?: string;
        actor?: string;
        target?: string;
        limit: string;
        json?: boolean;
      }) => {
        const limit = positiveInt(opts.limit, '--limit');
        const config = commandConfig(io, { db: opts.db });
        const runtime = await compose(config, { log: quietLogger() });
        try {
          const [actorType, actorId] = splitPair(opts.actor, '--actor');
          const [targetType, targetId] = splitPair(opts.target, '--target');
          const entries =
            opts.seq !== undefined
              ? [await runtime.audit.get(positiveInt(opts.seq, '--seq'))].filter((e) => e !== undefined)
              : await runtime.audit.list({
                  action: opts.action,
                  actorType,
                  actorId,
                  targetType,
                  targetId,
                  limit,
                });
          if (opts.seq !== undefined && entries.length === 0)
            throw new CliError(`audit entry ${opts.seq} does not exist`);
          output(
            io,
            Boolean(opts.json),
            entries,
            entries.map(
              (e) =>
                `${String(e.seq).padStart(8)}  ${e.ts}  ${e.actor.type}:${e.actor.id}  ${e.action}  ${e.target.type}:${e.target.id}  ${e.outcome}  ${JSON.stringify(e.payload)}`,
            ),
          );
        } finally {
          await runtime.close();
        }
      },
    );

  audit
    .command('checkpoint')
    .description('Checkpoint the chain and export it signed / 创建并导出签名检查点')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--out <file>', 'write the signed checkpoint to this file (needs FENGKONG_AUDIT_KEY)')
    .option('--json', 'print the checkpoint as JSON')
    .action(async (opts: { db?: string; out?: string; json?: boolean }) => {
      const config = commandConfig(io, { db: opts.db });
      if (opts.out && !config.auditKey)
        throw new CliError('set FENGKONG_AUDIT_KEY (32+ characters) to sign exported checkpoints');
      const runtime = await compose(config, { log: quietLogger() });
      try {
        await checkpointNow(runtime);
        const [cp] = (await runtime.audit.checkpoints()).slice(-1);
        if (!cp) throw new CliError('the audit log is empty: nothing to checkpoint');
        if (opts.out)
          writeFileSync(opts.out, `${JSON.stringify(runtime.audit.sign(cp), null, 2)}\n`, { mode: 0o600 });
        output(
          io,
          Boolean(opts.json),
          cp,
          `checkpoint at entry ${cp.seq}: merkle root ${cp.merkle_root}${opts.out ? `, written to ${opts.out}` : ''}`,
        );
      } finally {
        await runtime.close();
      }
    });
}

function positiveInt(raw: string, flag: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new CliError(`${flag} must be a positive whole number, not ${JSON.stringify(raw)}`);
  return n;
}

function splitPair(raw: string | undefined, flag: string): [string | undefined, string | undefined] {
  if (raw === undefined) return [undefined, undefined];
  const i = raw.indexOf(':');
  if (i <= 0 || i === raw.length - 1) throw new CliError(`${flag} must be type:id, e.g. user:alice`);
  return [raw.slice(0, i), raw.slice(i + 1)];
}
