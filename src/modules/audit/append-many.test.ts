import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { ManualClock } from '../../kernel/clock.js';
import type { Dialect } from '../../store/database.js';
import { transact } from '../../store/transaction.js';
import { AuditBatch, type AuditInput, AuditLog } from './service.js';

const input = (i: number): AuditInput => ({
  actor: { type: 'api_key', id: `k-${i % 3}` },
  action: 'decision.create',
  target: { type: 'decision', id: `D-${i}` },
  payload: { outcome: i % 2 ? 'approve' : 'review', i },
});

describeEachDialect('AuditLog.appendMany and AuditBatch (group commit)', (dialect: Dialect) => {
  let t: TestDatabase;
  let audit: AuditLog;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    audit = new AuditLog({ db: t.store.db, dialect, clock: new ManualClock('2026-03-01T08:00:00.000Z') });
  });
  afterEach(async () => {
    await t.drop();
  });

  it('chains a batch exactly as the same number of single appends would', async () => {
    await audit.record(input(0));
    const batch = await transact(t.store.db, (trx) =>
      audit.appendMany(
        trx,
        Array.from({ length: 1203 }, (_, i) => input(i + 1)),
      ),
    );
    await audit.record(input(1204));
    expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: 1203 }, (_, i) => i + 2));
    const report = await audit.verify();
    expect(report).toMatchObject({ intact: true, entries: 1205 });

    // The same inputs appended one by one into a fresh database give the same hashes.
    const other = await createTestDatabase(dialect);
    try {
      const single = new AuditLog({
        db: other.store.db,
        dialect,
        clock: new ManualClock('2026-03-01T08:00:00.000Z'),
      });
      let last = '';
      for (let i = 0; i <= 1203; i++) last = (await single.record(input(i))).hash;
      expect(last).toBe(batch.at(-1)?.hash);
    } finally {
      await other.drop();
    }
  });

  it('appends nothing for an empty batch', async () => {
    expect(await transact(t.store.db, (trx) => audit.appendMany(trx, []))).toEqual([]);
    expect((await audit.verify()).entries).toBe(0);
  });

  it('appends what it gathered, in order, when flushed in the transaction', async () => {
    await audit.record(input(0));
    await transact(t.store.db, async (trx) => {
      const batch = new AuditBatch(audit);
      for (let i = 1; i <= 5; i++) await batch.append(trx, input(i));
      // Nothing is written before the flush.
      expect(await trx.selectFrom('audit_log').select('seq').execute()).toEqual([{ seq: 1 }]);
      await batch.flush(trx);
    });
    const written = (await audit.list({ limit: 10 })).reverse();
    expect(written.map((e) => [e.seq, e.target.id])).toEqual([
      [1, 'D-0'],
      [2, 'D-1'],
      [3, 'D-2'],
      [4, 'D-3'],
      [5, 'D-4'],
      [6, 'D-5'],
    ]);
    expect(await audit.verify()).toMatchObject({ intact: true, entries: 6 });
  });

  it('refuses an entry outside a transaction', async () => {
    await expect(new AuditBatch(audit).append(t.store.db, input(1))).rejects.toThrow(/inside a transaction/);
  });
});
