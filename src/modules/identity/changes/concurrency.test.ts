import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import {
  approvers,
  auditCount,
  CHECKER,
  codeOf,
  type Harness,
  harness,
  MAKER,
  settingValue,
  writeSetting,
} from './fixtures.js';
import type { ChangeKind } from './registry.js';
import { settingChangeKind } from './setting-change.js';

const APPROVALS = 50;

/**
 * `setting.change` that also counts its applications in a setting of its own, so that a second
 * application would show even where it writes the same value again.
 */
function countedSettingKind(): ChangeKind {
  const base = settingChangeKind() as ChangeKind;
  return {
    ...base,
    kind: 'test.counted_setting',
    async apply(trx, change, approver) {
      const row = await trx
        .selectFrom('setting')
        .select('value')
        .where('key', '=', 'applications')
        .executeTakeFirst();
      await trx
        .insertInto('setting')
        .values({
          key: 'applications',
          value: String(Number(row?.value ?? 0) + 1),
          updated_at: change.decided_at,
        })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({ value: String(Number(row?.value ?? 0) + 1), updated_at: change.decided_at }),
        )
        .execute();
      return base.apply(trx, change, approver);
    },
  };
}

describeEachDialect('four-eyes under concurrency', (dialect) => {
  let t: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = harness(t.store, [countedSettingKind()]);
    await writeSetting(h.db, 'credit.max_amount', '50000');
  });
  afterEach(() => t?.drop());

  const submit = () =>
    h.service.submit(MAKER, {
      kind: 'test.counted_setting',
      target: { type: 'setting', id: 'credit.max_amount' },
      content: { value: '80000' },
      reason: 'raise the single-loan limit',
    });

  async function expectExactlyOneApplied(id: string, results: PromiseSettledResult<unknown>[]) {
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'fulfilled')).toHaveLength(1);
    expect(codes.filter((c) => c === 'FK_ERR_CHANGE_NOT_PENDING')).toHaveLength(APPROVALS - 1);
    expect(await settingValue(h.db, 'credit.max_amount')).toBe('80000');
    expect(await settingValue(h.db, 'applications')).toBe('1');
    expect((await h.service.get(id)).status).toBe('applied');
    expect(await auditCount(h.audit, 'change.approve', 'success')).toBe(1);
    expect(await auditCount(h.audit, 'change.apply', 'success')).toBe(1);
    expect(await auditCount(h.audit, 'change.approve', 'denied')).toBe(APPROVALS - 1);
    expect((await h.audit.verify()).intact).toBe(true);
  }

  it(`applies a change once when ${APPROVALS} different approvers approve it at the same moment`, async () => {
    const change = await submit();
    const people = approvers(APPROVALS);
    const results = await Promise.allSettled(
      people.map((p, i) => h.service.approve(p, change.id, `ok ${i}`)),
    );
    await expectExactlyOneApplied(change.id, results);
    const winner = people[results.findIndex((r) => r.status === 'fulfilled')]!;
    expect((await h.service.get(change.id)).decided_by).toEqual(winner.actor);
  });

  it(`applies a change once when one approver sends the approval ${APPROVALS} times at once`, async () => {
    const change = await submit();
    const results = await Promise.allSettled(
      Array.from({ length: APPROVALS }, () => h.service.approve(CHECKER, change.id)),
    );
    await expectExactlyOneApplied(change.id, results);
  });

  it('lets exactly one of a concurrent approval, rejection and withdrawal win', async () => {
    for (let round = 0; round < 5; round++) {
      await writeSetting(h.db, 'credit.max_amount', '50000');
      const change = await submit();
      const results = await Promise.allSettled([
        h.service.approve(CHECKER, change.id),
        h.service.reject(approvers(1)[0]!, change.id, 'too high'),
        h.service.withdraw(MAKER, change.id),
      ]);
      const codes = results.map(codeOf);
      expect(codes.filter((c) => c === 'fulfilled')).toHaveLength(1);
      expect(codes.filter((c) => c === 'FK_ERR_CHANGE_NOT_PENDING')).toHaveLength(2);
      const status = (await h.service.get(change.id)).status;
      const applied = status === 'applied';
      expect(await settingValue(h.db, 'credit.max_amount')).toBe(applied ? '80000' : '50000');
    }
  });
});
