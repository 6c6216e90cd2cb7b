import { sql } from 'kysely';
import type { Store } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { TABLES } from './schema.js';

/** What `migrate` did. */
export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/**
 * Key of the PostgreSQL advisory lock held while migrating: any 64-bit number of our own
 * (the bytes of "fengkong" in ASCII), so that concurrent starts queue instead of racing.
 */
const MIGRATION_LOCK = 0x66656e676b6f6e67n;

/**
 * Applies every pending migration in order, each in its own transaction together with its record in
 * `fengkong_migration`, so a migration is either fully applied and recorded or not at all. On
 * PostgreSQL each transaction first takes an advisory lock, so several processes starting at once
 * apply each migration exactly once. (Kysely's own Migrator is not used: it looks for its bookkeeping
 * table across every schema of the database, which breaks installations that share one database in
 * separate schemas and races with schemas being dropped.)
 */
export async function migrate(store: Store): Promise<MigrateResult> {
  const { db, dialect } = store;
  const lock = async (trx: typeof db) => {
    if (dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK.toString())}::bigint)`.execute(trx);
  };
  await db.transaction().execute(async (trx) => {
    await lock(trx);
    await sql`create table if not exists fengkong_migration (name text primary key, applied_at text not null)`.execute(
      trx,
    );
  });
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of MIGRATIONS) {
    const ran = await db.transaction().execute(async (trx) => {
      await lock(trx);
      const done = await sql<{
        name: string;
      }>`select name from fengkong_migration where name = ${migration.name}`.execute(trx);
      if (done.rows.length > 0) return false;
      await migration.up(trx as never, dialect);
      await sql`insert into fengkong_migration (name, applied_at) values (${migration.name}, ${new Date().toISOString()})`.execute(
        trx,
      );
      return true;
    });
    if (ran) applied.push(migration.name);
    else alreadyApplied++;
  }
  return { applied, alreadyApplied };
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
