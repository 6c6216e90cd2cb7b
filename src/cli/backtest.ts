import type { Command } from 'commander';
import { createProgress } from '../kernel/progress.js';
import {
  type BacktestReport,
  cachingHasher,
  compileFile,
  decideOffline,
  EventTypes,
  listsFromFile,
  OfflineInputError,
  offlineHasher,
  replayFile,
  runBacktest,
  type SkippedLine,
} from '../modules/engine/index.js';
import { CliError, type CliIo, output } from './io.js';

/** Runs `work`, turning input-file problems into one-line CLI errors. */
function offline<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof OfflineInputError) throw new CliError(error.message);
    throw error;
  }
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The human-readable lines of a backtest report, in both languages. */
export function describeBacktest(r: BacktestReport, skipped: number): string[] {
  const lines = [
    `policy / 策略: ${r.policy.id}${r.baseline ? `  baseline / 基线: ${r.baseline.id}` : ''}`,
    `events scored / 评估事件: ${r.events}  (observed only / 仅计入特征: ${r.warmup_events}, skipped lines / 跳过行: ${skipped})`,
    `outcomes / 结果: approve ${r.outcomes.approve}, review ${r.outcomes.review}, reject ${r.outcomes.reject}`,
    `speed / 速度: ${r.events_per_second} events/s, ${r.elapsed_ms} ms`,
  ];
  if (r.labelled > 0) {
    const f = r.score.flagged;
    lines.push(
      `labelled / 有标签: ${r.labelled}, positives / 正样本: ${r.positives}`,
      `flagged (review or reject) / 拦截: precision ${pct(f.precision)}, recall ${pct(f.recall)}, F1 ${pct(f.f1)}`,
    );
  }
  lines.push('rule / 规则                      hits / 命中   precision   recall   F1');
  for (const rule of r.rules) {
    lines.push(
      `${rule.rule_id.padEnd(32)} ${String(rule.hits).padStart(9)}   ${pct(rule.precision).padStart(9)}   ${pct(rule.recall).padStart(6)}   ${pct(rule.f1)}`,
    );
  }
  if (r.comparison) {
    const c = r.comparison;
    lines.push(
      `changed vs baseline / 与基线不同: ${c.changed} (stricter / 更严 ${c.stricter}, looser / 更松 ${c.looser})`,
      ...Object.entries(c.transitions).map(([k, v]) => `  ${k}: ${v}`),
    );
  }
  return lines;
}

/** `fengkong backtest` and `fengkong decide`: offline replays through the live engine's code. */
export function registerBacktest(program: Command, io: CliIo): void {
  program
    .command('backtest')
    .description('Replay NDJSON events through a policy, point in time / 用历史事件回测策略（时点一致）')
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .requiredOption('--events <file>', 'events, one JSON envelope a line (NDJSON)')
    .option('--baseline <file>', 'a second policy to compare outcomes with')
    .option('--label <field>', 'dotted path of the label in each line, e.g. label.fraud')
    .option('--lists <file>', 'lists as JSON: { "<name>": { "kind": "id_number", "values": [...] } }')
    .option('--json', 'print the report as JSON')
    .action(
      (opts: {
        policy: string;
        events: string;
        baseline?: string;
        label?: string;
        lists?: string;
        json?: boolean;
      }) => {
        const types = new EventTypes();
        const hasher = cachingHasher(offlineHasher(io.env['FENGKONG_SECRET_KEY']));
        const lists = offline(() => listsFromFile(opts.lists, hasher));
        const policy = offline(() => compileFile(opts.policy, types, lists.names));
        const baseline =
          opts.baseline === undefined
            ? undefined
            : offline(() => compileFile(opts.baseline as string, types, lists.names));
        const skipped: SkippedLine[] = [];
        const progress = createProgress('backtest / 回测', io.stderr, Boolean(opts.json));
        let report: BacktestReport;
        try {
          report = runBacktest(
            replayFile(opts.events, { types, hasher, label: opts.label, onSkip: (s) => skipped.push(s) }),
            { policy, baseline, lists: lists.lookup, onProgress: (n) => progress.update(n) },
          );
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') throw new CliError(`${opts.events}: no such file`);
          throw error;
        } finally {
          progress.done();
        }
        output(
          io,
          Boolean(opts.json),
          { ...report, skipped_lines: skipped.length, skipped: skipped.slice(0, 20) },
          [
            ...describeBacktest(report, skipped.length),
            ...skipped.slice(0, 5).map((s) => `line / 行 ${s.line}: ${s.message}`),
          ],
        );
      },
    );

  program
    .command('decide')
    .description('Decide one event offline with a policy file / 离线对单个事件决策')
    .requiredOption('--policy <file>', 'policy file (YAML or JSON)')
    .requiredOption('--event <file>', 'the event envelope as a JSON file')
    .option('--history <file>', 'earlier events (NDJSON) that feed the velocity windows')
    .option('--lists <file>', 'lists as JSON: { "<name>": { "kind": "ip", "values": [...] } }')
    .option('--lang <lang>', 'language of the reasons: en or zh', 'en')
    .option('--json', 'print the decision as JSON')
    .action(
      (opts: {
        policy: string;
        event: string;
        history?: string;
        lists?: string;
        lang: string;
        json?: boolean;
      }) => {
        if (opts.lang !== 'en' && opts.lang !== 'zh') throw new CliError('--lang must be en or zh');
        const types = new EventTypes();
        const hasher = cachingHasher(offlineHasher(io.env['FENGKONG_SECRET_KEY']));
        const lists = offline(() => listsFromFile(opts.lists, hasher));
        const policy = offline(() => compileFile(opts.policy, types, lists.names));
        const decision = offline(() =>
          decideOffline({
            policy,
            eventFile: opts.event,
            historyFile: opts.history,
            types,
            hasher,
            lists: lists.lookup,
            lang: opts.lang as 'en' | 'zh',
          }),
        );
        output(io, Boolean(opts.json), decision, [
          `outcome / 结果: ${decision.outcome}${decision.score === null ? '' : `  score / 分数: ${decision.score}`}`,
          ...decision.reasons.map((r) => `  ${r.rule_id}: ${r.text}`),
          ...decision.rule_errors.map((e) => `  error / 错误 ${e.rule_id}: ${e.message}`),
        ]);
      },
    );
}
