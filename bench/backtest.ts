/**
 * Backtest of 1,000,000 simulated events through the example loan policy
 * (examples/policies/loan_application.yaml), as `fengkong backtest --label label.fraud` runs it:
 *   - setup (not timed): `simulateEvents` writes the platform's event stream to a temporary NDJSON
 *     file; the four lists the policy declares are written to a lists file and loaded with the
 *     offline tools' `listsFromFile` (block lists hold 30 % of the identities, phones and devices
 *     the fraud patterns used plus unrelated entries; the datacenter list holds 1,500 hosting ranges
 *     plus half of the networks device rings operated from), the policy with `compileFile`;
 *   - `backtest-file`: `runBacktest(replayFile(...))`, the whole replay from the file (read, JSON
 *     parse, envelope check, normalisation with identifier hashing, features, model, rules, report);
 *   - `backtest-parse`: `replayFile` alone into memory (where the file parsing time goes);
 *   - `backtest-replay`: `runBacktest` over the pre-parsed events (the engine alone);
 *   - `backtest-json-floor`: reading the lines and `JSON.parse` alone, the floor under any parser.
 * Each result is one JSON line with events per second (all replayed events: scored and warm-up) and,
 * for the full run, the policy's precision and recall on the labels.
 *
 *   node --max-old-space-size=6144 --import tsx bench/backtest.ts [--events 1000000] [--keep]
 */
import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BacktestReport,
  type ReplayEvent,
  runBacktest,
} from '../src/modules/engine/backtest/backtest.js';
import { ndjsonLines } from '../src/modules/engine/backtest/ndjson.js';
import { compileFile, listsFromFile, offlineHasher } from '../src/modules/engine/backtest/offline.js';
import { cachingHasher, replayFile, type SkippedLine } from '../src/modules/engine/backtest/replay-file.js';
import { EventTypes } from '../src/modules/engine/events/event-types.js';
import { simulateEvents } from '../src/modules/engine/simulate/index.js';
import { Random } from '../src/modules/engine/simulate/random.js';
import { datacenterRanges, idNumberOf, phoneOf } from './fixtures/population.js';
import { against, emit, perSecond, round, startTimer, type Timing } from './fixtures/report.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20260115' },
    keep: { type: 'boolean', default: false },
  },
});
const EVENTS = Number(args.events);
const SEED = Number(args.seed);
if (!Number.isSafeInteger(EVENTS) || EVENTS < 1 || !Number.isSafeInteger(SEED) || SEED < 0) {
  process.stderr.write('--events must be a positive integer and --seed a non-negative integer\n');
  process.exit(1);
}
const POLICY = new URL('../examples/policies/loan_application.yaml', import.meta.url).pathname;
const LABEL = 'label.fraud';

const dir = mkdtempSync(join(tmpdir(), 'fk-bench-backtest-'));
const eventsFile = join(dir, 'events.ndjson');
const listsFile = join(dir, 'lists.json');

