import { sql, type Transaction } from 'kysely';
import type { Store } from '../database.js';
import { MIGRATIONS } from '../migrations/index.js';
import type { Database } from '../schema.js';
import type { Executor } from '../transaction.js';
import { BackupRefused, bilingual } from './errors.js';

/**
 * Runs `work` inside one consistent read-only snapshot of `store` while other connections keep
 * writing. PostgreSQL: a `REPEATABLE READ READ ONLY` transaction, whose snapshot is fixed by its first
 * query. SQLite in WAL mode: a deferred `BEGIN` on this store's own (read-only) connection; the first
 * SELECT starts a read transaction that keeps seeing the database as of that moment while the server
 * commits to the WAL (https://www.sqlite.org/wal.html#concurrency). Kysely's SQLite transaction holds
 * the single connection throughout, so every query of `work` runs in the same snapshot.
 */
export function inSnapshot<T>(store: Store, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  const builder = store.db.transaction();
  return store.dialect === 'postgres'
    ? builder.setIsolationLevel('repeatable read').setAccessMode('read only').execute(work)
    : builder.execute(work);
}

/**
 * The migrations applied to the database behind `db`, in the order the code applies them. Refuses a
 * database without Fengkong's schema, one migrated by a newer Fengkong, and one with migrations
 * pending (a backup records one schema version, the one this code's `TABLES` describes).
 */
export async function appliedMigrations(db: Executor): Promise<string[]> {
  let names: string[];
  try {
    const rows = await sql<{ name: string }>`select name from fengkong_migration`.execute(db);
    names = rows.rows.map((r) => r.name);
  } catch {
    names = [];
  }
  const applied = new Set(names);
  const known = new Set(MIGRATIONS.map((m) => m.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw BackupRefused(
      bilingual(
        `the database was migrated by a newer Fengkong (unknown migrations: ${unknown.join(', ')})`,
        `数据库由更新版本的系统迁移过（未知迁移：${unknown.join(', ')}）`,
      ),
    );
  }
  if (applied.size === 0) {
    throw BackupRefused(
      bilingual(
        'the database has no Fengkong schema: nothing to back up',
        '数据库中没有风控系统的表结构：无可备份内容',
      ),
    );
  }
  const pending = MIGRATIONS.filter((m) => !applied.has(m.name)).map((m) => m.name);
  if (pending.length > 0) {
    throw BackupRefused(
      bilingual(
        `the database has pending migrations (${pending.join(', ')}): run fengkong migrate first`,
        `数据库有待执行的迁移（${pending.join(', ')}）：请先运行 fengkong migrate`,
      ),
    );
  }
  return MIGRATIONS.map((m) => m.name);
}
