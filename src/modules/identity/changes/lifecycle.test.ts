import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { FkError } from '../../../kernel/errors.js';
import {
  auditCount,
  CHECKER,
  caller,
  type Harness,
  harness,
  MAKER,
  settingValue,
  writeSetting,
} from './fixtures.js';
import type { ChangeKind } from './registry.js';
import { ChangeService } from './service.js';
import { settingChangeKind } from './setting-change.js';

const DAY = 24 * 3600 * 1000;

/** `setting.change` whose apply writes the setting and then fails: the write must not survive. */
const explodingKind: ChangeKind = {
  ...(settingChangeKind() as ChangeKind),
  kind: 'test.exploding',
  async apply(trx, change) {
    await trx
      .insertInto('setting')
      .values({ key: change.target.id, value: 'half-done', updated_at: change.decided_at })
      .execute();
    throw new Error('downstream system unavailable');
  },
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error instanceof FkError ? error.code : (error as Error).message;
}

/**
 * `setting.change` whose target is overwritten right after the service took its fingerprint at
 * approval: the race the kind's conditional write exists for.
 */
function racedKind(): ChangeKind {
  const base = settingChangeKind() as ChangeKind;
  let calls = 0;
  return {
    ...base,
    kind: 'test.raced',
    async fingerprint(db, target) {
      const fingerprint = await base.fingerprint(db, target);
      if (++calls === 2)
        await db.updateTable('setting').set({ value: 'sneaked in' }).where('key', '=', target.id).execute();
      return fingerprint;
    },
  };
}

