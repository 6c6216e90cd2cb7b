/**
 * A full decision in process, on one core, exactly as the live path makes it: `runPolicy` (velocity
 * features point in time, the scorecard, the 50 rules) then `FeatureEngine.observe` of the event.
 * The policy (fixtures/policies.ts) has 8 velocity features over user, device and IP (count, sum,
 * distinct, avg, since_last; windows 1 minute to 30 days), a block list of identity-number hashes
 * (a Set), ≥ 1,000 datacenter CIDR ranges (`IpRangeSet`), an 8-variable scorecard and 50 rules.
 * Events are realistic loan applications (fixtures/loan-stream.ts), identifiers already normalised,
 * generated in chunks outside the timed loop.
 *
 * Then memory: a fresh velocity store is filled with ≥ 1 million users (a few applications each,
 * over one day) and the growth of the heap and of array buffers after `global.gc()` is compared with
 * the store's own estimate (`memoryStats()`), both per million keys. Needs `--expose-gc` (the npm script passes it).
 *
 *   node --expose-gc --import tsx bench/decision.ts [--events 1000000] [--users 500000]
 *        [--memory-users 1000000] [--events-per-user 3] [--skip-memory]
 */
import { parseArgs } from 'node:util';
import type { EngineEvent, Outcome } from '../src/modules/engine/contracts.js';
import { FeatureEngine } from '../src/modules/engine/runtime/features.js';
import { runPolicy } from '../src/modules/engine/runtime/run.js';
import { InMemoryWindowStore } from '../src/modules/engine/velocity/window-store.js';
import { LoanStream, toEngineEvent } from './fixtures/loan-stream.js';
import { compileBenchPolicy, decisionLists, decisionPolicyDocument } from './fixtures/policies.js';
import { blockedIds, carrierIp, datacenterRanges, deviceOf, homeIpOf, mix32 } from './fixtures/population.js';
import {
  addTimings,
  against,
  emit,
  NO_TIME,
  perSecond,
  round,
  startTimer,
  type Timing,
} from './fixtures/report.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    users: { type: 'string', default: '500000' },
    'per-day': { type: 'string', default: '200000' },
    chunk: { type: 'string', default: '50000' },
    'memory-users': { type: 'string', default: '1000000' },
    'events-per-user': { type: 'string', default: '3' },
    'skip-memory': { type: 'boolean', default: false },
    seed: { type: 'string', default: '20260115' },
  },
});
function positive(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isSafeInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a positive integer, not ${JSON.stringify(args[name])}\n`);
    process.exit(1);
  }
  return n;
}
const EVENTS = positive('events');
const USERS = positive('users');
const PER_DAY = positive('per-day');
const CHUNK = positive('chunk');
const MEMORY_USERS = positive('memory-users');
const EVENTS_PER_USER = positive('events-per-user');
const SEED = positive('seed');
const START = Date.parse('2026-01-05T00:00:00.000Z');

const gc = (globalThis as { gc?: () => void }).gc;
if (!args['skip-memory'] && gc === undefined) {
  process.stderr.write('run with node --expose-gc (or pass --skip-memory)\n');
  process.exit(1);
}

// ---- Setup (not timed) -------------------------------------------------------------------------------
const datacenter = datacenterRanges(1_500, SEED);
const lists = decisionLists(blockedIds(USERS, 'hash'), datacenter);
const compileTimer = startTimer();
const policy = compileBenchPolicy(decisionPolicyDocument());
const compileTime = compileTimer();

// ---- Throughput ---------------------------------------------------------------------------------------
/**
 * In a function of its own: when it returns, nothing of its velocity store stays reachable (a block
 * at module level can leave the store in a register of the module's frame, and its later collection
 * would then be subtracted from the memory measurement).
 */
function throughput(): void {
  const store = new InMemoryWindowStore({ features: policy.features });
  const engine = new FeatureEngine(store, policy.features);
  const stream = new LoanStream({ users: USERS, seed: SEED, startMs: START, perDay: PER_DAY, datacenter });
  const outcomes: Record<Outcome, number> = { approve: 0, review: 0, reject: 0 };
  const decidedBy = new Map<string, number>();
  let ruleErrors = 0;
  let truncated = 0;
  let scoreSum = 0;
  let time: Timing = NO_TIME;
  let firstMs = 0;
  let lastMs = 0;
  for (let done = 0; done < EVENTS; ) {
    const n = Math.min(CHUNK, EVENTS - done);
    const chunk: EngineEvent[] = new Array(n);
    for (let i = 0; i < n; i++) chunk[i] = toEngineEvent(stream.next(), `e${done + i}`);
    if (done === 0) firstMs = chunk[0]!.occurredMs;
    lastMs = chunk[n - 1]!.occurredMs;
    const timer = startTimer();
    for (let i = 0; i < n; i++) {
      const event = chunk[i]!;
      const run = runPolicy(policy, event, engine, lists);
      engine.observe(event);
      const result = run.result;
      outcomes[result.outcome]++;
      if (run.rule_errors.length > 0) ruleErrors++;
      if (run.truncated.length > 0) truncated++;
      scoreSum += run.models['card_score'] ?? 0;
      const first = result.rule_hits[0]?.rule_id ?? 'default';
      decidedBy.set(first, (decidedBy.get(first) ?? 0) + 1);
    }
    time = addTimings(time, timer());
    done += n;
  }
  const rate = perSecond(EVENTS, time);
  const stats = store.memoryStats();
  emit({
    bench: 'decision-throughput',
    events: EVENTS,
    users: USERS,
    simulated_days: round((lastMs - firstMs) / 86_400_000, 2),
    decisions_per_second: rate,
    ...against(rate, 100_000),
    seconds: round(time.seconds),
    cpu_seconds: round(time.cpuSeconds),
    decisions_per_cpu_second: Math.round(EVENTS / time.cpuSeconds),
    compile_ms: round(compileTime.seconds * 1000, 1),
    outcomes,
    rule_errors: ruleErrors,
    truncated_windows: truncated,
    mean_card_score: round(scoreSum / EVENTS, 1),
    rules_deciding: decidedBy.size - (decidedBy.has('default') ? 1 : 0),
    store_keys: stats.keys,
    store_events: stats.events,
  });
}

// ---- Memory per million active keys -------------------------------------------------------------------
function memory(gc: () => void): void {
  const DAY = 86_400_000;
  const settle = () => {
    gc();
    gc();
    // The JS heap plus array buffers (the subject indexes keep their slots in Int32Arrays).
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const store = new InMemoryWindowStore({ features: policy.features });
  const engine = new FeatureEngine(store, policy.features);
  const carriers = Math.max(1, Math.floor(MEMORY_USERS / 5));
  const before = settle();
  const timer = startTimer();
  // Each user applies EVENTS_PER_USER times over one day; round k of all users comes after round k−1.
  for (let k = 0; k < EVENTS_PER_USER; k++) {
    const roundStart = START + (k * DAY) / EVENTS_PER_USER;
    const step = DAY / EVENTS_PER_USER / MEMORY_USERS;
    for (let i = 0; i < MEMORY_USERS; i++) {
      const h = mix32(i * 31 + k);
      const t = Math.round(roundStart + i * step);
      engine.observe({
        type: 'loan_application',
        id: `m${k}-${i}`,
        occurred_at: '',
        occurredMs: t,
        subject: {
          user_id: `u${i}`,
          device_id: deviceOf(i, h % 10 === 0),
          ip: h % 100 < 60 ? homeIpOf(i) : carrierIp(h % carriers),
        },
        data: { amount: 1_000 + (h % 50_000) },
      });
    }
  }
  const observed = timer();
  const after = settle();
  const stats = store.memoryStats();
  const heap = after - before;
  const perMillionKeys = (bytes: number) => Math.round((bytes / stats.keys) * 1e6);
  emit({
    bench: 'decision-memory',
    users: MEMORY_USERS,
    events_observed: MEMORY_USERS * EVENTS_PER_USER,
    observe_seconds: round(observed.seconds),
    store_keys: stats.keys,
    store_events: stats.events,
    heap_used_delta_bytes: heap,
    heap_bytes_per_million_keys: perMillionKeys(heap),
    heap_mib_per_million_keys: round(perMillionKeys(heap) / 2 ** 20, 1),
    store_estimate_bytes: stats.bytes,
    store_estimate_bytes_per_million_keys: perMillionKeys(stats.bytes),
    store_estimate_mib_per_million_keys: round(perMillionKeys(stats.bytes) / 2 ** 20, 1),
    heap_mib_per_million_users: round((heap / MEMORY_USERS / 2 ** 20) * 1e6, 1),
    estimate_over_measured: round(stats.bytes / heap, 2),
  });
  // Keep the store reachable until after the measurement.
  if (stats.keys < 0) process.stdout.write(`${engine.streamKeys.length}\n`);
}

throughput();
if (!args['skip-memory'] && gc) memory(gc);
