/**
 * Test fixtures for backup and restore: a seeded database and a concurrent write load. Kept beside
 * the tests that share them (the test folders are owned elsewhere); imported by tests only.
 */
import { PassThrough, Writable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CliIo } from '../../cli/io.js';
import { ManualClock } from '../../kernel/clock.js';
import { AuditLog, SYSTEM_ACTOR } from '../../modules/audit/index.js';
import type { Store } from '../database.js';
import { transact } from '../transaction.js';

/** How much to seed. */
export interface SeedSize {
  readonly entries: number;
  readonly settings?: number;
  readonly outbox?: number;
}

/** An audit log over `store` with a clock the caller controls. */
export function auditOf(store: Store, clock = new ManualClock()): AuditLog {
  return new AuditLog({ db: store.db, dialect: store.dialect, clock });
}

/**
 * Fills `store` with audit entries (appended through `AuditLog.append` inside transactions, with a
 * moving clock), a checkpoint, settings whose keys sort differently under byte order and under
 * linguistic collations, JSON payloads with non-ASCII text, decimal strings and NULLs.
 */
export async function seed(store: Store, size: SeedSize): Promise<void> {
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  const audit = auditOf(store, clock);
  const per = 100;
  for (let i = 0; i < size.entries; i += per) {
    await transact(store.db, async (trx) => {
      for (let j = i; j < Math.min(size.entries, i + per); j++) {
        clock.advance(1500);
        await audit.append(trx, {
          actor: j % 3 === 0 ? SYSTEM_ACTOR : { type: 'user', id: `analyst-${j % 7}` },
          action: j % 2 === 0 ? 'loan.review' : 'kri.breach',
          target: { type: 'loan', id: `L-${j}` },
          payload: { amount: `${j}.25`, note: `复核 #${j} ✓`, flags: [j % 2 === 0, null] },
        });
      }
    });
    if (i === 0 && size.entries > 0) await audit.checkpoint();
  }
  const keys = ['Zeta', 'alpha', 'Beta', 'beta', 'é-accent', '中文-名称', 'a-b', 'a_b', 'ab'];
  await transact(store.db, async (trx) => {
    for (let i = 0; i < (size.settings ?? 20); i++) {
      const key = `${keys[i % keys.length]}-${String(i).padStart(3, '0')}`;
      await trx
        .insertInto('setting')
        .values({
          key,
          value: JSON.stringify({ limit: `${i}000.00`, name: `工作区 ${i}` }),
          updated_at: '2026-03-01T08:00:00.000Z',
        })
        .execute();
    }
    for (let i = 0; i < (size.outbox ?? 30); i++) {
      await trx
        .insertInto('outbox')
        .values({
          id: `${i % 2 === 0 ? 'M' : 'm'}-${String(i).padStart(5, '0')}`,
          topic: 'decision.made',
          message_key: `loan-${i}`,
          payload: JSON.stringify({ outcome: i % 3 === 0 ? 'reject' : 'approve', score: i }),
          created_at: '2026-03-01T08:00:00.000Z',
          published_at: i % 4 === 0 ? null : '2026-03-01T08:00:01.000Z',
          attempts: i % 5,
        })
        .execute();
    }
  });
}

/** A loop appending audit entries through its own store until stopped. */
export interface WriteLoad {
  /** Entries appended so far. */
  readonly written: () => number;
  /** Stops the loop and resolves with the number of entries appended; rejects if a write failed. */
  stop(): Promise<number>;
}

/**
 * Starts appending audit entries to `store`, one transaction each. It yields to the event loop
 * between writes so that, in one process, the backup's own I/O keeps running beside it.
 */
export function startWriteLoad(store: Store): WriteLoad {
  const audit = auditOf(store, new ManualClock('2026-04-01T00:00:00.000Z'));
  let stopped = false;
  let count = 0;
  const loop = (async () => {
    while (!stopped) {
      await audit.record({
        actor: { type: 'api_key', id: 'lending-core' },
        action: 'decision.made',
        target: { type: 'event', id: `E-${count}` },
        payload: { n: count },
      });
      count++;
      await yieldToLoop();
    }
    return count;
  })();
  return {
    written: () => count,
    stop() {
      stopped = true;
      return loop;
    },
  };
}

/** A `CliIo` whose output is captured, for `runCli` tests. */
export function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { out(): string; err(): string } {
  let out = '';
  let err = '';
  // Writable calls write() synchronously, so the text is there as soon as the command returns.
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString('utf8');
      done();
    },
  });
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      err += chunk.toString('utf8');
      done();
    },
  });
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { FENGKONG_LOG_LEVEL: 'silent', ...env },
    out: () => out,
    err: () => err,
  };
}
