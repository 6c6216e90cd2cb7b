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

/**
 * A four-eyes change request: what a maker proposed (kind, target, canonical-JSON content, reason),
 * the target's fingerprint at submission (for stale detection), and the decision once taken.
 * `status`: pending | applied | rejected | withdrawn | expired | stale.
 */
export interface ChangeRequestTable {
  id: string;
  kind: string;
  target_type: string;
  target_id: string;
  content: string;
  reason: string;
  maker_type: string;
  maker_id: string;
  fingerprint: string;
  status: string;
  submitted_at: string;
  expires_at: string;
  decided_by_type: string | null;
  decided_by_id: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  /** Canonical JSON of what the kind's `apply` returned. */
  result: string | null;
}

/** A person who signs in. Roles are a canonical JSON array of role names. */
export interface AppUserTable {
  id: string;
  /** Lowercase, unique. */
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  password_changed_at: string;
  /** 1 after an administrator reset: the next session may only change the password. */
  must_change_password: number;
  status: 'active' | 'disabled';
  roles: string;
  /** TOTP secret, AES-256-GCM sealed (`v1.<key id>.<iv>.<ciphertext>.<tag>`); null until enrolled. */
  mfa_secret: string | null;
  /** A secret offered at enrolment and not yet confirmed with a first code, sealed like `mfa_secret`. */
  mfa_pending_secret: string | null;
  mfa_enrolled_at: string | null;
  /** Last TOTP time step accepted (RFC 6238 T); a code of this step or older is refused. */
  mfa_last_step: number | null;
  /** Consecutive failed logins since the last success. */
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  /** Incremented by every change, so that a change request can tell its target moved on. */
  version: number;
}

/** One-time MFA recovery codes, SHA-256 hashed. */
export interface UserRecoveryCodeTable {
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A signed-in browser session; the cookie token is stored SHA-256 hashed. */
export interface UserSessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** 1 when the login passed a second factor. */
  mfa_verified: number;
  created_at: string;
  last_seen_at: string;
  /** The absolute limit; the idle limit is `last_seen_at` plus the idle timeout. */
  expires_at: string;
  ended_at: string | null;
  end_reason: string | null;
  ip: string;
  user_agent: string;
}

/** The state between the password step and the second step of a login, by hashed token. */
export interface LoginChallengeTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** `mfa`, `enrol` or `enrol_optional`. */
  kind: string;
  created_at: string;
  expires_at: string;
  attempts: number;
  consumed_at: string | null;
}

/** A machine credential; the key itself is stored SHA-256 hashed. */
export interface ApiKeyTable {
  id: string;
  name: string;
  /** The first characters of the key, so that people can tell keys apart. */
  hint: string;
  key_hash: string;
  roles: string;
  /** Canonical JSON array: the permissions the key actually carries (a subset of its roles'). */
  permissions: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

/** Every table, as Kysely sees the database. */
export interface Database {
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  audit_checkpoint: AuditCheckpointTable;
  outbox: OutboxTable;
  setting: SettingTable;
  app_user: AppUserTable;
  user_recovery_code: UserRecoveryCodeTable;
  user_session: UserSessionTable;
  login_challenge: LoginChallengeTable;
  api_key: ApiKeyTable;
  change_request: ChangeRequestTable;
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
  { name: 'app_user', orderBy: ['id'] },
  { name: 'user_recovery_code', orderBy: ['user_id', 'code_hash'] },
  { name: 'user_session', orderBy: ['id'] },
  { name: 'login_challenge', orderBy: ['id'] },
  { name: 'api_key', orderBy: ['id'] },
  { name: 'change_request', orderBy: ['id'] },
];
