import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { ManualClock } from '../../kernel/clock.js';
import type { Dialect } from '../../store/database.js';
import { transact } from '../../store/transaction.js';
import { type AuditInput, AuditLog } from './service.js';

const input = (i: number): AuditInput => ({
  actor: { type: 'api_key', id: `k-${i % 3}` },
  action: 'decision.create',
  target: { type: 'decision', id: `D-${i}` },
  payload: { outcome: i % 2 ? 'approve' : 'review', i },
});

describeEachDialect('AuditLog.appendMany (group commit)', (dialect: Dialect) => {
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
});
