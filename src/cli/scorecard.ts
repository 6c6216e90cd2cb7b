import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvField } from '../kernel/csv.js';
import {
  readApplicantFile,
  readDataset,
  readScorecardFile,
  scoreBatch,
  scorecardReport,
  trainScorecard,
  type VariableOutcome,
} from '../modules/credit/index.js';
import { CliError, type CliIo, output } from './io.js';

interface TrainFlags {
  data: string;
  target: string;
  bad?: string;
  exclude?: string;
  special?: string;
  method: string;
  maxBins?: string;
  minBinShare?: string;
  minIv?: string;
  selection: string;
  trend: string;
  categorical?: string;
  numeric?: string;
  bins?: string;
  intercept: string;
  pdo: string;
  baseScore: string;
  baseOdds: string;
  name?: string;
  out: string;
  json?: boolean;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${flag} must be a positive number, not "${text}"`);
  return n;
}

function list(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function describeVariable(v: VariableOutcome): string {
  const why: Record<VariableOutcome['status'], string> = {
    kept: 'kept / 入模',
    low_iv: 'IV too low / IV 过低',
    correlated: 'correlated / 相关性过高',
    vif: 'VIF too high / VIF 过高',
    stepwise: 'not selected by stepwise AIC / 逐步回归未选入',
    wrong_sign: 'wrong coefficient sign / 系数符号错误',
    empty: 'no values / 无取值',
  };
  const coefficient =
    v.coefficient === undefined
      ? ''
      : `  β=${v.coefficient.toFixed(4)} p=${(v.pValue ?? Number.NaN).toPrecision(3)}`;
  return `  ${v.name.padEnd(28)} IV ${v.iv.toFixed(4)}  ${v.bins} bins  ${why[v.status]}${coefficient}`;
}

function selectionOf(text: string): 'aic' | 'auc' | 'none' {
  return oneOf('--selection', text, ['none', 'aic', 'auc'] as const);
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) {
    throw new CliError(`${flag} must be ${allowed.join(', ')}, not "${text}"`);
  }
  return text as T;
}

/** `--bins FILE.json`: `{ "age": { "edges": [25, 40] }, "city": { "groups": [["a", "b"], ["c"]] } }`. */
function manualBins(path: string): Record<string, { edges: number[] } | { groups: string[][] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(read(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliError(`${path} must map variable names to { "edges": [...] } or { "groups": [[...]] }`);
  }
  for (const [name, spec] of Object.entries(parsed)) {
    const s = spec as { edges?: unknown; groups?: unknown };
    const edges = Array.isArray(s?.edges) && s.edges.every((e) => typeof e === 'number');
    const groups =
      Array.isArray(s?.groups) &&
      s.groups.every((g) => Array.isArray(g) && g.every((v) => typeof v === 'string'));
    if (!edges && !groups)
      throw new CliError(`${path}: ${name} needs "edges" (numbers) or "groups" (lists of texts)`);
  }
  return parsed as Record<string, { edges: number[] } | { groups: string[][] }>;
}

function train(io: CliIo, flags: TrainFlags): void {
  const method = flags.method;
  if (method !== 'chimerge' && method !== 'tree' && method !== 'monotonic') {
    throw new CliError(`--method must be chimerge, tree or monotonic, not "${method}"`);
  }
  const data = readDataset(read(flags.data), {
    target: flags.target,
    ...(flags.bad === undefined ? {} : { bad: flags.bad }),
    exclude: list(flags.exclude),
    specialAll: list(flags.special ?? '-999'),
    types: {
      ...Object.fromEntries(list(flags.categorical).map((c) => [c, 'categorical' as const])),
      ...Object.fromEntries(list(flags.numeric).map((c) => [c, 'numeric' as const])),
    },
  });
  if (!data.ok)
    throw new CliError(
      `${flags.data}${data.line ? ` line ${data.line}` : ''}: ${data.message.en} / ${data.message.zh}`,
    );
  let result: ReturnType<typeof trainScorecard>;
  try {
    result = trainScorecard(data.dataset, {
      name: flags.name ?? 'scorecard',
      targetLabel: `${flags.target} = ${flags.bad ?? '1'}`,
      method,
      ...(flags.maxBins === undefined ? {} : { maxBins: positive('--max-bins', flags.maxBins) }),
      ...(flags.minBinShare === undefined
        ? {}
        : { minBinShare: positive('--min-bin-share', flags.minBinShare) }),
      ...(flags.bins === undefined ? {} : { manual: manualBins(flags.bins) }),
      trend: oneOf('--trend', flags.trend, ['auto', 'ascending', 'descending'] as const),
      ...(flags.minIv === undefined ? {} : { minIv: Number(flags.minIv) }),
      selection: selectionOf(flags.selection),
      scaling: {
        pdo: positive('--pdo', flags.pdo),
        base_score: Number(flags.baseScore),
        base_odds: positive('--base-odds', flags.baseOdds),
        intercept_mode: oneOf('--intercept', flags.intercept, ['base', 'spread'] as const),
      },
    });
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  }
  writeFileSync(flags.out, `${JSON.stringify(result.card, null, 2)}\n`);
  const kept = result.variables.filter((v) => v.status === 'kept');
  output(
    io,
    Boolean(flags.json),
    {
      out: flags.out,
      checksum: result.card.checksum,
      auc: result.auc,
      ks: result.ks,
      variables: result.variables,
      warnings: result.warnings,
    },
    [
      `trained ${data.dataset.rows} rows, ${kept.length} of ${result.variables.length} variables kept / 训练样本 ${data.dataset.rows} 行，入模变量 ${kept.length} 个`,
      ...result.variables.map(describeVariable),
      `training AUC ${result.auc.toFixed(4)}  KS ${result.ks.toFixed(4)}  (训练集 AUC / KS)`,
      ...result.warnings.map((w) => `warning: ${w.en} / ${w.zh}`),
      `card written to ${flags.out} (${result.card.checksum})`,
    ],
  );
}

function score(io: CliIo, flags: { card: string; data: string; out: string; json?: boolean }): void {
  const card = loadCard(flags.card);
  const file = applicantFile(flags.data);
  const scored = batch(card, file);
  const lines = [`${file.ids ? 'id,' : ''}score,probability,reasons`];
  for (let r = 0; r < file.rows.length; r++) {
    const id = file.ids ? `${csvField(file.ids[r] ?? '')},` : '';
    const p = scored.probabilities[r] as number;
    lines.push(
      `${id}${round(scored.scores[r] as number, 4)},${round(p, 6)},${csvField((scored.reasons[r] ?? []).join(';'))}`,
    );
  }
  writeFileSync(flags.out, `${lines.join('\n')}\n`);
  output(
    io,
    Boolean(flags.json),
    { out: flags.out, rows: file.rows.length },
    `scored ${file.rows.length} rows to ${flags.out} / 已评分`,
  );
}

function report(
  io: CliIo,
  flags: { card: string; data: string; target: string; bad?: string; baseline?: string; json?: boolean },
): void {
  const card = loadCard(flags.card);
  const file = applicantFile(flags.data, flags.target, flags.bad);
  const baseline = flags.baseline === undefined ? undefined : applicantFile(flags.baseline);
  let result: ReturnType<typeof scorecardReport>;
  try {
    result = scorecardReport(
      card,
      batch(card, file, true),
      file.target as Uint8Array,
      baseline && batch(card, baseline, true),
    );
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message);
    throw error;
  }
  const r = result.validation;
  output(io, Boolean(flags.json), result, [
    `${r.sample.count} rows, ${r.sample.bads} bad (${(r.sample.badRate * 100).toFixed(2)}%) / 样本与坏样本`,
    `AUC ${r.auc.toFixed(4)}  Gini ${r.gini.toFixed(4)}  KS ${r.ks.ks.toFixed(4)} at ${r.ks.score}`,
    `Hosmer–Lemeshow ${r.hosmerLemeshow.statistic.toFixed(3)} (df ${r.hosmerLemeshow.df}, p ${r.hosmerLemeshow.pValue?.toFixed(4) ?? '—'})  Brier ${r.brier.toFixed(4)}`,
    ...(r.psi ? [`PSI ${r.psi.index.toFixed(4)}: ${r.psi.label.en} / ${r.psi.label.zh}`] : []),
    ...result.csi.map(
      (c) => `  CSI ${c.variable.padEnd(28)} ${c.index.toFixed(4)}  ${c.label.en} / ${c.label.zh}`,
    ),
    ...r.warnings.map((w) => `warning: ${w.en} / ${w.zh}`),
  ]);
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

function loadCard(path: string) {
  const loaded = readScorecardFile(read(path));
  if (!loaded.ok) {
    const first = loaded.problems[0];
    throw new CliError(
      `${path} is not a valid scorecard: ${first ? `${first.path ? `${first.path} ` : ''}${first.message}` : 'unreadable'}`,
    );
  }
  return loaded.card;
}

function applicantFile(path: string, target?: string, bad?: string) {
  try {
    return readApplicantFile(read(path), target, bad);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(`${path}: ${error.message}`);
    throw error;
  }
}

function batch(card: Parameters<typeof scoreBatch>[0], file: ReturnType<typeof applicantFile>, bins = false) {
  try {
    return scoreBatch(card, file.header, file.rows, { reasons: bins ? 0 : 3 });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** `fengkong scorecard train|score|report`: build, apply and validate a credit scorecard offline. */
export function registerScorecard(program: Command, io: CliIo): void {
  const scorecard = program
    .command('scorecard')
    .description('Build, score with and validate credit scorecards / 构建、使用与验证信用评分卡');
  scorecard
    .command('train')
    .description('Train a scorecard from a labelled CSV file / 由带标签的 CSV 训练评分卡')
    .requiredOption('--data <file>', 'CSV with a header line')
    .requiredOption('--target <column>', 'the column telling good from bad')
    .option('--bad <value>', 'the target value meaning bad (default 1, with 0 good)')
    .option('--exclude <a,b>', 'columns that are not candidate variables')
    .option('--special <values>', 'special values of numeric columns, binned on their own', '-999')
    .option('--method <method>', 'coarse binning: chimerge, tree or monotonic', 'monotonic')
    .option('--max-bins <n>', 'most bins per variable (default 10)')
    .option('--min-bin-share <x>', 'least share of rows in a bin (default 0.02)')
    .option('--trend <t>', 'monotonic bins: auto, ascending or descending', 'auto')
    .option('--categorical <a,b>', 'columns to treat as categorical whatever they hold')
    .option('--numeric <a,b>', 'columns to treat as numeric')
    .option(
      '--bins <file.json>',
      'manual bins: {"age": {"edges": [25, 40]}, "city": {"groups": [["a","b"],["c"]]}}',
    )
    .option('--intercept <mode>', 'base (intercept in base points) or spread over the variables', 'base')
    .option('--min-iv <x>', 'least information value to keep a variable (default 0.01)')
    .option(
      '--selection <how>',
      'stepwise selection after the IV, correlation and VIF filters: none, aic, or auc (on a 30% holdout)',
      'none',
    )
    .option('--pdo <points>', 'points to double the odds', '20')
    .option('--base-score <points>', 'score at the base odds', '600')
    .option('--base-odds <odds>', 'good:bad odds at the base score', '50')
    .option('--name <name>', 'name of the card', 'scorecard')
    .requiredOption('--out <file>', 'where to write the card (JSON)')
    .option('--json', 'print the summary as JSON')
    .action((flags: TrainFlags) => train(io, flags));
  scorecard
    .command('score')
    .description('Score a CSV file with a card / 用评分卡为 CSV 文件评分')
    .requiredOption('--card <file>', 'the scorecard JSON')
    .requiredOption('--data <file>', 'CSV with a header line; an id column is copied through')
    .requiredOption('--out <file>', 'where to write id, score, probability, reasons (CSV)')
    .option('--json', 'print the summary as JSON')
    .action((flags) => score(io, flags));
  scorecard
    .command('report')
    .description('Validate a card on labelled data / 在带标签的数据上验证评分卡')
    .requiredOption('--card <file>', 'the scorecard JSON')
    .requiredOption('--data <file>', 'labelled CSV')
    .requiredOption('--target <column>', 'the column telling good from bad')
    .option('--bad <value>', 'the target value meaning bad (default 1)')
    .option('--baseline <file>', 'the development sample, for PSI and CSI')
    .option('--json', 'print the report as JSON')
    .action((flags) => report(io, flags));
}
