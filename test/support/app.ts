import pino from 'pino';
import { type App, buildApp } from '../../src/app/build-app.js';
import { type ComposeOptions, compose, type Runtime } from '../../src/app/compose.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Dialect } from '../../src/store/database.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** A composed runtime and app over a fresh test database, with a silent logger. */
export interface TestApp {
  readonly app: App;
  readonly runtime: Runtime;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The key that seals TOTP secrets in tests (a test-only value: PostgreSQL installations need one set,
 * and SQLite ones would otherwise write a key file beside each test database).
 */
export const TEST_SECRET_KEY = 'test-only-secret-key-for-totp-sealing-0123456789';

/** The configuration tests run with: the given database, quiet logs, no demo, a test secret key. */
export function testConfig(db: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig(
    { FENGKONG_LOG_LEVEL: 'silent', FENGKONG_DEMO: 'false', FENGKONG_SECRET_KEY: TEST_SECRET_KEY, ...env },
    { db },
  );
}

/** Builds the whole app on a fresh database of `dialect` (use `app.inject`, never a port). */
export async function createTestApp(
  dialect: Dialect = 'sqlite',
  options: ComposeOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect, false);
  await database.store.close();
  const runtime = await compose(testConfig(database.url, options.env), {
    log: pino({ level: 'silent' }),
    ...options,
  });
  const app = await buildApp(runtime);
  await app.ready();
  return {
    app,
    runtime,
    database,
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}
