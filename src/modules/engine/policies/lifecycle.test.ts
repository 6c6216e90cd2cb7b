import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { TEST_POLICIES } from '../../../../test/support/engine.js';
import { apiKeyFor, type SessionHeaders, seedUser, sessionFor } from '../../../../test/support/identity.js';
import type { Dialect } from '../../../store/database.js';

const V1 = TEST_POLICIES['transaction-velocity'] ?? '';
// Version 2 is stricter: a device shared by two users is already rejected.
const V2 = V1.replace('features.users_per_device_1h >= 3.0', 'features.users_per_device_1h >= 2.0');
const SHADOW = V1.replace('id: transaction-velocity', 'id: transaction-challenger').replace(
  'features.tx_count_user_1h > 5.0',
  'features.tx_count_user_1h > 1.0',
);

function tx(id: string, user: string, second: number) {
  return {
    type: 'transaction',
    id,
    occurred_at: new Date(Date.UTC(2026, 10, 1, 10, 0, second)).toISOString(),
    subject: { user_id: user, device_id: 'shared-device' },
    data: { amount: 300, kind: 'payment' },
  };
}

describeEachDialect('policy lifecycle under four eyes', (dialect: Dialect) => {
  let t: TestApp;
  let officer: SessionHeaders;
  let approver: SessionHeaders;
  let key: { authorization: string };
  let n = 0;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    const o = await seedUser(t.runtime, { username: 'officer', roles: ['risk_officer'], mfa: false });
    const a = await seedUser(t.runtime, { username: 'approver', roles: ['approver'], mfa: false });
    officer = await sessionFor(t.runtime, o.id);
    approver = await sessionFor(t.runtime, a.id);
    key = { authorization: (await apiKeyFor(t.runtime, ['integration'])).authorization };
  });
  afterEach(() => t.close());

  const post = (url: string, headers: object, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });

  /** Two users on one device; the second event's outcome tells which version decided. */
  async function probe(): Promise<{ outcome: string; policy: unknown; rules: string[] }[]> {
    const out = [];
    const device = `dev-${n}`;
    for (const user of ['ua', 'ub']) {
      const body = tx(`p-${n++}`, `${user}-${n}`, n);
      body.subject.device_id = device;
      const res = (await post('/api/v1/decisions', key, body)).json();
      out.push({
        outcome: res.outcome,
        policy: res.policy,
        rules: res.rule_hits.map((h: { rule_id: string }) => h.rule_id),
      });
    }
    return out;
  }

  async function saveAndPublish(source: string, mode: 'active' | 'shadow'): Promise<string> {
    const saved = await post('/api/v1/policies', officer, { source, format: 'yaml' });
    expect(saved.statusCode).toBe(201);
    const { id, version } = saved.json();
    const change = await post(`/api/v1/policies/${id}/publish`, officer, {
      version,
      mode,
      reason: 'tighten device sharing',
    });
    expect(change.statusCode).toBe(202);
    return change.json().id;
  }

  it('reaches live decisions only after a second person approves, and rollback restores the previous outcomes exactly', async () => {
    const c1 = await saveAndPublish(V1, 'active');
    expect((await probe())[1]?.policy).toBeNull(); // submitted, not yet approved
    const self = await post(`/api/v1/changes/${c1}/approve`, officer, {});
    expect(self.statusCode).toBe(403);
    expect((await post(`/api/v1/changes/${c1}/approve`, approver, {})).statusCode).toBe(200);
    const v1 = await probe();
    expect(v1[1]).toMatchObject({ outcome: 'approve', policy: { id: 'transaction-velocity', version: 1 } });

    const c2 = await saveAndPublish(V2, 'active');
    expect((await probe())[1]?.policy).toEqual({ id: 'transaction-velocity', version: 1 });
    expect((await post(`/api/v1/changes/${c2}/approve`, approver, {})).statusCode).toBe(200);
    const v2 = await probe();
    expect(v2[1]).toMatchObject({ outcome: 'reject', policy: { version: 2 }, rules: ['shared_device'] });

    const versions = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/policies/transaction-velocity/versions',
        headers: officer,
      })
    ).json();
    expect(versions.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    const diff = await t.app.inject({
      method: 'GET',
      url: '/api/v1/policies/transaction-velocity/diff?from=1&to=2',
      headers: officer,
    });
    expect(JSON.stringify(diff.json().changes)).toContain('shared_device');

    const rb = await post('/api/v1/policies/transaction-velocity/rollback', officer, {
      reason: 'too many false positives',
    });
    expect(rb.statusCode).toBe(202);
    expect((await post(`/api/v1/changes/${rb.json().id}/approve`, approver, {})).statusCode).toBe(200);
    const back = await probe();
    expect(back).toEqual(v1);
  });

  it('runs a shadow policy beside the active one without changing the decision', async () => {
    const c1 = await saveAndPublish(V1, 'active');
    await post(`/api/v1/changes/${c1}/approve`, approver, {});
    const c2 = await saveAndPublish(SHADOW, 'shadow');
    await post(`/api/v1/changes/${c2}/approve`, approver, {});
    await post('/api/v1/decisions', key, tx('earlier', 'shadow-user', 58));
    const res = (await post('/api/v1/decisions', key, tx('shadowed', 'shadow-user', 59))).json();
    expect(res.outcome).toBe('approve');
    const trace = (
      await t.app.inject({ method: 'GET', url: `/api/v1/decisions/${res.decision_id}`, headers: officer })
    ).json();
    expect(trace.shadows).toEqual([
      expect.objectContaining({
        policy_id: 'transaction-challenger',
        outcome: 'review',
        agrees: false,
        rule_hits: expect.arrayContaining(['burst']),
      }),
    ]);
  });

  it('refuses an invalid policy with every problem and its path', async () => {
    const bad = V1.replace('features.tx_count_user_1h > 5.0', 'features.nope > 5.0 &&').replace(
      'window: 24h',
      'window: 500d',
    );
    const res = await post('/api/v1/policies', officer, { source: bad, format: 'yaml' });
    expect(res.statusCode).toBe(422);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .join(' ');
    expect(paths).toContain('features[1]');
  });
});
