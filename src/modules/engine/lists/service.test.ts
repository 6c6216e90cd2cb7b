import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { FkError } from '../../../kernel/errors.js';
import { auditCount, codeOf, everyStoredText, type ListHarness, listHarness, OFFICER } from './fixtures.js';

const ID = '11010519491231002X';
const PHONE = '13800138000';
const CARD = '4111111111111111';
const NOW = Date.parse('2026-03-01T08:00:00.000Z');

describeEachDialect('lists', (dialect) => {
  let t: TestDatabase;
  let h: ListHarness;
  const actor = OFFICER.actor;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    h = await listHarness(t.store);
  });
  afterEach(async () => {
    h?.snapshots.stop();
    await t?.drop();
  });

  const create = (name: string, kind: string, extra: { protected?: boolean } = {}) =>
    h.service.create(
      { name, kind, purpose: 'block', description: { en: `${kind} block list` }, ...extra },
      actor,
    );
  const hashOf = (kind: 'id_number' | 'phone' | 'bank_card', raw: string) => {
    const r = h.hasher.hash(kind, raw);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('creates a list, fills the other language of its description, and refuses bad or taken names', async () => {
    const list = await create('blacklist_id', 'id_number');
    expect(list).toMatchObject({
      name: 'blacklist_id',
      kind: 'id_number',
      purpose: 'block',
      protected: false,
      hashed: true,
      description: { en: 'id_number block list', zh: 'id_number block list' },
      created_by: actor,
      version: 1,
      entries: 0,
    });
    expect(await codeOf(create('blacklist_id', 'phone'))).toBe('FK_ERR_LIST_EXISTS');
    expect(await codeOf(create('Blacklist', 'phone'))).toBe('FK_ERR_LIST_INVALID');
    expect(await codeOf(create('1list', 'phone'))).toBe('FK_ERR_LIST_INVALID');
    expect(await codeOf(create('l'.repeat(65), 'phone'))).toBe('FK_ERR_LIST_INVALID');
    expect(await codeOf(create('ok_name', 'passport'))).toBe('FK_ERR_LIST_INVALID');
    expect(await codeOf(h.service.create({ name: 'p', kind: 'ip', purpose: 'deny' }, actor))).toBe(
      'FK_ERR_LIST_INVALID',
    );
    expect(await codeOf(h.service.update('blacklist_id', {}, actor))).toBe('FK_ERR_LIST_INVALID');
    expect((await h.service.list()).map((l) => l.name)).toEqual(['blacklist_id']);
    expect(await auditCount(h.audit, 'list.create')).toBe(1);
  });

  it('stores an id number as its keyed hash with a masked display; in_list matches the hashed subject', async () => {
    await create('blacklist_id', 'id_number');
    const first = await h.service.add(
      'blacklist_id',
      { value: '110105 19491231002x', reason: 'court judgment' },
      actor,
    );
    expect(first.status).toBe('added');
    expect(first.entry).toMatchObject({
      value: hashOf('id_number', ID),
      display: '110***********002X',
      reason: 'court judgment',
      source: 'manual',
      expires_at: null,
      expired: false,
    });
    const again = await h.service.add(
      'blacklist_id',
      { value: ID, reason: 'confirmed fraud', source: 'case:42' },
      actor,
    );
    expect(again.status).toBe('updated');
    const page = await h.service.entries('blacklist_id', { limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ reason: 'confirmed fraud', source: 'case:42' });
    await h.settle();
    expect(h.snapshots.inList('blacklist_id', hashOf('id_number', ID), NOW)).toBe(true);
    expect(h.snapshots.inList('blacklist_id', hashOf('id_number', '440524188001010014'), NOW)).toBe(false);
    const [entry] = await h.audit.list({ action: 'list.entry.add', limit: 1 });
    expect(entry?.payload).toMatchObject({
      value: hashOf('id_number', ID),
      display: '110***********002X',
      status: 'updated',
    });
    expect(JSON.stringify(entry?.payload)).not.toContain('19491231');
  });

  it('refuses an invalid value naming the field, without repeating the value', async () => {
    await create('blacklist_id', 'id_number');
    const error = await h.service
      .add('blacklist_id', { value: '110105194912310021', reason: 'r' }, actor)
      .catch((e) => e);
    expect(error).toBeInstanceOf(FkError);
    expect(error).toMatchObject({ code: 'FK_ERR_LIST_VALUE_INVALID', fields: [{ path: 'body.value' }] });
    expect(String(error.message)).not.toContain('110105194912310021');
    expect(await codeOf(h.service.add('blacklist_id', { value: ID, reason: '  ' }, actor))).toBe(
      'FK_ERR_LIST_INVALID',
    );
    expect(await codeOf(h.service.add('nope', { value: ID, reason: 'r' }, actor))).toBe(
      'FK_ERR_LIST_NOT_FOUND',
    );
  });

  it('removes an entry by clear value or by stored hash, with a reason, and says when it is absent', async () => {
    await create('phones', 'phone');
    await h.service.add('phones', { value: PHONE, reason: 'mule account' }, actor);
    await h.service.add('phones', { value: '13912345678', reason: 'mule account' }, actor);
    const removed = await h.service.remove('phones', '+86 138-0013-8000', 'appeal upheld', actor);
    expect(removed.display).toBe('138****8000');
    await h.service.remove('phones', hashOf('phone', '13912345678'), 'appeal upheld', actor);
    expect((await h.service.entries('phones', { limit: 10 })).total).toBe(0);
    expect(await codeOf(h.service.remove('phones', PHONE, 'again', actor))).toBe(
      'FK_ERR_LIST_ENTRY_NOT_FOUND',
    );
    expect(await codeOf(h.service.remove('phones', PHONE, '', actor))).toBe('FK_ERR_LIST_INVALID');
    const [entry] = await h.audit.list({ action: 'list.entry.remove', limit: 1 });
    expect(entry?.payload).toMatchObject({ display: '139****5678', reason: 'appeal upheld' });
  });

  it('honours expiry: an entry matches events before its expiry and not after', async () => {
    await create('devices', 'device_id');
    const until = '2026-03-01T09:00:00+08:00'; // 01:00Z, i.e. already past at 08:00Z
    expect(
      await codeOf(h.service.add('devices', { value: 'dev-1', reason: 'r', expires_at: until }, actor)),
    ).toBe('FK_ERR_LIST_INVALID');
    const added = await h.service.add(
      'devices',
      { value: 'dev-1', reason: 'r', expires_at: '2026-03-01T17:00:00+08:00' },
      actor,
    );
    expect(added.entry.expires_at).toBe('2026-03-01T09:00:00.000Z');
    await h.settle();
    const expiry = Date.parse('2026-03-01T09:00:00.000Z');
    expect(h.snapshots.inList('devices', 'dev-1', expiry - 1)).toBe(true);
    expect(h.snapshots.inList('devices', 'dev-1', expiry)).toBe(false);
    h.clock.set('2026-03-01T10:00:00.000Z');
    expect((await h.service.entries('devices', { limit: 5 })).items[0]).toMatchObject({ expired: true });
  });

  it('pages entries by stored value without overlap or gap', async () => {
    await create('accounts', 'account');
    const values = ['acc-7', 'acc-1', 'acc-5', 'acc-3', 'acc-2', 'acc-6', 'acc-4'];
    for (const value of values) await h.service.add('accounts', { value, reason: 'r' }, actor);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await h.service.entries('accounts', { limit: 3, after });
      expect(page.total).toBe(7);
      seen.push(...page.items.map((e) => e.value));
      if (!page.next_after) break;
      after = page.next_after;
    }
    expect(seen).toEqual([...values].sort());
    expect((await h.service.entries('accounts', { limit: 3, value: ' acc-5 ' })).items).toHaveLength(1);
  });

  it('refuses direct changes to a protected list, and lifting its protection, but protects on request', async () => {
    await create('vip_block', 'phone', { protected: true });
    for (const refused of [
      () => h.service.add('vip_block', { value: PHONE, reason: 'r' }, actor),
      () => h.service.import('vip_block', 'value\n13800138000\n', {}, actor),
      () => h.service.update('vip_block', { protected: false }, actor),
      () => h.service.delete('vip_block', actor),
    ]) {
      expect(await codeOf(refused())).toBe('FK_ERR_LIST_PROTECTED');
    }
    await create('open_list', 'phone');
    await h.service.add('open_list', { value: PHONE, reason: 'r' }, actor);
    await h.service.update('open_list', { protected: true, description: { zh: '高风险手机号' } }, actor);
    expect(await h.service.get('open_list')).toMatchObject({
      protected: true,
      description: { en: '高风险手机号', zh: '高风险手机号' },
      version: 3,
    });
    expect(await codeOf(h.service.remove('open_list', PHONE, 'r', actor))).toBe('FK_ERR_LIST_PROTECTED');
    expect((await h.service.get('open_list')).version).toBe(3);
  });

  it('imports a CSV file in one transaction with one audit entry and a result for every row', async () => {
    await create('phones', 'phone');
    await h.service.add('phones', { value: '13700000000', reason: 'earlier' }, actor);
    const csv = [
      '\ufeffvalue,reason,expires_at',
      '13800138000,mule account,',
      '"+86 138 0013 8000",duplicate spelling,',
      '12345,not a phone,',
      '13912345678,"fraud ring, case 7",2027-01-01T00:00:00+08:00',
      '13700000000,,',
      '13600000000,too,many,fields',
      '13500000000,expired,2020-01-01T00:00:00Z',
      '',
    ].join('\r\n');
    const report = await h.service.import('phones', csv, { reason: 'bulk load', source: 'pboc' }, actor);
    expect(report).toMatchObject({ list: 'phones', rows: 7, added: 2, updated: 1, refused: 4 });
    expect(report.results.map((r) => [r.row, r.line, r.status])).toEqual([
      [1, 2, 'added'],
      [2, 3, 'refused'],
      [3, 4, 'refused'],
      [4, 5, 'added'],
      [5, 6, 'updated'],
      [6, 7, 'refused'],
      [7, 8, 'refused'],
    ]);
    expect(report.results[1]?.message).toBe('the same value as row 1');
    expect(report.results[2]?.message).toMatch(/^value must be an 11-digit mainland mobile number/);
    expect(report.results[5]?.message).toBe('has 4 fields; the header has 3');
    expect(report.results[6]?.message).toBe('expires_at must be in the future');
    expect(JSON.stringify(report)).not.toContain('13912345678');
    const page = await h.service.entries('phones', { limit: 10 });
    expect(page.total).toBe(3);
    expect(page.items.find((e) => e.display === '139****5678')).toMatchObject({
      reason: 'fraud ring, case 7',
      source: 'pboc',
      expires_at: '2026-12-31T16:00:00.000Z',
    });
    expect(page.items.find((e) => e.display === '137****0000')).toMatchObject({ reason: 'bulk load' });
    const imports = await h.audit.list({ action: 'list.import', limit: 10 });
    expect(imports).toHaveLength(1);
    expect(imports[0]?.payload).toEqual({
      rows: 7,
      added: 2,
      updated: 1,
      refused: 4,
      source: 'pboc',
      version: 3,
    });
  });

  it('refuses a file that cannot be read as a whole and writes nothing', async () => {
    await create('ips', 'ip');
    for (const csv of [
      'address\n1.2.3.4\n',
      'value,comment\n1.2.3.4,x\n',
      'value\n"1.2.3.4\n',
      '',
      'value,value\n1,2\n',
    ]) {
      expect(await codeOf(h.service.import('ips', csv, {}, actor))).toBe('FK_ERR_LIST_IMPORT_INVALID');
    }
    expect(await h.service.get('ips')).toMatchObject({ version: 1, entries: 0 });
    expect(await auditCount(h.audit, 'list.import')).toBe(0);
  });

  it('stores ip entries once per range in canonical form', async () => {
    await create('datacenters', 'ip');
    for (const value of ['10.0.0.0/8', '2001:DB8:0::/32', '::ffff:192.0.2.1', '192.0.2.1/32']) {
      await h.service.add('datacenters', { value, reason: 'hosting provider' }, actor);
    }
    const page = await h.service.entries('datacenters', { limit: 10 });
    expect(page.items.map((e) => e.value).sort()).toEqual(['10.0.0.0/8', '192.0.2.1', '2001:db8::/32']);
    expect(await codeOf(h.service.add('datacenters', { value: '10.1.2.3/8', reason: 'r' }, actor))).toBe(
      'FK_ERR_LIST_VALUE_INVALID',
    );
    await h.settle();
    expect(h.snapshots.ipIn('datacenters', '2001:db8:1234::9', NOW)).toBe(true);
    expect(h.snapshots.ipIn('datacenters', '10.200.0.1', NOW)).toBe(true);
    expect(h.snapshots.ipIn('datacenters', '192.0.2.2', NOW)).toBe(false);
  });

  it('deletes a list with its entries, but not while a change to it awaits approval', async () => {
    await create('cards', 'bank_card');
    await h.service.add('cards', { value: CARD, reason: 'stolen' }, actor);
    const change = await h.service.submitChange(OFFICER, 'cards', {
      op: 'add',
      reason: 'second opinion wanted',
      entries: [{ value: '5555555555554444' }],
    });
    expect(await codeOf(h.service.delete('cards', actor))).toBe('FK_ERR_LIST_CHANGE_PENDING');
    await h.changes.withdraw(OFFICER, change.id);
    expect(await h.service.delete('cards', actor)).toEqual({ name: 'cards', entries: 1 });
    expect(await codeOf(h.service.get('cards'))).toBe('FK_ERR_LIST_NOT_FOUND');
    const [entry] = await h.audit.list({ action: 'list.delete', limit: 1 });
    expect(entry?.payload).toMatchObject({ entries: 1 });
    await h.settle();
    expect(() => h.snapshots.inList('cards', 'x', NOW)).toThrowError(/not loaded/);
  });

  it('keeps no clear identity number, phone or card anywhere in the database', async () => {
    const ids = ['11010519491231002X', '440524188001010014'];
    const phones = ['13800138000', '13912345678', '15000000001'];
    const cards = ['4111111111111111', '5555555555554444', '6011111111111117'];
    await create('ids', 'id_number');
    await create('phones', 'phone');
    await create('cards', 'bank_card', { protected: true });
    await h.service.add('ids', { value: '110105-19491231-002x', reason: 'fraud' }, actor);
    await h.service.import('ids', `value,reason\n${ids[1]},court\n`, {}, actor);
    await h.service.add('phones', { value: `+86 ${phones[0]}`, reason: 'mule' }, actor);
    await h.service.import('phones', `value\n${phones[1]}\n0086${phones[2]}\n`, {}, actor);
    await h.service.remove('phones', phones[2]!, 'appeal', actor);
    const change = await h.service.submitChange(OFFICER, 'cards', {
      op: 'import',
      reason: 'stolen cards from the card scheme',
      csv: `value,reason\n${cards.join(',stolen\n')},stolen\n`,
    });
    await h.changes.approve(
      { actor: { type: 'user', id: 'u-approver' }, permissions: new Set(['change:approve']) },
      change.id,
    );
    expect((await h.service.get('cards')).entries).toBe(3);
    const stored = await everyStoredText(h.db);
    for (const clear of [...ids, ...phones, ...cards]) expect(stored).not.toContain(clear);
    expect(stored).toContain('138****8000');
  });
});

it('hashes with the injected key only: another key gives other hashes', async () => {
  const t = await createTestDatabase('sqlite');
  try {
    const h = await listHarness(t.store);
    const other = (await import('../events/hasher.js')).createIdentifierHasher(new Uint8Array(32).fill(7));
    const mine = h.hasher.hash('phone', PHONE);
    const theirs = other.hash('phone', PHONE);
    expect(mine.ok && theirs.ok && mine.value !== theirs.value).toBe(true);
  } finally {
    await t.drop();
  }
});