describeEachDialect('four-eyes lifecycle', (dialect) => {
  let t: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = harness(t.store, [explodingKind, racedKind()]);
  });
  afterEach(() => t?.drop());

  const submit = (key = 'session.idle_minutes', kind = 'setting.change') =>
    h.service.submit(MAKER, {
      kind,
      target: { type: 'setting', id: key },
      content: { value: '10' },
      reason: 'shorter idle sessions',
    });

  it('rejects with the approver’s reason; the change is never applied', async () => {
    const change = await submit();
    expect(await codeOf(h.service.reject(CHECKER, change.id, '   '))).toBe('FK_ERR_CHANGE_INVALID');
    const rejected = await h.service.reject(CHECKER, change.id, 'PCI DSS asks for 15 minutes');
    expect(rejected).toMatchObject({
      status: 'rejected',
      decided_by: CHECKER.actor,
      decision_comment: 'PCI DSS asks for 15 minutes',
      decided_at: '2026-03-01T08:00:00.000Z',
    });
    expect(await settingValue(h.db, 'session.idle_minutes')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.reject')).toBe(1);
    expect(await codeOf(h.service.reject(CHECKER, change.id, 'again'))).toBe('FK_ERR_CHANGE_NOT_PENDING');
  });

  it('lets only the maker withdraw a pending change', async () => {
    const change = await submit();
    expect(await codeOf(h.service.withdraw(CHECKER, change.id))).toBe('FK_ERR_CHANGE_NOT_MAKER');
    const withdrawn = await h.service.withdraw(MAKER, change.id, 'superseded');
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      decided_by: MAKER.actor,
      decision_comment: 'superseded',
    });
    expect(await codeOf(h.service.withdraw(MAKER, change.id))).toBe('FK_ERR_CHANGE_NOT_PENDING');
    expect(await auditCount(h.audit, 'change.withdraw', 'success')).toBe(1);
    expect(await auditCount(h.audit, 'change.withdraw', 'denied')).toBe(2);
  });

  it('expires pending changes after seven days: the sweep records it, and nobody can decide them', async () => {
    const change = await submit();
    const decided = await submit('other.key');
    await h.service.withdraw(MAKER, decided.id);
    h.clock.advance(7 * DAY - 1);
    expect(await h.service.expire()).toEqual([]);
    expect((await h.service.get(change.id)).status).toBe('pending');
    h.clock.advance(1);
    // Readers see it expired before the sweep has run.
    expect((await h.service.get(change.id)).status).toBe('expired');
    expect(await h.service.expire()).toEqual([change.id]);
    expect(await h.service.expire()).toEqual([]);
    expect(await h.service.get(change.id)).toMatchObject({
      status: 'expired',
      decided_by: { type: 'system' },
    });
    expect(await codeOf(h.service.approve(CHECKER, change.id))).toBe('FK_ERR_CHANGE_NOT_PENDING');
    expect(await auditCount(h.audit, 'change.expire')).toBe(1);
    expect((await h.service.get(decided.id)).status).toBe('withdrawn');
  });

  it('refuses to decide an overdue change the sweep has not reached, and records its expiry', async () => {
    const change = await submit();
    h.clock.advance(8 * DAY);
    expect(await codeOf(h.service.approve(CHECKER, change.id))).toBe('FK_ERR_CHANGE_EXPIRED');
    expect(await settingValue(h.db, 'session.idle_minutes')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.expire')).toBe(1);
    expect(await h.service.expire()).toEqual([]);
  });

  it('takes the expiry from the service configuration', async () => {
    const service = new ChangeService({
      db: t.store.db,
      clock: h.clock,
      audit: h.audit,
      kinds: h.kinds,
      ttlMs: DAY,
    });
    const change = await service.submit(MAKER, {
      kind: 'setting.change',
      target: { type: 'setting', id: 'k' },
      content: { value: 'v' },
      reason: 'r',
    });
    expect(change.expires_at).toBe('2026-03-02T08:00:00.000Z');
  });

  it('rolls the approval back when applying fails: the change stays pending and nothing is written', async () => {
    const change = await submit('risk.mode', 'test.exploding');
    expect(await codeOf(h.service.approve(CHECKER, change.id))).toBe('downstream system unavailable');
    expect(await h.service.get(change.id)).toMatchObject({ status: 'pending', decided_by: null });
    expect(await settingValue(h.db, 'risk.mode')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.approve')).toBe(0);
    expect(await auditCount(h.audit, 'change.apply', 'failure')).toBe(1);
    // Still decidable: a rejection goes through.
    expect((await h.service.reject(CHECKER, change.id, 'integration broken')).status).toBe('rejected');
  });

  it('closes a change as stale when its target changes between the check and the write', async () => {
    await writeSetting(h.db, 'risk.mode', 'strict');
    const change = await submit('risk.mode', 'test.raced');
    expect(await codeOf(h.service.approve(CHECKER, change.id))).toBe('FK_ERR_CHANGE_STALE');
    expect(await settingValue(h.db, 'risk.mode')).toBe('strict');
    expect(await h.service.get(change.id)).toMatchObject({ status: 'stale', decided_by: CHECKER.actor });
    expect(await auditCount(h.audit, 'change.stale')).toBe(1);
    expect(await auditCount(h.audit, 'change.apply', 'failure')).toBe(1);
    expect(await auditCount(h.audit, 'change.apply', 'success')).toBe(0);
  });

  it('lists changes newest first, filtered by status, kind, target and maker, in pages', async () => {
    const ids: string[] = [];
    for (const key of ['a', 'b', 'c', 'd']) {
      ids.push((await submit(key)).id);
      h.clock.advance(1000);
    }
    await h.service.reject(CHECKER, ids[1]!, 'no');
    const all = await h.service.list({ limit: 10 });
    expect(all.map((c) => c.id)).toEqual([...ids].reverse());
    expect((await h.service.list({ status: 'pending', limit: 10 })).map((c) => c.target.id)).toEqual([
      'd',
      'c',
      'a',
    ]);
    expect((await h.service.list({ status: 'rejected', limit: 10 })).map((c) => c.id)).toEqual([ids[1]]);
    expect(await h.service.list({ targetType: 'setting', targetId: 'c', limit: 10 })).toHaveLength(1);
    expect(await h.service.list({ makerId: 'someone-else', limit: 10 })).toEqual([]);
    expect(await h.service.list({ kind: 'setting.change', limit: 10 })).toHaveLength(4);
    const page1 = await h.service.list({ limit: 2 });
    const page2 = await h.service.list({ limit: 2, beforeId: page1.at(-1)!.id });
    expect([...page1, ...page2].map((c) => c.id)).toEqual([...ids].reverse());
    h.clock.advance(8 * DAY);
    expect(await h.service.list({ status: 'pending', limit: 10 })).toEqual([]);
    expect(await h.service.list({ status: 'expired', limit: 10 })).toHaveLength(3);
  });

  it('keeps one unbroken audit chain across every kind of decision', async () => {
    const a = await submit('a');
    const b = await submit('b');
    const c = await submit('c');
    await h.service.approve(caller('u-x', ['change:approve']), a.id);
    await h.service.reject(CHECKER, b.id, 'no');
    await h.service.withdraw(MAKER, c.id);
    await codeOf(h.service.approve(MAKER, a.id));
    const report = await h.audit.verify();
    expect(report).toMatchObject({ intact: true, entries: 3 + 2 + 1 + 1 + 1 });
  });
});
