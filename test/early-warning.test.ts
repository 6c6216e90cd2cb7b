import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../src/kernel/clock.js';
import type { Dialect } from '../src/store/database.js';
import { createTestApp, type TestApp } from './support/app.js';
import { describeEachDialect } from './support/databases.js';
import { type SessionHeaders, seedUser, sessionFor } from './support/identity.js';

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
});
