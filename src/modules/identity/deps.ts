import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { Clock } from '../../kernel/clock.js';
import type { Dialect } from '../../store/database.js';
import type { AppUserTable, Database } from '../../store/schema.js';
import type { Actor, AuditLog } from '../audit/index.js';
import { isPermission, isRole, type Permission, type Role } from './permissions.js';
import type { SecretBox } from './secret-box.js';

/** The settings the identity services read. */
export type IdentityConfig = Pick<
  Config,
  | 'sessionIdleMinutes'
  | 'sessionAbsoluteMinutes'
  | 'loginLockoutThreshold'
  | 'loginLockoutMinutes'
  | 'loginRateLimitPerMinute'
  | 'passwordMaxAgeDays'
  | 'cookieSecure'
>;

/** What every identity service takes: one typed object, wired by `createIdentity`. */
export interface IdentityDeps {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly config: IdentityConfig;
  readonly log: Logger;
  /** Seals TOTP secrets at rest. */
  readonly secrets: SecretBox;
}

/** Who acts from the command line: the operator at the server's console. */
export const CLI_ACTOR: Actor = Object.freeze({ type: 'system', id: 'cli' });

/** Where a request came from, for session records and audit entries. */
export interface RequestOrigin {
  readonly ip: string;
  readonly userAgent: string;
}

/** Roles as stored: canonical JSON of the sorted, de-duplicated names. */
export function storeRoles(roles: readonly string[]): string {
  return canonicalJson([...new Set(roles)].sort());
}

/** Roles as read back; names the code no longer knows are dropped rather than trusted. */
export function parseRoles(text: string): Role[] {
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed) ? parsed.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
}

/** Permissions as read back, unknown names dropped. */
export function parsePermissions(text: string): Permission[] {
  const parsed = JSON.parse(text) as unknown;
  return Array.isArray(parsed)
    ? parsed.filter((p): p is Permission => typeof p === 'string' && isPermission(p))
    : [];
}

/** A user-agent header cut to a sane length for storage. */
export function shortAgent(userAgent: string | string[] | undefined): string {
  const text = Array.isArray(userAgent) ? userAgent.join(' ') : (userAgent ?? '');
  return text.slice(0, 256);
}

/** The audit actor of a person. */
export function userActor(user: Pick<AppUserTable, 'id'>): Actor {
  return { type: 'user', id: user.id };
}

/** The audit target of a person. */
export function userTarget(user: Pick<AppUserTable, 'id'>): { type: string; id: string } {
  return { type: 'user', id: user.id };
}
