import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import type { Dialect } from '../src/store/database.js';
import { createTestApp, type TestApp } from './support/app.js';
import { describeEachDialect } from './support/databases.js';
import { apiKeyFor, type SessionHeaders, seedUser, sessionFor } from './support/identity.js';

const DAY = 86_400_000;
const START = Date.parse('2026-10-01T00:00:00Z');
const day = (i: number) => new Date(START + i * DAY).toISOString();

/**
 * The whole path of issue 6 in one app: a KRI's values are pushed, its periods evaluated (the
 * scheduler's job does the same), bands with hysteresis decide, and the alert module raises.
 */
describeEachDialect('early warning end to end', (dialect: Dialect) => {
  let t: TestApp;
  let officer: SessionHeaders;
  const clock = new ManualClock(START + 40 * DAY);

  beforeEach(async () => {
    t = await createTestApp(dialect, { clock });
    const o = await seedUser(t.runtime, {
      username: 'officer',
      roles: ['risk_officer', 'analyst'],
      mfa: false,
    });
    officer = await sessionFor(t.runtime, o.id);
  });
  afterEach(() => t.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: officer as unknown as Record<string, string>,
      ...(payload ? { payload } : {}),
    });

  it('raises one alert for a series oscillating around its amber line, not one per crossing', async () => {
    const created = await call('POST', '/kris', {
      id: 'liquidity.cash_gap',
      name: { en: 'Funding gap', zh: '资金缺口' },
      risk_type: 'liquidity',
      unit: 'pct',
      direction: 'higher_is_worse',
      frequency: 'daily',
      source: { kind: 'pushed' },
      thresholds: { amber: 10, red: 20, hysteresis: 2 },
      detectors: [],
    });
    expect(created.statusCode).toBe(201);
    // Crosses 10 up and down six times, never more than 1.5 below it once it was above.
    const values = [5, 6, 10.5, 9, 10.8, 8.7, 11, 9.5, 10.2, 8.9, 10.4, 9.1];
    for (const [i, value] of values.entries()) {
      expect(
        (await call('POST', '/kris/liquidity.cash_gap/values', { period_start: day(i), value })).statusCode,
      ).toBe(200);
      expect(
        (await call('POST', '/kris/liquidity.cash_gap/evaluate', { period_start: day(i) })).statusCode,
      ).toBeLessThan(300);
    }
    const history = (await call('GET', '/kris/liquidity.cash_gap/history')).json();
    const bands = (history.points ?? history.items) as { band: string }[];
    expect(bands.map((p) => p.band)).toEqual([
      'green',
      'green',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
      'amber',
    ]);
    const alerts = (await call('GET', '/alerts?key=kri:liquidity.cash_gap')).json().items as {
      status: string;
      severity: string;
    }[];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: 'open', severity: 'medium' });

    // Then it goes red: the same alert is upgraded, still one.
    await call('POST', '/kris/liquidity.cash_gap/values', { period_start: day(12), value: 25 });
    await call('POST', '/kris/liquidity.cash_gap/evaluate', { period_start: day(12) });
    const after = (await call('GET', '/alerts?key=kri:liquidity.cash_gap')).json().items as {
      severity: string;
    }[];
    expect(after).toHaveLength(1);
    expect(after[0]?.severity).toBe('high');
  });

  it('raises an alert when a policy rule that asks for one fires on live traffic, one per subject', async () => {
    const a = await seedUser(t.runtime, { username: 'approver', roles: ['approver'], mfa: false });
    const approver = await sessionFor(t.runtime, a.id);
    const key = (await apiKeyFor(t.runtime, ['integration'])).authorization;
    const policy = `
id: withdrawal-watch
event_type: withdrawal
description: { en: Large withdrawals, zh: 大额提现 }
outcome: { mode: first_match, default: approve }
rules:
  - id: large_withdrawal
    description: { en: Withdrawal above 50000, zh: 提现超过 5 万元 }
    when: data.amount > 50000.0
    action: review
    alert: high
`;
    expect((await call('POST', '/policies', { source: policy, format: 'yaml' })).statusCode).toBe(201);
    const change = await call('POST', '/policies/withdrawal-watch/publish', {
      version: 1,
      mode: 'active',
      reason: 'go',
    });
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/changes/${change.json().id}/approve`,
      headers: approver as unknown as Record<string, string>,
      payload: {},
    });
    expect(approved.statusCode).toBe(200);
    const withdraw = (id: string, user: string, amount: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/decisions',
        headers: { authorization: key },
        payload: {
          type: 'withdrawal',
          id,
          occurred_at: new Date(clock.now() - 60_000).toISOString(),
          subject: { user_id: user },
          data: { amount },
        },
      });
    expect((await withdraw('w1', 'u-1', 80_000)).json().outcome).toBe('review');
    expect((await withdraw('w2', 'u-1', 90_000)).json().outcome).toBe('review');
    expect((await withdraw('w3', 'u-2', 70_000)).json().outcome).toBe('review');
    expect((await withdraw('w4', 'u-3', 100)).json().outcome).toBe('approve');
    // The hook runs after each commit: wait until both subjects' alerts have all their occurrences.
    type Seen = { subject: string; severity: string; occurrences: number; source: string };
    let alerts: Seen[] = [];
    for (let tries = 0; tries < 100; tries++) {
      alerts = (await call('GET', '/alerts?key=engine:withdrawal-watch:large_withdrawal')).json()
        .items as Seen[];
      if (alerts.reduce((n, x) => n + x.occurrences, 0) >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(alerts.map((x) => [x.subject, x.occurrences]).sort()).toEqual([
      ['user_id:u-1', 2],
      ['user_id:u-2', 1],
    ]);
    expect(alerts.every((x) => x.severity === 'high' && x.source === 'engine')).toBe(true);
  });
});
