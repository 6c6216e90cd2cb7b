import { type Config, loadConfig } from '../../src/config.js';
import { type App, buildApp } from '../../src/app/build-app.js';
import { type ComposeOptions, type Runtime, compose } from '../../src/app/compose.js';
import type { Dialect } from '../../src/store/database.js';
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from './databases.js';

/** A composed runtime and app over a fresh test database, with a silent logger. */
export interface TestApp {
  readonly app: App;
  readonly runtime: Runtime;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The configuration tests run with: the given database, quiet logs, no demo. */
export function testConfig(db: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ FENGKONG_LOG_LEVEL: 'silent', FENGKONG_DEMO: 'false', ...env }, { db });
}

/** Builds the whole app on a fresh database of `dialect` (use `app.inject`, never a port). */
export async function createTestApp(
  dialect: Dialect = 'sqlite',
  options: ComposeOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect, false);
  await database.store.close();
  const runtime = await compose(testConfig(database.url, options.env), { log: pino({ level: 'silent' }), ...options });
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
