import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { installAccessControl, type Principal } from '../../app/auth.js';
import { sendProblem, toFkError } from '../../app/problem.js';
import { ANALYST, type CasesHarness, casesHarness, SMALL_PLAN } from './fixtures.js';
import { casesPlugin } from './index.js';

const PEOPLE: Record<string, readonly string[]> = {
  reader: ['case:read'],
  worker: ['case:read', 'case:work'],
  analyst: [...ANALYST.permissions],
};

/**
 * A small app with the module's routes, access control and problem answers, as `buildApp` wires
 * them; the caller is named by an `x-test-user` header.
 */
async function appOver(h: CasesHarness): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  installAccessControl(app, {
    authenticate: async (request): Promise<Principal | undefined> => {
      const name = request.headers['x-test-user'];
      const permissions = typeof name === 'string' ? PEOPLE[name] : undefined;
      if (!permissions || typeof name !== 'string') return undefined;
      const id = name === 'analyst' ? ANALYST.actor.id : `u-${name}`;
      return { actor: { type: 'user', id }, name, roles: [], permissions: new Set(permissions) };
    },
  });
  app.setErrorHandler((error, _request, reply) => sendProblem(reply, toFkError(error)));
  await app.register(casesPlugin, { prefix: '/api/v1', deps: { cases: h.module } });
  await app.ready();
  return app;
}

describeEachDialect('/api/v1 cases, incidents, plans and drills over HTTP', (dialect) => {
  let t: TestDatabase;
  let h: CasesHarness;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    h = casesHarness(t.store);
    h.alerts.set('a-1', {
      id: 'a-1',
      title: 'Fraud-confirmed rate red',
      severity: 'SEV2',
      subject: { user_id: 'u-1' },
    });
    await h.lists.create({ name: 'device_block', kind: 'device_id', purpose: 'block' }, ANALYST.actor);
    app = await appOver(h);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { 'x-test-user': who, 'accept-language': 'zh-CN' },
      ...(payload ? { payload } : {}),
    });

  it('lets readers read and workers work a case from an alert to a resolution with a list proposal', async () => {
    expect((await call('POST', '/cases', 'reader', { alert_ids: ['a-1'] })).statusCode).toBe(403);
    const created = await call('POST', '/cases', 'worker', { alert_ids: ['a-1'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      priority: 'P2',
      alert_ids: ['a-1'],
      subjects: [{ key: 'user_id', value: 'u-1' }],
    });
    expect((await call('GET', `/cases?status=active&alert_id=a-1`, 'reader')).json()).toMatchObject({
      total: 1,
      items: [{ id, status: 'open' }],
    });
    expect(
      (await call('POST', `/cases/${id}/notes`, 'worker', { text: 'called the customer' })).statusCode,
    ).toBe(200);
    const resolved = await call('POST', `/cases/${id}/resolve`, 'worker', { disposition: 'confirmed_fraud' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', disposition: 'confirmed_fraud' });

    const body = { list: 'device_block', reason: 'fraud ring', values: [{ value: 'dev-1' }] };
    const refused = await call('POST', `/cases/${id}/list-proposals`, 'worker', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FK_ERR_CHANGE_FORBIDDEN');
    const proposed = await call('POST', `/cases/${id}/list-proposals`, 'analyst', body);
    expect(proposed.statusCode).toBe(201);
    expect(proposed.json()).toMatchObject({ status: 'pending', entries: ['dev-1'] });
  });

  it('answers problems with stable codes in the caller’s language', async () => {
    const missing = await call('GET', '/cases/nope', 'reader');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'FK_ERR_CASE_NOT_FOUND', title: '案件不存在' });
    const bad = await call('POST', '/cases', 'worker', { title: 'x', priority: 'P9' });
    expect(bad.statusCode).toBe(400);
    const both = await call('POST', '/plans/p/activate', 'worker', { alert_id: 'a', incident_id: 'i' });
    expect(both.json().code).toBe('FK_ERR_PLAN_INVALID');
    const words = (await call('GET', '/cases/vocabulary', 'reader')).json();
    expect(words.dispositions[0]).toEqual({
      value: 'confirmed_fraud',
      label: { en: 'Confirmed fraud', zh: '确认欺诈' },
    });
    expect(words.due_hours).toEqual({ P1: 4, P2: 24, P3: 72, P4: 120 });
  });

  it('activates a plan for an incident, ticks its checklist, drills it and reviews the incident', async () => {
    const plan = (await call('POST', '/plans', 'worker', SMALL_PLAN)).json();
    expect(plan).toMatchObject({
      version: 1,
      steps: [{ offset_minutes: 10 }, { offset_minutes: 30 }, { offset_minutes: 60 }],
    });
    // Two editors start from version 1: the first one's version 2 lands, the second is refused.
    const { scenario: _scenario, ...content } = SMALL_PLAN;
    const edit = { ...content, change_note: 'shorter RTO', expected_version: 1 };
    const first = await call('POST', `/plans/${plan.id}/versions`, 'worker', edit);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ version: 2 });
    const second = await call('POST', `/plans/${plan.id}/versions`, 'worker', edit);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('FK_ERR_PLAN_CONFLICT');
    const incident = (
      await call('POST', '/incidents', 'worker', {
        title: 'API down',
        type: 'system_outage',
        severity: 'SEV1',
      })
    ).json();
    const activation = await call('POST', `/incidents/${incident.id}/activate-plan`, 'worker', {
      plan_id: plan.id,
    });
    expect(activation.statusCode).toBe(201);
    const activationId = activation.json().id as string;
    const ticked = await call('POST', `/activations/${activationId}/items/1`, 'worker', { status: 'done' });
    expect(ticked.json().items[0]).toMatchObject({ status: 'done', done_by: { id: 'u-worker' } });
    expect((await call('GET', `/activations?status=active&plan_id=${plan.id}`, 'reader')).json().total).toBe(
      1,
    );

    const drill = (await call('POST', '/drills', 'worker', { plan_id: plan.id })).json();
    await call('POST', `/drills/${drill.id}/steps/1/complete`, 'worker', {});
    const finished = await call('POST', `/drills/${drill.id}/finish`, 'worker', {
      outcome: 'failed',
      gaps: ['no standby'],
    });
    expect(finished.json()).toMatchObject({ status: 'finished', outcome: 'failed', gaps: ['no standby'] });
    expect((await call('GET', `/plans/${plan.id}`, 'reader')).json()).toMatchObject({ drill_overdue: false });

    await call('POST', `/incidents/${incident.id}/timeline`, 'worker', { text: 'failover started' });
    await call('POST', `/incidents/${incident.id}/status`, 'worker', { status: 'resolved' });
    const reviewed = await call('POST', `/incidents/${incident.id}/review`, 'worker', {
      summary: 'Failover worked',
      root_cause: 'Disk failure',
      actions: [{ title: 'Monitor disks', owner: 'it_oncall', due_date: '2026-04-01' }],
    });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', plan_activations: [{ id: activationId }] });
    expect((await call('GET', '/incidents?status=reviewed', 'reader')).json().total).toBe(1);
  });
});
