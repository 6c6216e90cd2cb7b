import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { installAccessControl, type Principal } from '../../../app/auth.js';
import { sendProblem, toFkError } from '../../../app/problem.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import { policyRoutes } from './routes.js';

const PEOPLE: Record<string, readonly string[]> = {
  reader: ['policy:read'],
  writer: ['policy:read', 'policy:write'],
};

const DRAFT = `
id: tx-try
event_type: transaction
description: { en: Try me, zh: 试算 }
features:
  - { name: tx_count_user_1h, key: [user_id], aggregate: count, window: 1h }
lists: [blocked_phones]
rules:
  - id: big_payment
    description: { en: Payment over 50000 yuan, zh: 单笔支付超过 5 万元 }
    when: data.amount > 50000.0
    action: reject
  - id: blocked_phone
    description: { en: Phone on the block list, zh: 手机号命中黑名单 }
    when: has(subject.phone) && in_list('blocked_phones', subject.phone)
    action: reject
  - id: burst
    description: { en: Two or more payments in an hour, zh: 一小时内支付 2 笔及以上 }
    when: features.tx_count_user_1h >= 2.0
    action: review
outcome: { mode: first_match, default: approve }
`;

const event = (data: Record<string, unknown>, subject: Record<string, string> = { user_id: 'u1' }) => ({
  subject,
  data: { kind: 'payment', ...data },
});

/**
 * The policy routes over the real engine, lists and hasher of a composed runtime, with access
 * control and problem answers as `buildApp` wires them (the caller named by `x-test-user`).
 */
async function appOver(t: TestApp): Promise<FastifyInstance> {
  const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  installAccessControl(app, {
    authenticate: async (request): Promise<Principal | undefined> => {
      const name = request.headers['x-test-user'];
      const permissions = typeof name === 'string' ? PEOPLE[name] : undefined;
      if (!permissions || typeof name !== 'string') return undefined;
      return { actor: { type: 'user', id: `u-${name}` }, name, roles: [], permissions: new Set(permissions) };
    },
  });
  app.setErrorHandler((error, _request, reply) => sendProblem(reply, toFkError(error)));
  const { engine, lists, store } = t.runtime;
  await app.register(policyRoutes, {
    prefix: '/api/v1',
    deps: {
      policies: engine.policies,
      types: engine.types,
      db: store.db,
      scorecards: engine.scorecards,
      hasher: lists.hasher,
      lists: lists.snapshots,
    },
  });
  await app.ready();
  return app;
}

describeEachDialect('POST /api/v1/policies/try', (dialect) => {
  let t: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    await t.runtime.lists.service.create(
      { name: 'blocked_phones', kind: 'phone', purpose: 'block' },
      SYSTEM_ACTOR,
    );
    await t.runtime.lists.service.add(
      'blocked_phones',
      { value: '13812345678', reason: 'confirmed fraud' },
      SYSTEM_ACTOR,
    );
    await t.runtime.lists.snapshots.refresh();
    app = await appOver(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const tryIt = (who: string, payload: object, lang = 'en') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/policies/try',
      headers: { 'x-test-user': who, 'accept-language': lang },
      payload,
    });

  it('decides a sample event with the draft and explains it, storing nothing', async () => {
    const before = await t.runtime.store.db.selectFrom('decision').select('id').execute();
    const res = await tryIt('writer', { source: DRAFT, event: event({ amount: 80_000 }) }, 'zh-CN');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      policy: { id: 'tx-try', event_type: 'transaction' },
      event: { type: 'transaction', id: 'try-1' },
      outcome: 'reject',
      reasons: [{ rule_id: 'big_payment', text: '单笔支付超过 5 万元' }],
      rule_hits: [{ rule_id: 'big_payment', values: { 'data.amount': 80_000 } }],
      rule_errors: [],
      features: { tx_count_user_1h: 1 },
      fresh_windows: true,
    });
    const after = await t.runtime.store.db.selectFrom('decision').select('id').execute();
    expect(after).toHaveLength(before.length);
    expect(await t.runtime.engine.policies.list()).toEqual([]);
  });

  it('hashes identifiers as live decisions do, so list rules match, and starts from empty windows', async () => {
    const blocked = await tryIt('writer', {
      source: DRAFT,
      event: event({ amount: 10 }, { user_id: 'u1', phone: '13812345678' }),
    });
    expect(blocked.json()).toMatchObject({ outcome: 'reject', reasons: [{ rule_id: 'blocked_phone' }] });
    // The same user again: the windows of the previous try are gone, so no burst.
    const again = await tryIt('writer', { source: DRAFT, event: event({ amount: 10 }) });
    expect(again.json()).toMatchObject({
      outcome: 'approve',
      rule_hits: [],
      features: { tx_count_user_1h: 1 },
    });
  });

  it('names the problem of a broken draft, with its path in the policy', async () => {
    const broken = DRAFT.replace('data.amount > 50000.0', 'data.amount > (50000.0');
    const res = await tryIt('writer', { source: broken, event: event({ amount: 1 }) });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'FK_ERR_POLICY_INVALID' });
    expect(JSON.stringify(res.json())).toContain('policy.rules[0].when');
  });

  it('names the problem of an event that does not fit the policy’s event type', async () => {
    const wrongData = await tryIt('writer', { source: DRAFT, event: { data: { amount: 'a lot' } } });
    expect(wrongData.statusCode).toBe(422);
    expect(wrongData.json()).toMatchObject({ code: 'FK_ERR_EVENT_INVALID' });
    expect(JSON.stringify(wrongData.json())).toContain('event.data');
    const wrongType = await tryIt('writer', { source: DRAFT, event: { type: 'login', data: {} } });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().detail ?? wrongType.json().message).toMatch(/transaction/);
    const badPhone = await tryIt('writer', {
      source: DRAFT,
      event: event({ amount: 1 }, { phone: 'not a phone' }),
    });
    expect(badPhone.statusCode).toBe(422);
    expect(JSON.stringify(badPhone.json())).toContain('event.subject.phone');
  });

  it('needs policy:write', async () => {
    const res = await tryIt('reader', { source: DRAFT, event: event({ amount: 1 }) });
    expect(res.statusCode).toBe(403);
    expect((await tryIt('nobody', { source: DRAFT, event: event({ amount: 1 }) })).statusCode).toBe(401);
  });
});
