import { sql } from 'kysely';
import { GENESIS_HASH } from '../../modules/audit/index.js';
import type { Store } from '../database.js';
import { dropAll, migrate, migrationStatus } from '../migrate.js';
import { TABLES } from '../schema.js';
import { BackupRefused, bilingual } from './errors.js';

/** Fengkong tables that exist in the target (its current schema). */
async function existingTables(store: Store): Promise<Set<string>> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(store.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema()`.execute(store.db);
  const fengkong = new Set<string>(TABLES.map((t) => t.name));
  return new Set(rows.rows.map((r) => r.name).filter((n) => fengkong.has(n)));
}

/**
 * Tables of the target that hold data: any row at all, except the audit head row the first migration
 * creates (id 1 at sequence 0 with the genesis hash), which every new database has.
 */
export async function occupiedTables(store: Store): Promise<string[]> {
  const present = await existingTables(store);
  const occupied: string[] = [];
  for (const { name } of TABLES) {
    if (!present.has(name)) continue;
    if (name === 'audit_head') {
      const rows = await store.db.selectFrom('audit_head').selectAll().execute();
      const fresh =
        rows.length === 0 || (rows.length === 1 && rows[0]?.seq === 0 && rows[0]?.hash === GENESIS_HASH);
      if (!fresh) occupied.push(name);
    } else {
      const row = await store.db.selectFrom(name).select(sql`1`.as('one')).limit(1).executeTakeFirst();
      if (row) occupied.push(name);
    }
  }
  return occupied;
}

/**
 * Gives the target this code's schema, empty: refuses a target migrated by a newer Fengkong (dropping
 * only the tables this code knows would leave the newer ones behind); when the target holds data
 * (only reached with force) or is not fully migrated, drops every Fengkong table and migrates again.
 * Returns whether anything was dropped.
 */
export async function prepareTarget(store: Store, occupied: boolean): Promise<boolean> {
  const status = await migrationStatus(store);
  if (status.unknown.length > 0) {
    throw BackupRefused(
      bilingual(
        `the target database was migrated by a newer Fengkong (${status.unknown.join(', ')})`,
        `目标数据库由更新版本的系统迁移过（${status.unknown.join(', ')}）`,
      ),
    );
  }
  if (status.pending.length === 0 && !occupied) return false;
  const hadTables = status.applied.length > 0 || occupied;
  await dropAll(store);
  await migrate(store);
  return hadTables;
}
