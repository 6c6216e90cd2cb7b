/**
 * Decisions over HTTP on loopback with durable storage: the real server (compose + buildApp + listen,
 * a fresh SQLite file in WAL mode, each commit flushed to disk before it is answered, the bench decision policy deployed, an
 * integration API key) runs in a child process (bench/fixtures/http-server.ts); autocannon runs in
 * this process with 50 connections for 15 s, each request a distinct loan application (its own event
 * id, realistic body from fixtures/loan-stream.ts). Then a bare Fastify endpoint answering a fixed
 * JSON body gets the same load, for the ratio. After the run, the number of decisions stored must
 * equal the number of 2xx responses (warm-up included): acknowledged means committed.
 *
 * The machine has 2 cores: server and client each get about one. Each result is one JSON line.
 *
 *   node --import tsx bench/http.ts [--duration 15] [--connections 50] [--warmup 3] [--log-level info]
 *        [--profile /tmp/http]   (V8 CPU profile of each server's measured run, for diagnosis)
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { HTTP_SEED, HTTP_USERS, type ServerCommand, type ServerMessage } from './fixtures/http-protocol.js';
import { LoanStream, toEnvelope } from './fixtures/loan-stream.js';
import { datacenterRanges } from './fixtures/population.js';
import { against, emit, round, startTimer } from './fixtures/report.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '3' },
    'log-level': { type: 'string', default: 'info' },
    bodies: { type: 'string', default: '400000' },
    /** Writes a CPU profile of each server's measured run to <profile>.<mode>.cpuprofile. */
    profile: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const WARMUP = Number(args.warmup);
const BODIES = Number(args.bodies);
const LOG_LEVEL = args['log-level'];
for (const [name, v, least] of [
  ['duration', DURATION, 1],
  ['connections', CONNECTIONS, 1],
  ['warmup', WARMUP, 0],
  ['bodies', BODIES, 1],
] as const) {
  if (!Number.isSafeInteger(v) || v < least) {
    process.stderr.write(`--${name} must be a whole number of at least ${least}\n`);
    process.exit(1);
  }
}
const SERVER_SCRIPT = fileURLToPath(new URL('./fixtures/http-server.ts', import.meta.url));
const PLACEMENT = 'server in a child process (node --import tsx), autocannon in the parent; 2 cores';

// ---- Request bodies (not timed): the envelope text around its id, so every request gets a new id ----
const ID_AT = '{"type":"loan_application","id":"';
const generation = startTimer();
const stream = new LoanStream({
  users: HTTP_USERS,
  seed: HTTP_SEED,
  startMs: Date.parse('2026-01-05T00:00:00.000Z'),
  perDay: 200_000,
  datacenter: datacenterRanges(1_500, HTTP_SEED),
});
const tails: string[] = new Array(BODIES);
for (let i = 0; i < BODIES; i++) {
  const text = JSON.stringify(toEnvelope(stream.next(), 'ID'));
  if (!text.startsWith(`${ID_AT}ID"`)) throw new Error('unexpected envelope layout');
  tails[i] = text.slice(ID_AT.length + 3);
}
process.stderr.write(`generated ${BODIES} request bodies in ${round(generation().seconds, 1)} s\n`);

let sent = 0;
const runTag = Date.now().toString(36);
/** Event ids whose request was answered with a 2xx (the decisions acknowledged to the client). */
let acknowledged: string[] = [];

// ---- Child server ----------------------------------------------------------------------------------
function message<T extends ServerMessage>(
  child: ChildProcess,
  pick: (m: ServerMessage) => m is T,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: ServerMessage) => {
      if ('error' in m) {
        cleanup();
        reject(new Error(`server: ${m.error}`));
      } else if (pick(m)) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`server exited with ${code}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function command(child: ChildProcess, c: ServerCommand): void {
  child.send(c);
}

async function load(url: string, authorization: string, seconds: number): Promise<Result> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers['authorization'] = authorization;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/decisions',
        headers,
        setupRequest: (request, context) => {
          const id = `http-${runTag}-${sent}`;
          const body = `${ID_AT}${id}"${tails[sent % BODIES]}`;
          sent++;
          context['id'] = id;
          return { ...request, body };
        },
        onResponse: (status, _body, context) => {
          if (status >= 200 && status < 300) acknowledged.push(context['id'] as string);
        },
      },
    ],
  });
}