/** Writes the simulated stream and collects what a lender's lists would know about its fraud. */
async function writeFixtures(): Promise<{ fraud: number; loanApplications: number }> {
  const pick = new Random(SEED, 21);
  const ids = new Set<string>();
  const phones = new Set<string>();
  const devices = new Set<string>();
  const networks = new Set<string>();
  let fraud = 0;
  let loanApplications = 0;
  const out = createWriteStream(eventsFile);
  let buffer = '';
  for (const e of simulateEvents({ events: EVENTS, seed: SEED })) {
    buffer += `${JSON.stringify(e)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
    if (e.type === 'loan_application') loanApplications++;
    if (!e.label.fraud) continue;
    fraud++;
    const s = e.subject;
    if (s.id_number && pick.chance(0.3)) ids.add(s.id_number);
    if (s.phone && pick.chance(0.3)) phones.add(s.phone);
    if (e.label.pattern === 'device_ring') {
      if (s.device_id && pick.chance(0.3)) devices.add(s.device_id);
      if (s.ip && pick.chance(0.5)) networks.add(`${s.ip.split('.').slice(0, 3).join('.')}.0/24`);
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
  // Flushed to disk before anything is timed: otherwise the kernel writes the 360 MB back while the
  // first timed run reads it, and that run's figure depends on the disk (seen: 166k–202k events/s).
  const fd = openSync(eventsFile, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  // Unrelated entries, as real lists mostly hold people and devices that never apply again.
  for (let i = 0; i < 5_000; i++) {
    ids.add(idNumberOf(50_000_000 + i));
    phones.add(phoneOf(900_000_000 + i));
    devices.add(pick.hex(16));
  }
  const lists = {
    blacklist_id: { kind: 'id_number', values: [...ids] },
    blacklist_phone: { kind: 'phone', values: [...phones] },
    blacklist_device: { kind: 'device_id', values: [...devices] },
    datacenter_ranges: { kind: 'ip', values: [...datacenterRanges(1_500, SEED), ...networks] },
  };
  writeFileSync(listsFile, JSON.stringify(lists));
  return { fraud, loanApplications };
}

function measures(report: BacktestReport) {
  const f = report.score.flagged;
  const r = report.score.rejected;
  const p = (x: number | null) => (x === null ? null : round(x, 4));
  return {
    flagged: { precision: p(f.precision), recall: p(f.recall), f1: p(f.f1), tp: f.tp, fp: f.fp, fn: f.fn },
    rejected: { precision: p(r.precision), recall: p(r.recall), f1: p(r.f1) },
  };
}

try {
  const setup = startTimer();
  const fixture = await writeFixtures();
  const types = new EventTypes();
  const inner = offlineHasher(undefined);
  const lists = listsFromFile(listsFile, cachingHasher(inner));
  const policy = compileFile(POLICY, types, lists.names);
  emit({
    bench: 'backtest-setup',
    events: EVENTS,
    seconds: round(setup().seconds),
    file_bytes: statSync(eventsFile).size,
    loan_applications: fixture.loanApplications,
    fraud_events: fixture.fraud,
    policy: policy.id,
  });

  // 1. The whole backtest from the file, as `fengkong backtest` runs it.
  let skipped: SkippedLine[] = [];
  let timer = startTimer();
  const report = runBacktest(
    replayFile(eventsFile, {
      types,
      hasher: cachingHasher(inner),
      label: LABEL,
      onSkip: (s) => skipped.push(s),
    }),
    { policy, lists: lists.lookup },
  );
  const full: Timing = timer();
  const replayed = report.events + report.warmup_events;
  const fullRate = perSecond(replayed, full);
  emit({
    bench: 'backtest-file',
    events: replayed,
    scored: report.events,
    warmup_events: report.warmup_events,
    skipped_lines: skipped.length,
    events_per_second: fullRate,
    ...against(fullRate, 200_000),
    seconds: round(full.seconds),
    cpu_seconds: round(full.cpuSeconds),
    labelled: report.labelled,
    positives: report.positives,
    outcomes: report.outcomes,
    ...measures(report),
    rule_errors: report.rule_errors,
    fallbacks: report.fallbacks,
  });

  // 2. Parsing alone: read, JSON.parse, envelope check, normalisation (a fresh hasher cache); the
  // events are dropped as they come, as the backtest itself drops them.
  skipped = [];
  let parsedEvents = 0;
  timer = startTimer();
  for (const e of replayFile(eventsFile, {
    types,
    hasher: cachingHasher(inner),
    label: LABEL,
    onSkip: (s) => skipped.push(s),
  })) {
    if (e.event.occurredMs > 0) parsedEvents++;
  }
  const parse = timer();
  emit({
    bench: 'backtest-parse',
    events: parsedEvents,
    events_per_second: perSecond(parsedEvents, parse),
    seconds: round(parse.seconds),
    cpu_seconds: round(parse.cpuSeconds),
    share_of_full_run: round(parse.seconds / full.seconds, 2),
  });

  // 2b. The floor: lines and JSON.parse, nothing else.
  timer = startTimer();
  let parsed = 0;
  for (const { text } of ndjsonLines(eventsFile)) if (JSON.parse(text) !== null) parsed++;
  const floor = timer();
  emit({
    bench: 'backtest-json-floor',
    events: parsed,
    events_per_second: perSecond(parsed, floor),
    seconds: round(floor.seconds),
    cpu_seconds: round(floor.cpuSeconds),
    share_of_full_run: round(floor.seconds / full.seconds, 2),
  });

  // 3. The engine alone: the same events, parsed beforehand (not timed), through a fresh backtest.
  const events: ReplayEvent[] = [
    ...replayFile(eventsFile, { types, hasher: cachingHasher(inner), label: LABEL, onSkip: () => undefined }),
  ];
  timer = startTimer();
  const again = runBacktest(events, { policy, lists: lists.lookup });
  const replay = timer();
  const replayRate = perSecond(again.events + again.warmup_events, replay);
  emit({
    bench: 'backtest-replay',
    events: again.events + again.warmup_events,
    events_per_second: replayRate,
    ...against(replayRate, 200_000),
    seconds: round(replay.seconds),
    cpu_seconds: round(replay.cpuSeconds),
    share_of_full_run: round(replay.seconds / full.seconds, 2),
    same_outcomes_as_file_run: JSON.stringify(again.outcomes) === JSON.stringify(report.outcomes),
  });
} finally {
  if (args.keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
