import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../../test/support/app.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import type { Principal } from '../../../app/auth.js';
import { type App, buildApp } from '../../../app/build-app.js';
import { compose, type Runtime } from '../../../app/compose.js';
import { ManualClock } from '../../../kernel/clock.js';
import { permissionsOf, type Role } from '../permissions.js';

/** People by the test header they send, with the permissions their role gives them. */
const PEOPLE: Record<string, { type: 'user' | 'api_key'; roles: Role[] }> = {
  maker: { type: 'user', roles: ['risk_officer'] },
  checker: { type: 'user', roles: ['approver'] },
  auditor: { type: 'user', roles: ['auditor'] },
  admin: { type: 'user', roles: ['admin'] },
  lender: { type: 'api_key', roles: ['integration'] },
};

function principal(name: string): Principal | undefined {
  const person = PEOPLE[name];
  if (!person) return undefined;
  return {
    actor: { type: person.type, id: `id-${name}` },
    name,
    roles: person.roles,
    permissions: permissionsOf(person.roles),
  };
}

describe('/api/v1/changes over HTTP', () => {
  let database: TestDatabase;
  let runtime: Runtime;
  let app: App;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite', false);
    await database.store.close();
    runtime = await compose(testConfig(database.url), {
      log: pino({ level: 'silent' }),
      clock: new ManualClock(),
    });
    app = await buildApp({
      ...runtime,
      authenticator: { authenticate: async (request) => principal(String(request.headers['x-test-user'])) },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await database?.drop();
  });

  const call = (method: 'GET' | 'POST', url: string, as?: string, body?: unknown, lang = 'en') =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { ...(as ? { 'x-test-user': as } : {}), 'accept-language': lang },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  const submit = (key: string, value: unknown = { value: 'on' }, as = 'maker') =>
    call('POST', '/changes', as, {
      kind: 'setting.change',
      target: { type: 'setting', id: key },
      content: value,
      reason: 'four eyes on settings',
    });

  it('answers 401 on every route without credentials', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    for (const [method, url] of [
      ['GET', '/changes'],
      ['GET', '/changes/kinds'],
      ['GET', `/changes/${id}`],
      ['POST', '/changes'],
      ['POST', `/changes/${id}/approve`],
      ['POST', `/changes/${id}/reject`],
      ['POST', `/changes/${id}/withdraw`],
    ] as const) {
      const res = await call(method, url, undefined, method === 'POST' ? {} : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('submits, refuses self-approval and approval without permission, then applies on a second approval', async () => {
    const submitted = await call('POST', '/changes', 'maker', {
      kind: 'setting.change',
      target: { type: 'setting', id: 'password.max_age_days' },
      content: { value: '90' },
      reason: 'regulator asks for 90-day rotation',
      status: 'applied',
      maker: { type: 'user', id: 'someone-else' },
    });
    expect(submitted.statusCode).toBe(201);
    const change = submitted.json();
    // Smuggled fields are dropped, never stored.
    expect(change).toMatchObject({ status: 'pending', maker: { type: 'user', id: 'id-maker' } });

    const self = await call('POST', `/changes/${change.id}/approve`, 'maker', {}, 'zh-CN');
    expect(self.statusCode).toBe(403);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(self.json()).toMatchObject({
      code: 'FK_ERR_CHANGE_SELF_APPROVAL',
      title: '变更提交人不能审批自己的变更（双人复核）',
    });

    for (const who of ['auditor', 'admin']) {
      const res = await call('POST', `/changes/${change.id}/approve`, who, {});
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('FK_ERR_CHANGE_FORBIDDEN');
    }

    const approved = await call('POST', `/changes/${change.id}/approve`, 'checker', { comment: 'agreed' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'applied',
      decided_by: { type: 'user', id: 'id-checker' },
      result: { key: 'password.max_age_days', previous: null, value: '90' },
    });
    const setting = await runtime.store.db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', 'password.max_age_days')
      .executeTakeFirst();
    expect(setting?.value).toBe('90');

    const twice = await call('POST', `/changes/${change.id}/approve`, 'checker', {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('FK_ERR_CHANGE_NOT_PENDING');
  });

  it('rejects with a required comment and lets only the maker withdraw', async () => {
    const a = (await submit('a.key')).json();
    const noComment = await call('POST', `/changes/${a.id}/reject`, 'checker', {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors).toEqual([expect.objectContaining({ path: 'body.comment' })]);
    const rejected = await call('POST', `/changes/${a.id}/reject`, 'checker', { comment: 'not needed' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decision_comment: 'not needed' });

    const b = (await submit('b.key')).json();
    const other = await call('POST', `/changes/${b.id}/withdraw`, 'auditor', {});
    expect(other.statusCode).toBe(403); // auditors lack change:submit at the route
    const notMaker = await call('POST', `/changes/${b.id}/withdraw`, 'admin', {});
    expect(notMaker.json().code).toBe('FK_ERR_CHANGE_NOT_MAKER');
    const withdrawn = await call('POST', `/changes/${b.id}/withdraw`, 'maker', { comment: 'typo' });
    expect(withdrawn.json().status).toBe('withdrawn');
  });

  it('names what is wrong with a submission', async () => {
    const unknown = await call('POST', '/changes', 'maker', {
      kind: 'policy.teleport',
      target: { type: 'policy', id: 'p' },
      content: {},
      reason: 'r',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'FK_ERR_CHANGE_KIND_UNKNOWN',
      errors: [{ path: 'body.kind' }],
    });
    const invalid = await submit('workspace', { value: 42 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('FK_ERR_CHANGE_INVALID');
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.target.id',
      'body.content.value',
    ]);
    const machine = await submit('c.key', { value: 'x' }, 'lender');
    expect(machine.statusCode).toBe(403);
  });

  it('lists, reads and describes changes to anyone with change:read', async () => {
    const created = (await submit('listed.key')).json();
    const list = await call('GET', '/changes?status=pending&target_id=listed.key', 'auditor');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [created], next_before_id: null });
    expect((await call('GET', `/changes/${created.id}`, 'auditor')).json()).toEqual(created);
    const missing = await call('GET', '/changes/01900000-0000-7000-8000-000000000000', 'auditor');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('FK_ERR_CHANGE_NOT_FOUND');
    expect((await call('GET', '/changes/not-an-id', 'auditor')).statusCode).toBe(400);
    const kinds = await call('GET', '/changes/kinds', 'auditor');
    expect(kinds.json().items).toContainEqual({
      kind: 'setting.change',
      target_type: 'setting',
      title: { en: 'Change an installation setting', zh: '修改系统设置' },
      submit_permission: 'change:submit',
      content_submit_permissions: [],
      approve_permission: 'change:approve',
    });
  });

  it('documents every change route in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths);
    for (const p of [
      '/api/v1/changes',
      '/api/v1/changes/kinds',
      '/api/v1/changes/{id}',
      '/api/v1/changes/{id}/approve',
      '/api/v1/changes/{id}/reject',
      '/api/v1/changes/{id}/withdraw',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
