import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import {
  APPROVER,
  codeOf,
  everyStoredText,
  type ListHarness,
  listHarness,
  OFFICER,
  person,
} from './fixtures.js';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');

describeEachDialect('four eyes on protected lists', (dialect) => {
  let t: TestDatabase;
  let h: ListHarness;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = await listHarness(t.store);
    await h.service.create(
      {
        name: 'blacklist_id',
        kind: 'id_number',
        purpose: 'block',
        protected: true,
        description: { zh: '身份证黑名单' },
      },
      OFFICER.actor,
    );
  });
  afterEach(async () => {
    h?.snapshots.stop();
    await t?.drop();
  });

  const hashOf = (raw: string) => {
    const r = h.hasher.hash('id_number', raw);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('applies hashed entries only once another person approves; the maker cannot', async () => {
    const change = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'add',
      reason: 'fraud ring uncovered by case 2026-017',
      entries: [
        { value: '11010519491231002x' },
        { value: '440524188001010014', reason: 'mule', expires_at: '2027-01-01T00:00:00Z' },
      ],
    });
    expect(change).toMatchObject({
      kind: 'list.change',
      status: 'pending',
      fingerprint: '1',
      target: { type: 'risk_list', id: 'blacklist_id' },
    });
    expect(change.content).toEqual({
      op: 'add',
      list_kind: 'id_number',
      source: 'manual',
      entries: [
        {
          value: hashOf('11010519491231002X'),
          display: '110***********002X',
          reason: 'fraud ring uncovered by case 2026-017',
          expires_at: null,
        },
        {
          value: hashOf('440524188001010014'),
          display: '440***********0014',
          reason: 'mule',
          expires_at: '2027-01-01T00:00:00.000Z',
        },
      ],
    });
    expect(change.summary.en).toBe(
      'Add 2 entries to list blacklist_id: 110***********002X, 440***********0014',
    );
    expect((await h.service.get('blacklist_id')).entries).toBe(0);

    expect(await codeOf(h.changes.approve(OFFICER, change.id))).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
    const reader = person('u-reader', ['list:read', 'change:read']);
    expect(await codeOf(h.changes.approve(reader, change.id))).toBe('FK_ERR_CHANGE_FORBIDDEN');

    const applied = await h.changes.approve(APPROVER, change.id, 'checked against the case file');
    expect(applied).toMatchObject({
      status: 'applied',
      result: { op: 'add', added: 2, updated: 0, version: 2 },
    });
    const page = await h.service.entries('blacklist_id', { limit: 10 });
    expect(page.items.map((e) => e.created_by)).toEqual([OFFICER.actor, OFFICER.actor]);
    await h.settle();
    expect(h.snapshots.inList('blacklist_id', hashOf('11010519491231002X'), NOW)).toBe(true);
    const stored = await everyStoredText(h.db);
    expect(stored).not.toContain('11010519491231002X');
    expect(stored).not.toContain('440524188001010014');
  });

  it('refuses a submission with a bad value or a refused CSV row, and stores nothing', async () => {
    const bad = await h.service
      .submitChange(OFFICER, 'blacklist_id', {
        op: 'add',
        reason: 'r',
        entries: [{ value: '11010519491231002X' }, { value: '110105194912310021' }],
      })
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({
      code: 'FK_ERR_LIST_VALUE_INVALID',
      fields: [{ path: 'body.entries.1.value' }],
    });
    const csv = 'value,reason\n11010519491231002X,fraud\nnot-an-id,fraud\n';
    const refused = await h.service
      .submitChange(OFFICER, 'blacklist_id', { op: 'import', reason: 'r', csv })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'FK_ERR_LIST_IMPORT_INVALID',
      fields: [{ path: 'row 2 (line 3)' }],
    });
    expect(
      await codeOf(
        h.service.submitChange(OFFICER, 'blacklist_id', {
          op: 'remove',
          reason: 'r',
          entries: [{ value: '11010519491231002X' }],
        }),
      ),
    ).toBe('FK_ERR_LIST_VALUE_INVALID');
    expect(await h.changes.list({ limit: 10 })).toEqual([]);
  });

  it('refuses through the generic change route any content that is not in stored form', async () => {
    const submit = (value: string, list_kind = 'id_number') =>
      h.changes.submit(OFFICER, {
        kind: 'list.change',
        target: { type: 'risk_list', id: 'blacklist_id' },
        content: {
          op: 'add',
          list_kind,
          source: 'manual',
          entries: [{ value, display: 'x', reason: 'r', expires_at: null }],
        },
        reason: 'sneaking a clear id in',
      });
    expect(await codeOf(submit('11010519491231002X'))).toBe('FK_ERR_CHANGE_INVALID');
    expect(await codeOf(submit('10.1.2.3/8', 'ip'))).toBe('FK_ERR_CHANGE_INVALID');
    const noPermission = person('u-analyst', ['change:submit', 'list:read']);
    expect(
      await codeOf(
        h.service.submitChange(noPermission, 'blacklist_id', {
          op: 'add',
          reason: 'r',
          entries: [{ value: '11010519491231002X' }],
        }),
      ),
    ).toBe('FK_ERR_CHANGE_FORBIDDEN');
    // Declared as a string list but aimed at an id_number list: applying it finds the kinds differ.
    const sneaky = await submit('plain-value', 'string');
    expect(await codeOf(h.changes.approve(APPROVER, sneaky.id))).toBe('FK_ERR_CHANGE_STALE');
    expect((await h.service.get('blacklist_id')).entries).toBe(0);
  });

  it('closes a change as stale when the list changed after it was submitted', async () => {
    const first = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'add',
      reason: 'one',
      entries: [{ value: '11010519491231002X' }],
    });
    const second = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'add',
      reason: 'two',
      entries: [{ value: '440524188001010014' }],
    });
    await h.changes.approve(APPROVER, first.id);
    expect(await codeOf(h.changes.approve(APPROVER, second.id))).toBe('FK_ERR_CHANGE_STALE');
    expect((await h.changes.get(second.id)).status).toBe('stale');
    expect((await h.service.get('blacklist_id')).entries).toBe(1);
  });

  it('imports and removes through four eyes, reporting what was done', async () => {
    const csv =
      'value,reason,expires_at\n11010519491231002X,court,\n440524188001010014,court,2027-01-01T00:00:00+08:00\n';
    const imported = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'import',
      reason: 'court list',
      csv,
      source: 'court',
    });
    expect(imported.summary.zh).toContain('导入名单 blacklist_id 的 2 个条目');
    await h.changes.approve(APPROVER, imported.id);
    const page = await h.service.entries('blacklist_id', { limit: 10 });
    expect(page.items.map((e) => e.source)).toEqual(['court', 'court']);
    const removal = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'remove',
      reason: 'appeal upheld',
      entries: [{ value: hashOf('440524188001010014') }],
    });
    expect(removal.content).toMatchObject({ op: 'remove', entries: [{ display: '440***********0014' }] });
    const applied = await h.changes.approve(APPROVER, removal.id);
    expect(applied.result).toMatchObject({ op: 'remove', removed: 1, absent: 0, version: 3 });
    await h.settle();
    expect(h.snapshots.inList('blacklist_id', hashOf('440524188001010014'), NOW)).toBe(false);
    expect(h.snapshots.inList('blacklist_id', hashOf('11010519491231002X'), NOW)).toBe(true);
  });

  it('takes entries proposed by a person who may only propose, but never the lifting of a protection', async () => {
    const proposer = person('u-proposer', ['change:submit', 'list:read', 'list:propose']);
    const change = await h.service.submitChange(proposer, 'blacklist_id', {
      op: 'add',
      reason: 'identity used by a confirmed fraud ring',
      entries: [{ value: '11010519491231002X' }],
    });
    await h.settle();
    expect(h.snapshots.inList('blacklist_id', hashOf('11010519491231002X'), NOW)).toBe(false);
    // A protected list takes no direct addition, from anyone.
    expect(
      await codeOf(
        h.service.add('blacklist_id', { value: '11010519491231002X', reason: 'r' }, proposer.actor),
      ),
    ).toBe('FK_ERR_LIST_PROTECTED');
    await h.changes.approve(APPROVER, change.id);
    await h.settle();
    expect(h.snapshots.inList('blacklist_id', hashOf('11010519491231002X'), NOW)).toBe(true);
    const refused = await h.service
      .submitChange(proposer, 'blacklist_id', { op: 'unprotect', reason: 'r' })
      .catch((e: unknown) => e as Error);
    expect(refused).toMatchObject({ code: 'FK_ERR_CHANGE_FORBIDDEN' });
    expect((refused as Error).message).toMatch(/you need the permission list:write$/);
  });

  it('lifts the protection only through an approved unprotect change', async () => {
    expect(await codeOf(h.service.update('blacklist_id', { protected: false }, OFFICER.actor))).toBe(
      'FK_ERR_LIST_PROTECTED',
    );
    const change = await h.service.submitChange(OFFICER, 'blacklist_id', {
      op: 'unprotect',
      reason: 'list retired',
    });
    expect(change.summary.en).toBe('Lift the four-eyes protection of list blacklist_id');
    expect(
      await codeOf(
        h.service.submitChange(OFFICER, 'blacklist_id', {
          op: 'unprotect',
          reason: 'r',
          entries: [{ value: 'x' }],
        }),
      ),
    ).toBe('FK_ERR_LIST_INVALID');
    await h.changes.approve(APPROVER, change.id);
    expect((await h.service.get('blacklist_id')).protected).toBe(false);
    expect(
      (
        await h.service.add(
          'blacklist_id',
          { value: '11010519491231002X', reason: 'now direct' },
          OFFICER.actor,
        )
      ).status,
    ).toBe('added');
    expect(
      await codeOf(h.service.submitChange(OFFICER, 'blacklist_id', { op: 'unprotect', reason: 'again' })),
    ).toBe('FK_ERR_LIST_INVALID');
  });
});

it('refuses a change to a list that does not exist', async () => {
  const t = await createTestDatabase('sqlite');
  const h = await listHarness(t.store);
  try {
    const error = await h.changes
      .submit(OFFICER, {
        kind: 'list.change',
        target: { type: 'risk_list', id: 'missing' },
        content: { op: 'unprotect', list_kind: 'ip', source: 'manual', entries: [] },
        reason: 'r',
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FK_ERR_CHANGE_TARGET_NOT_FOUND' });
  } finally {
    await t.drop();
  }
});

it('lists list:propose among the permissions that submit some list changes, and only what it accepts', async () => {
  const t = await createTestDatabase('sqlite');
  const h = await listHarness(t.store);
  try {
    const kind = h.changes.kinds.list().find((k) => k.kind === 'list.change');
    expect(kind?.contentSubmitPermissions).toEqual(['list:propose']);
    const declared = new Set([kind?.submitPermission, ...(kind?.contentSubmitPermissions ?? [])]);
    for (const op of ['add', 'remove', 'import', 'unprotect']) {
      for (const p of kind?.submitPermissionsFor?.({ op }) ?? []) expect(declared).toContain(p);
    }
  } finally {
    await t.drop();
  }
});
