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

import type { CasesTables } from '../modules/cases/tables.js';
import { CASES_TABLES } from '../modules/cases/tables.js';
import type { LoanTables } from '../modules/credit/loans/tables.js';
import { LOAN_TABLES } from '../modules/credit/loans/tables.js';
import type { PostLoanTables } from '../modules/credit/post-loan/tables.js';
import { POST_LOAN_TABLES } from '../modules/credit/post-loan/tables.js';
import type { ReserveTables } from '../modules/credit/reserve/tables.js';
import { RESERVE_TABLES } from '../modules/credit/reserve/tables.js';
import type { AlertTables } from '../modules/warning/alerts/tables.js';
import { ALERT_TABLES } from '../modules/warning/alerts/tables.js';
import type { KriTables } from '../modules/warning/kri/tables.js';
import { KRI_TABLES } from '../modules/warning/kri/tables.js';
import type { NotifyTables } from '../modules/warning/notify/tables.js';
import { NOTIFY_TABLES } from '../modules/warning/notify/tables.js';
import type { RegisterTables } from '../modules/warning/register/tables.js';
import { REGISTER_TABLES } from '../modules/warning/register/tables.js';
import type { SchedulerTables } from '../modules/warning/scheduler/tables.js';
import { SCHEDULER_TABLES } from '../modules/warning/scheduler/tables.js';
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

