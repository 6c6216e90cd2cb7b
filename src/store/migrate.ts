import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect, Store } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './schema.js';
import { TABLES } from './schema.js';

/** What `migrate` did. */
export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

function migrator(db: Kysely<Database>, dialect: Dialect): Migrator {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of MIGRATIONS) out[m.name] = { up: (d) => m.up(d, dialect) };
      return out;
    },
  };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'fengkong_migration',
    migrationLockTableName: 'fengkong_migration_lock',
  });
}

/**
 * Applies every pending migration, each in its own transaction, under Kysely's migration lock so that
 * several processes starting at once apply each migration exactly once.
 */
export async function migrate(store: Store): Promise<MigrateResult> {
  const m = migrator(store.db, store.dialect);
  const before = (await m.getMigrations()).filter((x) => x.executedAt !== undefined).length;
  const { error, results } = await m.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    alreadyApplied: before,
  };
}

/** Names of migrations applied to this database, and those the code knows but the database lacks. */
export async function migrationStatus(
  store: Store,
): Promise<{ applied: string[]; pending: string[]; unknown: string[] }> {
  const known = new Set(MIGRATIONS.map((m) => m.name));
  let applied: string[] = [];
  try {
    const rows = await sql<{ name: string }>`select name from fengkong_migration order by name`.execute(
      store.db,
    );
    applied = rows.rows.map((r) => r.name);
  } catch {
    applied = [];
  }
  const appliedSet = new Set(applied);
  return {
    applied,
    pending: MIGRATIONS.map((m) => m.name).filter((n) => !appliedSet.has(n)),
    unknown: applied.filter((n) => !known.has(n)),
  };
}

/**
 * Drops every Fengkong table, the migration bookkeeping included (restore `--force`). The audit
 * tables refuse DELETE, so they are dropped, never emptied.
 */
export async function dropAll(store: Store): Promise<void> {
  const names = [...TABLES.map((t) => t.name)].reverse();
  for (const name of [...names, 'fengkong_migration', 'fengkong_migration_lock']) {
    await sql`drop table if exists ${sql.id(name)}${sql.raw(store.dialect === 'postgres' ? ' cascade' : '')}`.execute(
      store.db,
    );
  }
  if (store.dialect === 'postgres')
    await sql`drop function if exists fengkong_reject_change() cascade`.execute(store.db);
}
