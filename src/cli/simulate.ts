import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Command } from 'commander';
import { createProgress } from '../kernel/progress.js';
import {
  describeSummary,
  type LiveReport,
  PATTERNS,
  type Pattern,
  type SimulatedEvent,
  type SimulateOptions,
  SummaryBuilder,
  sendLive,
  simulateEvents,
  simulateOptionProblems,
} from '../modules/engine/simulate/index.js';
import { CliError, type CliIo, output } from './io.js';

interface SimulateFlags {
  events: string;
  seed: string;
  start?: string;
  out?: string;
  fraudRates?: string;
  late?: string;
  target?: string;
  apiKey?: string;
  rate?: string;
  concurrency: string;
  json?: boolean;
}

/** The flag that sets each simulation option, for one-line errors that name what the user typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  events: '--events',
  seed: '--seed',
  start: '--start',
  lateFraction: '--late',
};

/**
 * `fengkong simulate`: writes a labelled online-lending event stream as NDJSON (to `--out` or
 * standard output), or with `--target` sends it to a server's decision API at `--rate` events per
 * second and reports the answers. The summary goes to standard output when the events do not,
 * otherwise to standard error.
 */
export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description(
      'Generate a labelled online-lending event stream, or send it to a server / 生成带标注的网贷事件流或发送至服务端',
    )
    .requiredOption('--events <n>', 'how many events')
    .option('--seed <n>', 'random seed: the same seed gives the same stream, byte for byte', '1')
    .option('--start <time>', 'RFC 3339 time the simulated platform opens (default 2025-01-01T00:00:00Z)')
    .option('--out <file>', 'write the events (NDJSON, with labels) to this file instead of standard output')
    .option(
      '--fraud-rates <list>',
      `share of events per pattern, e.g. device_ring=0.01,bust_out=0 (${PATTERNS.join(', ')})`,
    )
    .option('--late <fraction>', 'share of events arriving a few seconds out of order (default 0.005)')
    .option('--target <url>', 'send each event (without its label) to <url>/api/v1/decisions')
    .option('--api-key <key>', 'API key for --target, sent as Authorization: Bearer')
    .option('--rate <n>', 'events per second for --target')
    .option('--concurrency <n>', 'requests in flight at most for --target', '16')
    .option(
      '--json',
      'print the summary (and the live report) as JSON; on standard error when the events go to standard output',
    )
    .action(async (flags: SimulateFlags) => {
      const options = simulationOptions(flags);
      const live = liveOptions(flags);
      const json = Boolean(flags.json);
      const file = flags.out === undefined ? null : openFile(flags.out);
      const progress = createProgress('simulate / 模拟', io.stderr, json);
      const summary = new SummaryBuilder();
      let report: LiveReport | undefined;
      try {
        if (live) {
          const tapped = tap(simulateEvents(options), (event) => {
            summary.add(event);
            file?.add(event);
          });
          report = await sendLive(tapped, { ...live, onProgress: (n) => progress.update(n, options.events) });
        } else {
          const sink = file ?? streamSink(io.stdout);
          let n = 0;
          for (const event of simulateEvents(options)) {
            summary.add(event);
            await sink.add(event);
            if (++n % 10_000 === 0) progress.update(n, options.events);
          }
          await sink.end();
        }
        file?.end();
      } finally {
        progress.done();
        file?.close();
      }
      const result = summary.result();
      const where = file !== null || live ? io : { ...io, stdout: io.stderr };
      const human = [...(report ? describeReport(report) : []), ...describeSummary(result)];
      output(
        where,
        json,
        { seed: options.seed, out: flags.out ?? null, summary: result, ...(report ? { live: report } : {}) },
        human,
      );
      if (report && report.sent > 0 && report.ok === 0) {
        throw new CliError(`no event was accepted by ${report.url} (${errorList(report)})`);
      }
    });
}

function simulationOptions(flags: SimulateFlags): SimulateOptions {
  const options: SimulateOptions = {
    events: integer('--events', flags.events),
    seed: integer('--seed', flags.seed),
    ...(flags.start === undefined ? {} : { start: rfc3339('--start', flags.start) }),
    ...(flags.fraudRates === undefined ? {} : { rates: fraudRates(flags.fraudRates) }),
    ...(flags.late === undefined ? {} : { lateFraction: decimal('--late', flags.late) }),
  };
  const [problem] = simulateOptionProblems(options);
  if (problem) {
    const flag = FLAG_OF[problem.path] ?? '--fraud-rates';
    const what = problem.path.startsWith('rates.') ? `${problem.path.slice(6)} ` : '';
    throw new CliError(`${flag} ${what}${problem.message}`);
  }
  return options;
}