/** A custom event type declared by a risk officer: its JSON Schema (canonical JSON) for `data`. */
export interface EventTypeTable {
  name: string;
  schema: string;
  /** Canonical JSON `{en, zh}`. */
  description: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A policy and its deployment: `mode` inactive | active | shadow, and the version deployed. */
export interface PolicyTable {
  id: string;
  event_type: string;
  mode: string;
  deployed_version: number | null;
  /** What was deployed before the last publication, for one-step rollback. */
  previous_version: number | null;
  previous_mode: string | null;
  created_at: string;
  updated_at: string;
  /** Incremented by every deployment change, so that a change request can tell the policy moved on. */
  row_version: number;
}

/** One saved version of a policy: the normalised document (canonical JSON) and the text it came from. */
export interface PolicyVersionTable {
  policy_id: string;
  version: number;
  event_type: string;
  document: string;
  source: string;
  checksum: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** A block, allow or watch list; `kind` says what its values are (id_number, phone, ip, device_id, …). */
export interface RiskListTable {
  name: string;
  kind: string;
  purpose: 'block' | 'allow' | 'watch';
  /** 1 when changes go through four eyes. */
  protected: number;
  description: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One value of a list: identity numbers, phones and cards as keyed hashes, `display` masked. */
export interface RiskListEntryTable {
  list_name: string;
  value: string;
  display: string;
  reason: string;
  source: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
}

/** An event as decided (identifiers hashed); `body_hash` makes it the idempotency record of its id. */
export interface EventTable {
  id: string;
  type: string;
  occurred_at: string;
  /** Canonical JSON of the subject, sensitive identifiers as keyed hashes. */
  subject: string;
  /** Canonical JSON of `data`. */
  data: string;
  body_hash: string;
  received_at: string;
}

/** A decision; `response` is the exact body returned, replayed byte for byte on a retry. */
export interface DecisionTable {
  id: string;
  event_id: string;
  event_type: string;
  occurred_at: string;
  created_at: string;
  outcome: string;
  score: number | null;
  policy_id: string | null;
  policy_version: number | null;
  /** Why the fallback outcome applied (`timeout`, `velocity_unavailable`, `no_policy`, …), or null. */
  fallback: string | null;
  response: string;
}

/** Subject identifiers of a decision, for search by subject. */
export interface DecisionSubjectTable {
  key: string;
  value: string;
  decision_id: string;
}

/** The rules that fired in a decision, for search by rule. */
export interface DecisionRuleHitTable {
  rule_id: string;
  decision_id: string;
}

/** What a shadow (challenger) policy would have decided; never returned as the decision. */
export interface DecisionShadowTable {
  decision_id: string;
  policy_id: string;
  policy_version: number;
  outcome: string;
  score: number | null;
  /** Canonical JSON of its rule hits and errors. */
  result: string;
}

/** The manual review queue: one row per `review` decision, resolved by an analyst. */
export interface ReviewTable {
  decision_id: string;
  event_type: string;
  status: 'open' | 'resolved';
  created_at: string;
  resolved_by_type: string | null;
  resolved_by_id: string | null;
  resolved_at: string | null;
  /** `fraud` or `legitimate`: the label later used by backtests. */
  resolution: string | null;
  comment: string | null;
}

/** A backtest over stored events, with its report (canonical JSON). */
export interface BacktestRunTable {
  id: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  request: string;
  report: string;
}

/** A registered scorecard: which of its versions engine policies score with. */
export interface ScorecardTable {
  name: string;
  published_version: number | null;
  /** The version published before, for one-step rollback. */
  previous_version: number | null;
  created_at: string;
  updated_at: string;
  row_version: number;
}

/** One uploaded version of a scorecard: the `fengkong.scorecard/v1` document, never changed. */
export interface ScorecardVersionTable {
  name: string;
  version: number;
  document: string;
  checksum: string;
  /** Validation report (canonical JSON) computed at registration, when data was given. */
  report: string | null;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
}

/** The score a decision's scorecard model gave, and each variable's bin index (JSON array). */
export interface DecisionModelScoreTable {
  decision_id: string;
  model: string;
  /** The registered card name (or the inline card's name). */
  source: string;
  checksum: string;
  event_type: string;
  occurred_at: string;
  score: number;
  bins: string;
}

/** Every table, as Kysely sees the database (the loan tables are declared beside their module). */
export interface Database
  extends LoanTables,
    ReserveTables,
    PostLoanTables,
    SchedulerTables,
    AlertTables,
    NotifyTables,
    CasesTables,
    RegisterTables,
    KriTables {
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
  event_type: EventTypeTable;
  policy: PolicyTable;
  policy_version: PolicyVersionTable;
  risk_list: RiskListTable;
  risk_list_entry: RiskListEntryTable;
  event: EventTable;
  decision: DecisionTable;
  decision_subject: DecisionSubjectTable;
  decision_rule_hit: DecisionRuleHitTable;
  decision_shadow: DecisionShadowTable;
  review: ReviewTable;
  backtest_run: BacktestRunTable;
  scorecard: ScorecardTable;
  scorecard_version: ScorecardVersionTable;
  decision_model_score: DecisionModelScoreTable;
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
  { name: 'event_type', orderBy: ['name'] },
  { name: 'policy', orderBy: ['id'] },
  { name: 'policy_version', orderBy: ['policy_id', 'version'] },
  { name: 'risk_list', orderBy: ['name'] },
  { name: 'risk_list_entry', orderBy: ['list_name', 'value'] },
  { name: 'event', orderBy: ['id'] },
  { name: 'decision', orderBy: ['id'] },
  { name: 'decision_subject', orderBy: ['key', 'value', 'decision_id'] },
  { name: 'decision_rule_hit', orderBy: ['rule_id', 'decision_id'] },
  { name: 'decision_shadow', orderBy: ['decision_id', 'policy_id'] },
  { name: 'review', orderBy: ['decision_id'] },
  { name: 'backtest_run', orderBy: ['id'] },
  { name: 'scorecard', orderBy: ['name'] },
  { name: 'scorecard_version', orderBy: ['name', 'version'] },
  { name: 'decision_model_score', orderBy: ['decision_id', 'model'] },
  ...LOAN_TABLES,
  ...RESERVE_TABLES,
  ...POST_LOAN_TABLES,
  ...SCHEDULER_TABLES,
  ...ALERT_TABLES,
  ...NOTIFY_TABLES,
  ...CASES_TABLES,
  ...REGISTER_TABLES,
  ...KRI_TABLES,
];