interface Measured {
  readonly result: Result;
  readonly warm2xx: number;
  readonly acknowledged: number;
  readonly counted: Extract<ServerMessage, { counted: true }>;
}

async function measure(mode: 'fengkong' | 'bare'): Promise<Measured> {
  acknowledged = [];
  const profile = args.profile;
  const child = fork(SERVER_SCRIPT, [mode, LOG_LEVEL], {
    execArgv: ['--import', 'tsx'],
    env: profile ? { ...process.env, FK_BENCH_PROFILE: profile } : process.env,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const ready = await message(child, (m): m is Extract<ServerMessage, { ready: true }> => 'ready' in m);
    const warm = WARMUP > 0 ? await load(ready.url, ready.authorization, WARMUP) : undefined;
    command(child, { cmd: 'mark' });
    await message(child, (m): m is Extract<ServerMessage, { marked: true }> => 'marked' in m);
    const result = await load(ready.url, ready.authorization, DURATION);
    command(child, { cmd: 'count', acknowledged });
    const counted = await message(
      child,
      (m): m is Extract<ServerMessage, { counted: true }> => 'counted' in m,
    );
    return { result, warm2xx: warm?.['2xx'] ?? 0, acknowledged: acknowledged.length, counted };
  } finally {
    if (child.connected) command(child, { cmd: 'stop' });
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  }
}

function lineOf(bench: string, m: Measured): Record<string, unknown> {
  const r = m.result;
  return {
    bench,
    placement: PLACEMENT,
    connections: CONNECTIONS,
    duration_s: r.duration,
    responses_2xx: r['2xx'],
    non_2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    requests_per_second: Math.round(r['2xx'] / r.duration),
    latency_ms: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    server_cpu_seconds: round(m.counted.cpu_seconds, 2),
    server_cpu_share: round(m.counted.cpu_seconds / r.duration, 2),
  };
}

const fengkong = await measure('fengkong');
const fk = fengkong.result;
const decisionsPerSecond = Math.round(fk['2xx'] / fk.duration);
const stored = fengkong.counted.decisions;
emit({
  ...lineOf('http-fengkong', fengkong),
  storage: 'SQLite file, WAL, commits flushed (fdatasync) before answering, group commit',
  log_level: LOG_LEVEL,
  decisions_per_second: decisionsPerSecond,
  throughput: against(decisionsPerSecond, 10_000),
  p99_latency: against(fk.latency.p99, 20, 'at_most'),
  non_2xx_target_met: fk.non2xx === 0 && fk.errors === 0,
  warmup_2xx: fengkong.warm2xx,
  acknowledged_2xx: fengkong.acknowledged,
  decisions_stored: stored,
  acknowledged_but_not_stored: fengkong.counted.missing,
  stored_but_unanswered: stored - (fengkong.acknowledged - fengkong.counted.missing),
  every_2xx_stored: fengkong.counted.missing === 0,
  fallback_decisions: fengkong.counted.fallbacks,
  database_bytes: fengkong.counted.db_bytes,
  database_bytes_per_decision: Math.round(fengkong.counted.db_bytes / Math.max(1, stored)),
});

const bare = await measure('bare');
const bareRate = Math.round(bare.result['2xx'] / bare.result.duration);
emit({ ...lineOf('http-bare-fastify', bare), body: 'fixed JSON, no storage, no auth' });
emit({
  bench: 'http-summary',
  fengkong_decisions_per_second: decisionsPerSecond,
  bare_requests_per_second: bareRate,
  fengkong_over_bare: round(decisionsPerSecond / bareRate, 3),
  fengkong_p99_ms: fk.latency.p99,
  bare_p99_ms: bare.result.latency.p99,
});
