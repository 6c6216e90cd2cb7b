import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe } from 'vitest';
import { type Dialect, openStore, type Store } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';

/** PostgreSQL for the repository tests, when CI (or a developer) provides one. */
export const PG_URL = process.env['FENGKONG_TEST_PG_URL'];

/** A database made for one test: its URL, an open store, and how to throw it away. */
export interface TestDatabase {
  readonly dialect: Dialect;
  readonly url: string;
  readonly store: Store;
  /** Closes the store and deletes the file or schema. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database of `dialect`: a fresh SQLite file in a temporary folder, or a fresh
 * schema in the PostgreSQL database of `FENGKONG_TEST_PG_URL`. Migrated unless `migrated` is false.
 */
export async function createTestDatabase(dialect: Dialect, migrated = true): Promise<TestDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'fk-test-'));
    url = `sqlite:${join(dir, 'fengkong.db')}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    if (!PG_URL) throw new Error('FENGKONG_TEST_PG_URL is not set');
    const schema = `fk_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const u = new URL(PG_URL);
    u.searchParams.set('schema', schema);
    url = u.toString();
    cleanup = async () => {
      const admin = await openStore(PG_URL, { poolSize: 1 });
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      } finally {
        await admin.close();
      }
    };
  }
  const store = await openStore(url);
  if (migrated) await migrate(store);
  let dropped = false;
  return {
    dialect,
    url,
    store,
    async drop() {
      if (dropped) return;
      dropped = true;
      await store.close().catch(() => undefined);
      await cleanup();
    },
  };
}

/** The dialects this run covers: SQLite always, PostgreSQL when `FENGKONG_TEST_PG_URL` is set. */
export const DIALECTS: readonly Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Declares the same suite once per dialect (Kysely's `for (const dialect of DIALECTS)` habit). When
 * PostgreSQL is not configured its suite is reported as skipped, with the reason in its name.
 */
export function describeEachDialect(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const available = dialect === 'sqlite' || PG_URL !== undefined;
    const title = available
      ? `${name} [${dialect}]`
      : `${name} [postgres: skipped, set FENGKONG_TEST_PG_URL to run]`;
    describe.skipIf(!available)(title, () => suite(dialect));
  }
}
