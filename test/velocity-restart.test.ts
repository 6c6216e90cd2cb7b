/**
 * Velocity state survives a restart: a new process rebuilds the windows from the stored events, so
 * the seventh payment of the hour is seen as the seventh even when the server restarted after the
 * sixth.
 */
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../src/app/build-app.js';
import { compose } from '../src/app/compose.js';
import type { Dialect } from '../src/store/database.js';
import { testConfig } from './support/app.js';
import { createTestDatabase, describeEachDialect, type TestDatabase } from './support/databases.js';
import { deployDirectly } from './support/engine.js';
import { apiKeyFor } from './support/identity.js';

describeEachDialect('velocity state across a restart', (dialect: Dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(dialect, false);
    await db.store.close();
  });
  afterEach(() => db.drop());

  async function start() {
    const runtime = await compose(testConfig(db.url), { log: pino({ level: 'silent' }) });
    const app = await buildApp(runtime);
    const close = async () => {
      await app.close();
      await runtime.close();
    };
    return { runtime, app, close };
  }

  it('rebuilds the windows from stored events', async () => {
    const first = await start();
    await deployDirectly(first.runtime, 'transaction-velocity');
    const { authorization } = await apiKeyFor(first.runtime, ['integration']);
    const send = (app: typeof first.app, i: number) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/decisions',
        headers: { authorization },
        payload: {
          type: 'transaction',
          id: `r${i}`,
          occurred_at: `2026-11-01T10:00:0${i}Z`,
          subject: { user_id: 'u1', device_id: 'd1' },
          data: { amount: 100, kind: 'payment' },
        },
      });
    for (let i = 0; i < 6; i++) expect((await send(first.app, i)).statusCode).toBe(200);
    await first.close();

    const second = await start();
    try {
      const res = (await send(second.app, 6)).json();
      expect(res.features.tx_count_user_1h).toBe(7);
      expect(res.features.tx_sum_user_24h).toBe(700);
      expect(res.outcome).toBe('review');
    } finally {
      await second.close();
    }
  });
});
