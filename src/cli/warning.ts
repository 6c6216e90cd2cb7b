import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  DETECTOR_METHODS,
  type Detector,
  type DetectorConfig,
  type DetectorMethod,
  type DetectorPoint,
  detectorConfigProblems,
  readSeriesCsv,
  runDetector,
} from '../modules/warning/detectors/index.js';
import { CliError, type CliIo, output } from './io.js';

interface DetectFlags {
  method: string;
  input: string;
  column?: string;
  window?: string;
  k?: string;
  lambda?: string;
  L?: string;
  target?: string;
  sigma?: string;
  estimateFrom?: string;
  h?: string;
  reset: boolean;
  delta?: string;
  threshold?: string;
  alpha?: string;
  watch?: string;
  json?: boolean;
}

/** The method-parameter flags (commander attribute → flag) and which methods take each. */
const PARAMETER_FLAGS: Readonly<Record<string, { flag: string; methods: readonly DetectorMethod[] }>> = {
  window: { flag: '--window', methods: ['zscore'] },
  k: { flag: '--k', methods: ['zscore', 'cusum'] },
  lambda: { flag: '--lambda', methods: ['ewma'] },
  L: { flag: '--L', methods: ['ewma'] },
  target: { flag: '--target', methods: ['ewma', 'cusum'] },
  sigma: { flag: '--sigma', methods: ['ewma', 'cusum'] },
  estimateFrom: { flag: '--estimate-from', methods: ['ewma', 'cusum'] },
  h: { flag: '--h', methods: ['cusum'] },
  reset: { flag: '--no-reset', methods: ['cusum'] },
  delta: { flag: '--delta', methods: ['page-hinkley'] },
  threshold: { flag: '--threshold', methods: ['page-hinkley'] },
  alpha: { flag: '--alpha', methods: ['page-hinkley'] },
  watch: { flag: '--watch', methods: ['page-hinkley'] },
};

/** The columns each method adds to a point, after `statistic`. */
const DETAILS: Readonly<Record<DetectorMethod, readonly string[]>> = {
  zscore: ['mean', 'sd', 'z'],
  ewma: ['t', 'ewma', 'lcl', 'ucl'],
  cusum: ['upper', 'lower', 'limit'],
  'page-hinkley': ['mean', 'up', 'down'],
};

function methodOf(text: string): DetectorMethod {
  if (!(DETECTOR_METHODS as readonly string[]).includes(text)) {
    throw new CliError(
      `--method must be ${DETECTOR_METHODS.join(', ')}, not "${text}" / --method 必须是 ${DETECTOR_METHODS.join('、')} 之一`,
    );
  }
  return text as DetectorMethod;
}

function decimal(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new CliError(`${flag} must be a number, not "${text}" / ${flag} 必须是数字`);
  }
  return value;
}

/** The detector configuration the flags describe; refuses flags that belong to another method. */
function configOf(flags: DetectFlags, command: Command): DetectorConfig {
  const method = methodOf(flags.method);
  for (const [name, { flag, methods }] of Object.entries(PARAMETER_FLAGS)) {
    const given =
      name === 'reset'
        ? command.getOptionValueSource('reset') === 'cli'
        : flags[name as keyof DetectFlags] !== undefined;
    if (given && !methods.includes(method)) {
      throw new CliError(`${flag} does not apply to --method ${method} / ${flag} 不适用于 ${method} 方法`);
    }
  }
  const number = (name: keyof DetectFlags) => {
    const text = flags[name];
    return typeof text === 'string' ? { [name]: decimal(PARAMETER_FLAGS[name]?.flag ?? name, text) } : {};
  };
  const config = {
    method,
    ...number('window'),
    ...number('k'),
    ...number('lambda'),
    ...number('L'),
    ...number('target'),
    ...number('sigma'),
    ...number('estimateFrom'),
    ...number('h'),
    ...number('delta'),
    ...number('threshold'),
    ...number('alpha'),
    ...(method === 'cusum' ? { resetOnSignal: flags.reset } : {}),
    ...(flags.watch === undefined ? {} : { watch: flags.watch }),
  } as DetectorConfig;
  const [first] = detectorConfigProblems(config);
  if (first) {
    // The option names in the messages become the flags a person typed.
    const asFlag = (text: string) => text.replace(/^(\w+)/, (name) => PARAMETER_FLAGS[name]?.flag ?? name);
    throw new CliError(`${asFlag(first.en)} / ${asFlag(first.zh)}`);
  }
  return config;
}

/** The parameters in use, as printed: defaults filled in, estimated μ0 / σ when known. */
function parametersOf(detector: Detector): Record<string, unknown> {
  switch (detector.method) {
    case 'zscore':
    case 'page-hinkley':
      return { ...detector.parameters };
    case 'ewma':
    case 'cusum': {
      const { estimateFrom, target, sigma, ...rest } = detector.parameters;
      const inUse = detector.baselineInUse();
      const renamed = Object.fromEntries(
        Object.entries(rest).map(([key, value]) => [
          key === 'resetOnSignal' ? 'reset_on_signal' : key,
          value,
        ]),
      );
      return {
        ...renamed,
        target: inUse?.target ?? target,
        sigma: inUse?.sigma ?? sigma,
        estimated: target === null || sigma === null,
        estimate_from: estimateFrom,
      };
    }
  }
}

