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
  READER,
  settingValue,
  writeSetting,
} from './fixtures.js';
import type { ChangeKind } from './registry.js';

/** A kind approved with `policy:approve`, to show that the kind's permission is the one that counts. */
const policyKind: ChangeKind = {
  kind: 'test.policy_publish',
  targetType: 'policy',
  submitPermission: 'change:submit',
  approvePermission: 'policy:approve',
  title: { en: 'Publish a policy', zh: '发布策略' },
  validate: () => [],
  describe: ({ target }) => ({ en: `Publish ${target.id}`, zh: `发布 ${target.id}` }),
  fingerprint: async () => 'v1',
  apply: async () => ({ published: true }),
};

/** A kind that only risk officers with `policy:write` may submit. */
const writerOnlyKind: ChangeKind = {
  ...policyKind,
  kind: 'test.writer_only',
  submitPermission: 'policy:write',
};

async function refusal(promise: Promise<unknown>): Promise<FkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FkError);
  return error as FkError;
}

describeEachDialect('four-eyes approvals', (dialect) => {
  let t: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = harness(t.store, [policyKind, writerOnlyKind]);
  });
  afterEach(() => t?.drop());

  const submitSetting = (value = 'true', key = 'mfa.required') =>
    h.service.submit(MAKER, {
      kind: 'setting.change',
      target: { type: 'setting', id: key },
      content: { value },
      reason: 'MLPS 2.0 asks for MFA everywhere',
    });

  it('records a submission with its fingerprint and expiry, and applies nothing', async () => {
    const change = await submitSetting();
    expect(change).toMatchObject({
      kind: 'setting.change',
      status: 'pending',
      maker: MAKER.actor,
      fingerprint: 'absent',
      submitted_at: '2026-03-01T08:00:00.000Z',
      expires_at: '2026-03-08T08:00:00.000Z',
      decided_by: null,
      result: null,
      summary: { en: 'Set mfa.required to "true"', zh: '将设置 mfa.required 修改为 "true"' },
    });
    expect(await settingValue(h.db, 'mfa.required')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.submit')).toBe(1);
    expect(await auditCount(h.audit, 'change.apply')).toBe(0);
  });

  it('applies the change when a second person approves it, with one approval and one apply entry', async () => {
    await writeSetting(h.db, 'mfa.required', 'false');
    const submitted = await submitSetting('true');
    const applied = await h.service.approve(CHECKER, submitted.id, 'checked with compliance');
    expect(applied).toMatchObject({
      status: 'applied',
      decided_by: CHECKER.actor,
      decision_comment: 'checked with compliance',
      result: { key: 'mfa.required', previous: 'false', value: 'true' },
    });
    expect(await settingValue(h.db, 'mfa.required')).toBe('true');
    expect(await h.service.get(submitted.id)).toEqual(applied);
    expect(await auditCount(h.audit, 'change.approve', 'success')).toBe(1);
    const [apply] = await h.audit.list({ action: 'change.apply', limit: 10 });
    expect(apply).toMatchObject({ actor: CHECKER.actor, target: { type: 'setting', id: 'mfa.required' } });
    expect((await h.audit.verify()).intact).toBe(true);
  });

  it('refuses self-approval, even by a maker who holds the approving permission', async () => {
    const both = caller(MAKER.actor.id, ['change:submit', 'change:read', 'change:approve']);
    const change = await submitSetting();
    const error = await refusal(h.service.approve(both, change.id));
    expect(error).toMatchObject({ code: 'FK_ERR_CHANGE_SELF_APPROVAL', status: 403 });
    expect(error.title.zh).toContain('双人复核');
    expect((await refusal(h.service.reject(both, change.id, 'no'))).code).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
    expect((await h.service.get(change.id)).status).toBe('pending');
    expect(await settingValue(h.db, 'mfa.required')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.approve', 'denied')).toBe(1);
  });

  it('refuses approval by people without the kind’s approving permission', async () => {
    const setting = await submitSetting();
    expect(await refusal(h.service.approve(READER, setting.id))).toMatchObject({
      code: 'FK_ERR_CHANGE_FORBIDDEN',
      status: 403,
    });
    const policy = await h.service.submit(MAKER, {
      kind: 'test.policy_publish',
      target: { type: 'policy', id: 'p-1' },
      content: {},
      reason: 'new rules',
    });
    // change:approve is not enough for a kind that asks for policy:approve.
    const settingsOnly = caller('u-settings-approver', ['change:read', 'change:approve']);
    expect((await refusal(h.service.approve(settingsOnly, policy.id))).code).toBe('FK_ERR_CHANGE_FORBIDDEN');
    expect((await h.service.approve(CHECKER, policy.id)).status).toBe('applied');
    expect((await h.service.get(setting.id)).status).toBe('pending');
    expect(await auditCount(h.audit, 'change.approve', 'denied')).toBe(2);
  });

  it('refuses approval by an API key: a key is not a second person', async () => {
    const key = caller('k-1', ['change:read', 'change:approve'], 'api_key');
    const change = await submitSetting();
    expect((await refusal(h.service.approve(key, change.id))).code).toBe('FK_ERR_CHANGE_APPROVER_NOT_PERSON');
    expect((await h.service.get(change.id)).status).toBe('pending');
  });

  it('refuses a stale approval when the target changed after submission, and marks the change stale', async () => {
    await writeSetting(h.db, 'mfa.required', 'false');
    const change = await submitSetting('true');
    await writeSetting(h.db, 'mfa.required', 'sometimes');
    expect(await refusal(h.service.approve(CHECKER, change.id))).toMatchObject({
      code: 'FK_ERR_CHANGE_STALE',
      status: 409,
    });
    expect(await settingValue(h.db, 'mfa.required')).toBe('sometimes');
    expect(await h.service.get(change.id)).toMatchObject({ status: 'stale', decided_by: CHECKER.actor });
    expect(await auditCount(h.audit, 'change.stale')).toBe(1);
    expect(await auditCount(h.audit, 'change.apply')).toBe(0);
    expect((await refusal(h.service.approve(CHECKER, change.id))).code).toBe('FK_ERR_CHANGE_NOT_PENDING');
  });

  it('makes a second change to the same target stale once the first is applied', async () => {
    const first = await submitSetting('true');
    const second = await submitSetting('false');
    await h.service.approve(CHECKER, first.id);
    expect((await refusal(h.service.approve(CHECKER, second.id))).code).toBe('FK_ERR_CHANGE_STALE');
    expect(await settingValue(h.db, 'mfa.required')).toBe('true');
  });

  it('refuses double approval, and approval after rejection or withdrawal', async () => {
    const approved = await submitSetting('1', 'a');
    await h.service.approve(CHECKER, approved.id);
    const again = await refusal(h.service.approve(caller('u-second', ['change:approve']), approved.id));
    expect(again).toMatchObject({ code: 'FK_ERR_CHANGE_NOT_PENDING', status: 409 });
    expect(again.message).toContain('applied');

    const rejected = await submitSetting('1', 'b');
    await h.service.reject(CHECKER, rejected.id, 'not now');
    expect((await refusal(h.service.approve(CHECKER, rejected.id))).code).toBe('FK_ERR_CHANGE_NOT_PENDING');

    const withdrawn = await submitSetting('1', 'c');
    await h.service.withdraw(MAKER, withdrawn.id);
    expect((await refusal(h.service.approve(CHECKER, withdrawn.id))).code).toBe('FK_ERR_CHANGE_NOT_PENDING');
    expect(await settingValue(h.db, 'b')).toBeUndefined();
    expect(await settingValue(h.db, 'c')).toBeUndefined();
    expect(await auditCount(h.audit, 'change.apply')).toBe(1);
  });

  it('refuses unknown kinds, content the kind rejects and submitters without the kind’s permission', async () => {
    const submit = (kind: string, target: { type: string; id: string }, content: unknown, who = MAKER) =>
      refusal(h.service.submit(who, { kind, target, content, reason: 'r' }));
    expect(await submit('policy.nonsense', { type: 'policy', id: 'x' }, {})).toMatchObject({
      code: 'FK_ERR_CHANGE_KIND_UNKNOWN',
      status: 400,
    });
    const invalid = await submit(
      'setting.change',
      { type: 'user', id: 'workspace' },
      { value: 1, role: 'admin' },
    );
    expect(invalid.code).toBe('FK_ERR_CHANGE_INVALID');
    expect(invalid.fields.map((f) => f.path)).toEqual([
      'body.target.type',
      'body.target.id',
      'body.content',
      'body.content.value',
    ]);
    expect((await submit('test.writer_only', { type: 'policy', id: 'p' }, {})).code).toBe(
      'FK_ERR_CHANGE_FORBIDDEN',
    );
    expect(await auditCount(h.audit, 'change.submit', 'denied')).toBe(1);
    expect(await h.service.list({ limit: 10 })).toEqual([]);
  });
});
