/**
 * Audit chain verification speed: builds a chain of N entries (default 1,000,000) in a SQLite file in
 * a temporary folder, then times
 *   - `audit-chain-verifier`: the pure ChainVerifier over the entries in memory (no SQL);
 *   - `audit-verify`: AuditLog.verify() through the real service and store (SQL scan + chain);
 *   - `audit-checkpoint`: the first checkpoint (verifies and Merkle-hashes all N entries), then an
 *     incremental one after more appends (resumes from the first one's frontier);
 *   - `audit-verify` again with the stored checkpoints (adds the RFC 6962 Merkle tree to the scan).
 * Each result is one JSON line on stdout. The rows are built in JavaScript with canonicalRecord and
 * chainHash and inserted with better-sqlite3 directly, in large transactions: the bench measures
 * verification, not appends.
 *
 *   node --import tsx bench/audit-verify.ts [--entries N] [--keep]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { systemClock } from '../src/kernel/clock.js';
import { createProgress } from '../src/kernel/progress.js';
import {
  type ChainEntry,
  ChainVerifier,
  canonicalRecord,
  chainHash,
  GENESIS_HASH,
} from '../src/modules/audit/chain.js';
import { AuditLog } from '../src/modules/audit/service.js';
import { openStore } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { transact } from '../src/store/transaction.js';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
  },
});
const ENTRIES = Number(args.entries);
if (!Number.isSafeInteger(ENTRIES) || ENTRIES < 1) {
  process.stderr.write(`--entries must be a positive integer, not ${JSON.stringify(args.entries)}\n`);
  process.exit(1);
}
const INSERT_BATCH = 50_000;
const MORE = Math.max(1, Math.min(10_000, Math.floor(ENTRIES / 100)));

/** Wall-clock and CPU time of a piece of work (CPU time says more on a machine that is busy). */
interface Timing {
  seconds: number;
  cpuSeconds: number;
}

function startTimer(): () => Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
}

function emit(bench: string, entries: number, t: Timing, extra: Record<string, unknown> = {}): void {
  const line = {
    bench,
    entries,
    seconds: Number(t.seconds.toFixed(3)),
    entries_per_second: Math.round(entries / t.seconds),
    cpu_seconds: Number(t.cpuSeconds.toFixed(3)),
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** A small deterministic PRNG (mulberry32), so every run builds the same chain. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = [
  'decision.make',
  'loan.approve',
  'loan.disburse',
  'repayment.record',
  'user.login',
  'policy.publish',
];
const OUTCOMES = ['success', 'success', 'success', 'failure', 'denied'];
const START = Date.parse('2026-01-01T00:00:00.000Z');

/** Entry `seq` of a lending platform's day: decisions and loans with a realistic payload (~150 bytes). */
function content(seq: number, rnd: () => number): Omit<ChainEntry, 'seq' | 'prev_hash' | 'hash'> {
  const action = ACTIONS[Math.floor(rnd() * ACTIONS.length)]!;
  const user = `u-${Math.floor(rnd() * 50_000)}`;
  return {
    ts: new Date(START + seq * 87).toISOString(),
    actor_type: action === 'user.login' ? 'user' : 'api_key',
    actor_id: action === 'user.login' ? user : 'ak-lending-gateway',
    action,
    target_type: action.split('.')[0]!,
    target_id: `${action.slice(0, 3)}-${seq.toString(36)}`,
    outcome: OUTCOMES[Math.floor(rnd() * OUTCOMES.length)]!,
    payload: `{"amount":"${(rnd() * 50_000).toFixed(2)}","channel":"app","customer":"${user}","reasons":["velocity_1h","score"],"score":${Math.floor(300 + rnd() * 550)},"城市":"深圳"}`,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'fk-bench-audit-'));
const file = join(dir, 'audit.db');
const url = `sqlite:${file}`;
try {
  // 1. Schema through the real migrations, then rows straight into the file.
  const setup = await openStore(url);
  await migrate(setup);
  await setup.close();

  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF'); // bench setup only: durability of the fixture does not matter
  const insert = raw.prepare(
    `insert into audit_log (seq, ts, actor_type, actor_id, action, target_type, target_id, outcome, payload, prev_hash, hash)
     values (@seq, @ts, @actor_type, @actor_id, @action, @target_type, @target_id, @outcome, @payload, @prev_hash, @hash)`,
  );
  const insertMany = raw.transaction((rows: ChainEntry[]) => {
    for (const r of rows) insert.run(r);
  });
  const rnd = prng(6962);
  const pure = new ChainVerifier();
  const progress = createProgress('building chain', process.stderr, false);
  let prev = GENESIS_HASH;
  const pureTime: Timing = { seconds: 0, cpuSeconds: 0 };
  const buildTimer = startTimer();
  for (let from = 1; from <= ENTRIES; from += INSERT_BATCH) {
    const rows: ChainEntry[] = [];
    for (let seq = from; seq < from + INSERT_BATCH && seq <= ENTRIES; seq++) {
      const body = { ...content(seq, rnd), seq };
      const hash = chainHash(prev, canonicalRecord(body));
      rows.push({ ...body, prev_hash: prev, hash });
      prev = hash;
    }
    // The pure verifier over the same entries, batch by batch (keeping a million entries in memory at
    // once is not needed to time it); only the push calls are timed.
    const pushTimer = startTimer();
    for (const r of rows) pure.push(r);
    const pushed = pushTimer();
    pureTime.seconds += pushed.seconds;
    pureTime.cpuSeconds += pushed.cpuSeconds;
    insertMany(rows);
    progress.update(Math.min(ENTRIES, from + INSERT_BATCH - 1), ENTRIES);
  }
  raw.prepare('update audit_head set seq = ?, hash = ? where id = 1').run(ENTRIES, prev);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  progress.done();
  const buildTime = buildTimer();
  if (pure.finish({ seq: ENTRIES, hash: prev })) throw new Error('the pure verifier found a break');
  emit('audit-chain-verifier', ENTRIES, pureTime);
  emit('audit-build-fixture', ENTRIES, buildTime, { db_bytes: statSync(file).size });

  // 2. The real service over the real store, as `fengkong audit verify` runs it.
  const store = await openStore(url);
  try {
    const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock: systemClock });
    let timer = startTimer();
    const report = await audit.verify();
    emit('audit-verify', report.entries, timer(), {
      intact: report.intact,
      checkpoints: 0,
    });
    if (!report.intact) throw new Error(`verify failed: ${JSON.stringify(report.first_break)}`);

    // 3. Checkpoints: the first covers all N entries, the next only what was appended since.
    timer = startTimer();
    const first = await audit.checkpoint();
    emit('audit-checkpoint', first.seq, timer(), { kind: 'first' });
    await transact(store.db, async (trx) => {
      for (let i = 0; i < MORE; i++) {
        await audit.append(trx, {
          actor: { type: 'api_key', id: 'ak-lending-gateway' },
          action: 'decision.make',
          target: { type: 'decision', id: `d-${i}` },
          payload: { outcome: 'approve', score: 700 + (i % 100) },
        });
      }
    });
    timer = startTimer();
    const second = await audit.checkpoint();
    emit('audit-checkpoint', second.seq - first.seq, timer(), {
      kind: 'incremental',
      chain: second.seq,
    });

    timer = startTimer();
    const withCheckpoints = await audit.verify();
    emit('audit-verify', withCheckpoints.entries, timer(), {
      intact: withCheckpoints.intact,
      checkpoints: withCheckpoints.checkpoints_checked,
    });
  } finally {
    await store.close();
  }
} finally {
  if (args.keep) process.stderr.write(`kept ${file}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