function pointJson(method: DetectorMethod, point: DetectorPoint): Record<string, unknown> {
  const fields = point as unknown as Record<string, unknown>;
  return {
    index: point.index,
    value: point.value,
    statistic: point.statistic,
    ...Object.fromEntries(DETAILS[method].map((name) => [name, fields[name]])),
    signal: point.signal,
    direction: point.direction,
  };
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return String(Number(value.toPrecision(6)));
}

function table(method: DetectorMethod, points: readonly DetectorPoint[]): string[] {
  const columns = ['index', 'value', 'statistic', ...DETAILS[method], 'signal'];
  const rows = points.map((p) => {
    const json = pointJson(method, p);
    const signal = p.direction === 'up' ? 'up / 上升' : p.direction === 'down' ? 'down / 下降' : '';
    return [...columns.slice(0, -1).map((c) => cell(json[c])), signal];
  });
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((v, i) => (i === r.length - 1 ? v : v.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), ...rows.map(line)];
}

/** The series in the CSV file, or a one-line error naming the file and line. */
function readSeries(path: string, column: string | undefined): { column: string; values: readonly number[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliError(`cannot read ${path}: ${code} / 无法读取 ${path}`);
  }
  const series = readSeriesCsv(text, column);
  if (!series.ok) {
    const where = series.line > 0 ? ` line ${series.line}` : '';
    const whereZh = series.line > 0 ? ` 第 ${series.line} 行` : '';
    throw new CliError(`${path}${where}: ${series.message.en} / ${path}${whereZh}：${series.message.zh}`);
  }
  return series;
}

function detect(io: CliIo, flags: DetectFlags, command: Command): void {
  const config = configOf(flags, command);
  const series = readSeries(flags.input, flags.column);
  const run = runDetector(config, series.values);
  const parameters = parametersOf(run.detector);
  const json = {
    method: run.method,
    parameters,
    points: run.points.map((p) => pointJson(run.method, p)),
    signals: run.signals,
  };
  const described = Object.entries(parameters)
    .map(([k, v]) => `${k}=${cell(v)}`)
    .join(' ');
  output(io, Boolean(flags.json), json, [
    `method / 方法: ${run.method}  parameters / 参数: ${described}`,
    `input / 输入: ${flags.input}, column / 列 "${series.column}", ${series.values.length} points / 个点`,
    ...table(run.method, run.points),
    run.signals.length === 0
      ? 'no signal / 无信号'
      : `signals at / 信号位置 (${run.signals.length}): ${run.signals.join(', ')}`,
  ]);
}

/** `fengkong warning detect`: runs an early-warning detector over a CSV series offline. */
export function registerWarning(program: Command, io: CliIo): void {
  const warning = program
    .command('warning')
    .description('Early warning: key risk indicators and their detectors / 风险预警：关键风险指标与检测器');
  warning
    .command('detect')
    .description(
      'Run a detector over a series in a CSV file and show where it signals / 对 CSV 文件中的序列运行检测器并显示报警位置',
    )
    .requiredOption('--method <method>', 'zscore, ewma, cusum or page-hinkley / 检测方法')
    .requiredOption('--input <file>', 'CSV with a header line / 带表头的 CSV 文件')
    .option(
      '--column <name>',
      'the series column (default: the only numeric column, else the first) / 序列所在列（默认唯一的数值列，否则第一列）',
    )
    .option('--window <n>', 'zscore: points in the rolling window (default 20) / 滚动窗口长度')
    .option(
      '--k <x>',
      'zscore: signal when |z| > k (default 3); cusum: reference value in σ (default 0.5) / 阈值或参考值',
    )
    .option('--lambda <x>', 'ewma: weight of the newest point, 0 < λ ≤ 1 (default 0.2) / 平滑系数')
    .option('--L <x>', 'ewma: limit width in σ (default 3) / 控制限宽度（σ 倍数）')
    .option('--target <x>', 'ewma, cusum: in-control mean μ0 (default: estimated) / 受控均值（默认估计）')
    .option(
      '--sigma <x>',
      'ewma, cusum: in-control standard deviation σ (default: estimated) / 受控标准差（默认估计）',
    )
    .option(
      '--estimate-from <n>',
      'ewma, cusum: first points that estimate μ0 and σ when not given (default 20) / 用于估计 μ0 与 σ 的前若干点',
    )
    .option('--h <x>', 'cusum: decision interval in σ (default 5) / 决策区间（σ 倍数）')
    .option('--no-reset', 'cusum: keep accumulating after a signal / 报警后不清零')
    .option('--delta <x>', 'page-hinkley: tolerated change δ (default 0.005) / 容许变化量')
    .option('--threshold <x>', 'page-hinkley: detection threshold λ (default 50) / 检测阈值')
    .option('--alpha <x>', 'page-hinkley: forgetting factor, 1 = none (default 1) / 遗忘因子')
    .option('--watch <which>', 'page-hinkley: both, up or down (default both) / 监测方向')
    .option('--json', 'print the result as JSON / 以 JSON 输出')
    .action((flags: DetectFlags, command: Command) => detect(io, flags, command));
}
