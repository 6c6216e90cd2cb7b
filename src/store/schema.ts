/**
 * Table types of the whole database, one interface per table, combined in `Database` for Kysely.
 *
 * Portability rules, so that the same rows read back the same on SQLite and PostgreSQL and a backup
 * from one restores into the other with equal checksums:
 * - times are `text` in UTC ISO-8601 with milliseconds (`2026-01-01T00:00:00.000Z`);
 * - whole numbers are `integer` / `bigint` and read as JavaScript numbers (PostgreSQL `int8` is parsed
 *   to a number by the store; counters stay far below 2^53);
 * - decimal money is `text` holding a plain decimal string, never a float;
 * - flags are `integer` 0 / 1, JSON documents are `text` holding canonical JSON.
 */

/** One entry of the hash-chained audit log. */
export interface AuditLogTable {
  seq: number;
  ts: string;
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  outcome: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The chain head (a single row, id 1): the last sequence number and hash appended. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A checkpoint of the audit chain: its head and the RFC 6962 Merkle root over entries 1..seq. */
export interface AuditCheckpointTable {
  seq: number;
  head_hash: string;
  merkle_root: string;
  /** JSON array of the roots of the perfect subtrees covering 1..seq, largest first. */
  frontier: string;
  created_at: string;
}

/** Messages to publish to brokers, written in the same transaction as the change they announce. */
export interface OutboxTable {
  id: string;
  topic: string;
  message_key: string;
  payload: string;
  created_at: string;
  published_at: string | null;
  attempts: number;
}

/** Settings and facts about this installation (workspace name, demo loaded, …). */
export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Every table, as Kysely sees the database. */
export interface Database {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoint: AuditCheckpointTable;
  outbox: OutboxTable;
  setting: SettingTable;
}

/** A table of Fengkong's own, with the columns that order its rows (for backups and checksums). */
export interface TableInfo {
  readonly name: keyof Database & string;
  readonly orderBy: readonly string[];
}

/**
 * Every table, in an order that satisfies foreign keys when restoring. A new table must be added
 * here; a test compares this list with the tables the migrations actually create.
 */
export const TABLES: readonly TableInfo[] = [
  { name: 'setting', orderBy: ['key'] },
  { name: 'audit_log', orderBy: ['seq'] },
  { name: 'audit_head', orderBy: ['id'] },
  { name: 'audit_checkpoint', orderBy: ['seq'] },
  { name: 'outbox', orderBy: ['id'] },
];
