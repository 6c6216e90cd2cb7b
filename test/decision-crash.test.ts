/**
 * Acknowledged means committed: a real `fengkong serve` process is killed with SIGKILL at random
 * moments of a burst of decisions, twenty times over the same database. Every decision a client saw
 * a 200 for must be there afterwards, byte for byte, with its audit entry, and the audit chain must
 * verify. (A decision the process wrote but never acknowledged may or may not be there; a retry
 * of its event id then returns it.)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../src/app/compose.js';
import { systemClock } from '../src/kernel/clock.js';
import { AuditLog } from '../src/modules/audit/index.js';
import { openStore } from '../src/store/database.js';
import { TEST_SECRET_KEY, testConfig } from './support/app.js';
import { deployDirectly } from './support/engine.js';
import { apiKeyFor } from './support/identity.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'fengkong.js');
const CYCLES = 20;

let dir: string;
let db: string;
let authorization: string;

function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--no-demo'], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'],
      FENGKONG_SECRET_KEY: TEST_SECRET_KEY,
      FENGKONG_AUDIT_CHECKPOINT_INTERVAL: '0',
      FENGKONG_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr?.on('data', (chunk) => {
      err += String(chunk);
      const m = /serving on (http:\/\/\S+)/.exec(err);
      if (m?.[1]) ok({ child, url: m[1] });
    });
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before serving: ${err}`)));
  });
}

function event(cycle: number, i: number) {
  return {
    type: 'transaction',
    id: `crash-${cycle}-${i}`,
    occurred_at: new Date(Date.UTC(2026, 10, 1, 12, 0, cycle * 60 + (i % 60))).toISOString(),
    subject: { user_id: `u${i % 13}`, device_id: `d${i % 5}`, ip: `203.0.113.${i % 250}` },
    data: { amount: 100 + (i % 17) * 250, kind: 'payment' },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fk-crash-'));
  db = `sqlite:${join(dir, 'fengkong.db')}`;
  const runtime = await compose(testConfig(db), { log: pino({ level: 'silent' }) });
  try {
    authorization = (await apiKeyFor(runtime, ['integration'])).authorization;
    await deployDirectly(runtime, 'transaction-velocity');
  } finally {
    await runtime.close();
  }
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 during a burst of decisions', () => {
  it(`loses no acknowledged decision over ${CYCLES} crashes, and the audit chain verifies`, async () => {
    const acknowledged = new Map<string, string>();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const { child, url } = await serve();
      const exited = new Promise((done) => child.on('exit', done));
      let i = 0;
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const body = event(cycle, i++);
          try {
            const res = await fetch(`${url}/api/v1/decisions`, {
              method: 'POST',
              headers: { authorization, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            const text = await res.text();
            if (res.status === 200) acknowledged.set(body.id, text);
          } catch {
            // The connection died with the process: not acknowledged.
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 600)));
      child.kill('SIGKILL');
      await exited;
      stop = true;
      await Promise.all(workers);
    }
    expect(acknowledged.size).toBeGreaterThan(CYCLES);

    const store = await openStore(db);
    try {
      const rows = await store.db.selectFrom('decision').select(['id', 'event_id', 'response']).execute();
      const byEvent = new Map(rows.map((r) => [r.event_id, r]));
      const audited = new Set(
        (
          await store.db
            .selectFrom('audit_log')
            .select('target_id')
            .where('action', '=', 'decision.create')
            .execute()
        ).map((r) => r.target_id),
      );
      const missing: string[] = [];
      for (const [eventId, text] of acknowledged) {
        const row = byEvent.get(eventId);
        if (!row || row.response !== text || !audited.has(row.id)) missing.push(eventId);
      }
      expect(missing).toEqual([]);
      const report = await new AuditLog({
        db: store.db,
        dialect: store.dialect,
        clock: systemClock,
      }).verify();
      expect(report.intact).toBe(true);
    } finally {
      await store.close();
    }
  }, 600_000);
});
