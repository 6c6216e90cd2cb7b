import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Runtime } from '../app/compose.js';
import { CLI_ACTOR } from '../modules/identity/index.js';
import {
  createKris,
  type EvaluationResult,
  isFrequency,
  type KriService,
  type KriView,
  lastEndedPeriod,
  type ValueImportReport,
} from '../modules/warning/kri/index.js';
import { CliError, type CliIo, output } from './io.js';
import { withRuntime } from './user.js';

const DB_HELP = 'database URL (default FENGKONG_DB, else ./data/fengkong.db)';

/** How the CLI reaches the KRI service of a composed runtime. */
export type KriServiceOf = (runtime: Runtime) => KriService;

/**
 * The KRI service over the runtime's database, clock and audit log, with the scorecard registry for
 * PSI, and no evaluation hook: its evaluations are stored unannounced, and the next evaluation of the
 * same period by a service with the hook (the server's scheduler) hands them to the alert module.
 */
export function standaloneKris(runtime: Runtime): KriService {
  return createKris({
    db: runtime.store.db,
    clock: runtime.clock,
    audit: runtime.audit,
    sources: { scorecards: runtime.credit.scorecards },
  }).service;
}

function value(v: number | null, unit: string): string {
  return v === null ? 'no data / 无数据' : `${Number(v.toPrecision(6))} ${unit}`;
}

function kriLine(k: KriView): string {
  const band = k.latest ? k.latest.band.toUpperCase() : '—';
  const latest = k.latest
    ? `${value(k.latest.value, k.unit)} @ ${k.latest.period_start}`
    : 'not evaluated / 未评估';
  const retired = k.status === 'retired' ? ' (retired / 已停用)' : '';
  return `${k.id.padEnd(38)} ${band.padEnd(6)} ${k.frequency.padEnd(8)} ${k.risk_type.padEnd(12)} ${latest}  ${k.name.en} / ${k.name.zh}${retired}`;
}

function evaluationLine(r: EvaluationResult): string {
  const e = r.evaluation;
  const how = r.created ? 'evaluated / 已评估' : 'already evaluated / 已有评估';
  const signals = e.signals.length > 0 ? ` signals / 信号: ${e.signals.join(', ')}` : '';
  const moved =
    e.previous_band !== null && e.previous_band !== e.band ? ` (was / 原为 ${e.previous_band})` : '';
  return `${e.kri_id} ${e.period_start}: ${how} ${e.band.toUpperCase()}${moved} ${value(e.value, e.unit)}${signals}`;
}

function importLines(r: ValueImportReport): string[] {
  return [
    `imported KRI values / 已导入指标数值: ${r.rows} rows/行, ${r.added} added/新增, ${r.replaced} replaced/替换, ${r.refused} refused/拒绝`,
    ...r.results
      .filter((row) => row.status === 'refused')
      .map((row) => `  row/行 ${row.row} (line/第 ${row.line} 行): ${row.message ?? 'refused'}`),
  ];
}

/**
 * `fengkong kri list|evaluate|import`: key risk indicators from the server's console, acting as the
 * CLI operator (audited as `system:cli`). `kris` chooses the service from the composed runtime (the
 * composition root's, with the alert hook, once it exists); the default builds one over the runtime's
 * database without the hook.
 */
export function registerKri(program: Command, io: CliIo, kris: KriServiceOf = standaloneKris): void {
  const kri = program.command('kri').description('Key risk indicators / 关键风险指标');

  kri
    .command('list')
    .description('List KRIs with their latest band and value / 列出指标及最新预警等级与数值')
    .option(
      '--risk-type <type>',
      'only this risk type (market, credit, liquidity, operational, technology, legal, …)',
    )
    .option('--frequency <f>', 'only hourly, daily, weekly or monthly KRIs')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the KRIs as JSON')
    .action(async (opts: { riskType?: string; frequency?: string; db?: string; json?: boolean }) => {
      if (opts.frequency !== undefined && !isFrequency(opts.frequency))
        throw new CliError(
          '--frequency must be hourly, daily, weekly or monthly / 频率须为 hourly、daily、weekly 或 monthly',
        );
      await withRuntime(io, opts.db, async (runtime) => {
        const items = await kris(runtime).list({ risk_type: opts.riskType, frequency: opts.frequency });
        output(
          io,
          Boolean(opts.json),
          { items },
          items.length > 0 ? items.map(kriLine) : ['no KRIs / 暂无指标'],
        );
      });
    });

  kri
    .command('evaluate [id]')
    .description(
      'Evaluate a KRI (or every active KRI) for a period; a period already evaluated shows its stored result / 评估指标',
    )
    .option('--period <start>', 'start of the period (RFC 3339); default: the last period that has ended')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the evaluations as JSON')
    .action(async (id: string | undefined, opts: { period?: string; db?: string; json?: boolean }) => {
      if (id === undefined && opts.period !== undefined)
        throw new CliError(
          '--period needs a KRI id: periods differ between frequencies / 指定 --period 时须给出指标编号',
        );
      await withRuntime(io, opts.db, async (runtime) => {
        const service = kris(runtime);
        const targets = id === undefined ? await service.list({ status: 'active' }) : [await service.get(id)];
        const results: EvaluationResult[] = [];
        for (const k of targets) {
          const start = opts.period ?? lastEndedPeriod(k.frequency, runtime.clock.now()).start;
          results.push(await service.evaluate(k.id, start, CLI_ACTOR));
        }
        output(
          io,
          Boolean(opts.json),
          { items: results },
          results.length > 0 ? results.map(evaluationLine) : ['no active KRIs / 暂无启用的指标'],
        );
      });
    });

  kri
    .command('import <file>')
    .description('Import values of pushed KRIs from a CSV file: kri_id,period_start,value / 导入指标数值')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the per-row report as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean }) => {
      const json = Boolean(opts.json);
      const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(
          `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file / 文件不存在' : error.message}`,
        );
      });
      const report = await withRuntime(io, opts.db, (runtime) => kris(runtime).importCsv(csv, CLI_ACTOR));
      output(io, json, report, importLines(report));
      if (report.refused > 0) {
        throw new CliError(
          `${report.refused} of ${report.rows} rows refused, the others were imported / ${report.rows} 行中有 ${report.refused} 行被拒绝，其余已导入`,
        );
      }
    });
}