function liveOptions(flags: SimulateFlags) {
  if (flags.target === undefined) {
    const stray = (['apiKey', 'rate'] as const).find((k) => flags[k] !== undefined);
    if (stray) throw new CliError(`${stray === 'apiKey' ? '--api-key' : '--rate'} needs --target`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(flags.target);
  } catch {
    throw new CliError(`--target must be an http:// or https:// URL, not "${flags.target}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`--target must be an http:// or https:// URL, not "${flags.target}"`);
  if (!flags.apiKey) throw new CliError('--target needs --api-key');
  if (flags.rate === undefined) throw new CliError('--target needs --rate (events per second)');
  const rate = decimal('--rate', flags.rate);
  if (!(rate > 0 && rate <= 1_000_000))
    throw new CliError('--rate must be a number above 0 and at most 1000000');
  const concurrency = integer('--concurrency', flags.concurrency);
  if (concurrency < 1 || concurrency > 1024)
    throw new CliError('--concurrency must be an integer from 1 to 1024');
  return { target: flags.target, apiKey: flags.apiKey, rate, concurrency };
}

function integer(flag: string, text: string): number {
  if (!/^[0-9]{1,16}$/.test(text.trim()))
    throw new CliError(`${flag} must be a non-negative integer, not "${text}"`);
  return Number(text);
}

function decimal(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new CliError(`${flag} must be a number, not "${text}"`);
  return value;
}

function rfc3339(flag: string, text: string): Date {
  const ok = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:\d\d)$/.test(text);
  const date = new Date(text);
  if (!ok || Number.isNaN(date.getTime()))
    throw new CliError(`${flag} must be an RFC 3339 time such as 2025-01-01T00:00:00Z, not "${text}"`);
  return date;
}

function fraudRates(text: string): Partial<Record<Pattern, number>> {
  const rates: Partial<Record<Pattern, number>> = {};
  for (const part of text.split(',')) {
    const [name = '', value, extra] = part.split('=').map((s) => s.trim());
    if (value === undefined || extra !== undefined)
      throw new CliError(`--fraud-rates takes pattern=rate pairs separated by commas, not "${part}"`);
    if (!(PATTERNS as readonly string[]).includes(name))
      throw new CliError(`--fraud-rates: "${name}" is not a pattern (one of ${PATTERNS.join(', ')})`);
    rates[name as Pattern] = decimal(`--fraud-rates ${name}`, value);
  }
  return rates;
}

/** Passes each event to `see` on its way through. */
function* tap(
  events: Iterable<SimulatedEvent>,
  see: (event: SimulatedEvent) => void,
): Generator<SimulatedEvent> {
  for (const event of events) {
    see(event);
    yield event;
  }
}

const CHUNK_BYTES = 1 << 20;

/** NDJSON to a file, written synchronously in 1 MiB chunks (a CLI has nothing else to do meanwhile). */
function openFile(path: string) {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let buffer = '';
  let open = true;
  const flush = () => {
    if (buffer.length > 0) writeSync(fd, buffer);
    buffer = '';
  };
  return {
    add(event: SimulatedEvent): void {
      buffer += `${JSON.stringify(event)}\n`;
      if (buffer.length >= CHUNK_BYTES) flush();
    },
    end: flush,
    close(): void {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** NDJSON to a stream (standard output), respecting back-pressure. */
function streamSink(stream: NodeJS.WritableStream) {
  let buffer = '';
  const flush = async () => {
    const chunk = buffer;
    buffer = '';
    if (chunk.length > 0 && !stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async add(event: SimulatedEvent): Promise<void> {
      buffer += `${JSON.stringify(event)}\n`;
      if (buffer.length >= CHUNK_BYTES) await flush();
    },
    end: flush,
  };
}

function errorList(report: LiveReport): string {
  const parts = Object.entries(report.error_counts).map(([k, n]) => `${k} ×${n}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function describeReport(report: LiveReport): string[] {
  const outcomes = Object.entries(report.outcomes).map(([k, n]) => `${k} ${n}`);
  const l = report.latency_ms;
  return [
    `sent / 已发送: ${report.sent} → ${report.url} in ${report.elapsed_s}s (${report.achieved_rate}/s)`,
    `accepted / 成功: ${report.ok}, errors / 失败: ${report.errors} (${errorList(report)})`,
    `outcomes / 决策结果: ${outcomes.length > 0 ? outcomes.join(', ') : 'none'}`,
    l
      ? `latency / 延迟 (ms): p50 ${l.p50}, p90 ${l.p90}, p99 ${l.p99}, max ${l.max}`
      : 'latency / 延迟: no answer',
  ];
}
