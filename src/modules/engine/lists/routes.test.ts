import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { seedUser, sessionFor } from '../../../../test/support/identity.js';
import { ManualClock } from '../../../kernel/clock.js';

const ID = '11010519491231002X';
const NOW = Date.parse('2026-03-01T08:00:00.000Z');

describe('/api/v1/lists over HTTP', () => {
  let t: TestApp;
  const as: Record<'officer' | 'approver' | 'auditor', Record<string, string>> = {
    officer: {},
    approver: {},
    auditor: {},
  };
  beforeAll(async () => {
    t = await createTestApp('sqlite', { clock: new ManualClock(NOW) });
    for (const [name, role] of [
      ['officer', 'risk_officer'],
      ['approver', 'approver'],
      ['auditor', 'auditor'],
    ] as const) {
      const user = await seedUser(t.runtime, { username: `lists-${name}`, roles: [role], mfa: false });
      as[name] = { ...(await sessionFor(t.runtime, user.id)) };
    }
  });
  afterAll(() => t?.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string> = {},
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const hashOf = (raw: string) => {
    const r = t.runtime.lists.hasher.hash('id_number', raw);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };

  it('answers 401 without credentials and 403 to a reader who tries to write', async () => {
    expect((await call('GET', '/lists')).statusCode).toBe(401);
    const denied = await call('POST', '/lists', as.auditor, { name: 'x', kind: 'ip', purpose: 'block' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FK_ERR_FORBIDDEN');
    expect((await call('GET', '/lists', as.auditor)).statusCode).toBe(200);
  });

  it('creates a list and shows identity numbers only hashed and masked', async () => {
    const created = await call('POST', '/lists', as.officer, {
      name: 'blacklist_id',
      kind: 'id_number',
      purpose: 'block',
      description: { en: 'Confirmed fraudsters', zh: '已确认的欺诈人员' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'blacklist_id',
      hashed: true,
      protected: false,
      entries: 0,
      version: 1,
    });
    const added = await call('POST', '/lists/blacklist_id/entries', as.officer, {
      value: '11010519491231002x',
      reason: 'court judgment',
      expires_at: '2030-01-01T00:00:00+08:00',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      status: 'added',
      entry: { value: hashOf(ID), display: '110***********002X' },
    });
    const page = await call('GET', '/lists/blacklist_id/entries?limit=10', as.auditor);
    expect(page.json()).toMatchObject({
      total: 1,
      next_after: null,
      items: [{ display: '110***********002X' }],
    });
    for (const response of [added, page]) expect(response.body).not.toContain('19491231');
    const found = await call('GET', `/lists/blacklist_id/entries?value=${ID}`, as.auditor);
    expect(found.json().items).toHaveLength(1);

    const invalid = await call('POST', '/lists/blacklist_id/entries', as.officer, {
      value: '110105194912310021',
      reason: 'r',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.headers['content-type']).toContain('application/problem+json');
    expect(invalid.json().code).toBe('FK_ERR_LIST_VALUE_INVALID');
    expect(invalid.body).not.toContain('110105194912310021');

    const removed = await call(
      'DELETE',
      `/lists/blacklist_id/entries/${ID}?reason=appeal%20upheld`,
      as.officer,
    );
    expect(removed.statusCode).toBe(200);
    expect((await call('GET', '/lists/blacklist_id', as.auditor)).json()).toMatchObject({
      entries: 0,
      version: 3,
    });
    const noReason = await call('DELETE', `/lists/blacklist_id/entries/${ID}`, as.officer);
    expect(noReason.statusCode).toBe(400);
  });

  it('removes IPv4 and IPv6 ranges named in the path', async () => {
    await call('POST', '/lists', as.officer, { name: 'datacenters', kind: 'ip', purpose: 'watch' });
    for (const value of ['10.0.0.0/8', '2001:DB8::/32']) {
      expect(
        (await call('POST', '/lists/datacenters/entries', as.officer, { value, reason: 'hosting' }))
          .statusCode,
      ).toBe(201);
    }
    await expect.poll(() => t.runtime.lists.snapshots.ipIn('datacenters', '2001:db8:5::1', NOW)).toBe(true);
    for (const value of ['10.0.0.0/8', '2001:db8::/32']) {
      const res = await call(
        'DELETE',
        `/lists/datacenters/entries/${encodeURIComponent(value)}?reason=moved`,
        as.officer,
      );
      expect(res.statusCode, value).toBe(200);
      expect(res.json().value).toBe(value);
    }
  });

  it('imports a CSV file sent as JSON and reports every row; a text/csv body is refused', async () => {
    await call('POST', '/lists', as.officer, { name: 'mule_phones', kind: 'phone', purpose: 'block' });
    const csv = 'value,reason\n13800138000,mule\n12345,bad\n+86 139 1234 5678,mule\n';
    const res = await call('POST', '/lists/mule_phones/import', as.officer, { csv, source: 'bank_feed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 3,
      added: 2,
      updated: 0,
      refused: 1,
      results: [
        { row: 1, status: 'added', display: '138****8000' },
        { row: 2, status: 'refused' },
        { row: 3, status: 'added', display: '139****5678' },
      ],
    });
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lists/mule_phones/import',
      headers: { ...as.officer, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(raw.statusCode).toBe(415);
  });

  it('sends changes to a protected list through four eyes, and refuses the direct way', async () => {
    await call('POST', '/lists', as.officer, {
      name: 'vip_block',
      kind: 'id_number',
      purpose: 'block',
      protected: true,
    });
    const direct = await call(
      'POST',
      '/lists/vip_block/entries',
      { ...as.officer, 'accept-language': 'zh-CN' },
      { value: ID, reason: 'r' },
    );
    expect(direct.statusCode).toBe(409);
    expect(direct.json()).toMatchObject({
      code: 'FK_ERR_LIST_PROTECTED',
      title: expect.stringContaining('双人复核'),
    });
    expect((await call('PATCH', '/lists/vip_block', as.officer, { protected: false })).json().code).toBe(
      'FK_ERR_LIST_PROTECTED',
    );

    const submitted = await call('POST', '/lists/vip_block/changes', as.officer, {
      op: 'add',
      reason: 'fraud ring, case 2026-017',
      entries: [{ value: ID }],
    });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.body).not.toContain(ID);
    const change = submitted.json();
    expect(change).toMatchObject({
      kind: 'list.change',
      status: 'pending',
      content: { entries: [{ value: hashOf(ID) }] },
    });

    const deleting = await call('DELETE', '/lists/vip_block', as.officer);
    expect(deleting.json().code).toBe('FK_ERR_LIST_CHANGE_PENDING');
    const self = await call('POST', `/changes/${change.id}/approve`, as.officer, {});
    expect(self.json().code).toBe('FK_ERR_CHANGE_SELF_APPROVAL');
    const approved = await call('POST', `/changes/${change.id}/approve`, as.approver, { comment: 'checked' });
    expect(approved.json()).toMatchObject({ status: 'applied', result: { added: 1 } });
    expect((await call('GET', '/lists/vip_block', as.auditor)).json()).toMatchObject({
      entries: 1,
      protected: true,
    });
    await expect.poll(() => t.runtime.lists.snapshots.inList('vip_block', hashOf(ID), NOW)).toBe(true);

    const unprotect = (
      await call('POST', '/lists/vip_block/changes', as.officer, { op: 'unprotect', reason: 'retired' })
    ).json();
    await call('POST', `/changes/${unprotect.id}/approve`, as.approver, {});
    const gone = await call('DELETE', '/lists/vip_block', as.officer);
    expect(gone.json()).toEqual({ name: 'vip_block', entries: 1 });
  });

  it('documents every list route with its permission, the lists tag and both languages', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { tags?: string[]; summary?: string; 'x-fengkong-permission'?: string }>
      >;
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/lists'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, op })),
      );
    expect(ops.map((o) => o.key).sort()).toEqual([
      'delete /api/v1/lists/{name}',
      'delete /api/v1/lists/{name}/entries/{value}',
      'get /api/v1/lists',
      'get /api/v1/lists/{name}',
      'get /api/v1/lists/{name}/entries',
      'patch /api/v1/lists/{name}',
      'post /api/v1/lists',
      'post /api/v1/lists/{name}/changes',
      'post /api/v1/lists/{name}/entries',
      'post /api/v1/lists/{name}/import',
    ]);
    for (const { key, op } of ops) {
      expect(op.tags, key).toEqual(['lists']);
      expect(op['x-fengkong-permission'], key).toBe(key.startsWith('get') ? 'list:read' : 'list:write');
      expect(op.summary, key).toMatch(/ \/ .*[\u4e00-\u9fff]/);
    }
  });
});
