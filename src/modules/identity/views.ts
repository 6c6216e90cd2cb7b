import type { ApiKeyTable, AppUserTable } from '../../store/schema.js';
import { parsePermissions, parseRoles } from './deps.js';
import type { ApiKeyView, UserView } from './schemas.js';
import type { IssuedSession } from './sessions.js';

/**
 * What the API shows of stored rows: never a hash, a sealed secret or a failure counter. These
 * functions are the only way a row reaches a response.
 */
export function toUserView(row: AppUserTable, nowMs: number): UserView {
  const locked = row.locked_until !== null && Date.parse(row.locked_until) > nowMs;
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    roles: parseRoles(row.roles),
    status: row.status,
    mfa_enrolled: row.mfa_secret !== null,
    must_change_password: row.must_change_password === 1,
    locked_until: locked ? row.locked_until : null,
    last_login_at: row.last_login_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** An API key as listed: its hint, never the key or its hash. */
export function toApiKeyView(row: ApiKeyTable, nowMs: number): ApiKeyView {
  const status =
    row.revoked_at !== null
      ? 'revoked'
      : row.expires_at !== null && Date.parse(row.expires_at) <= nowMs
        ? 'expired'
        : 'active';
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    roles: parseRoles(row.roles),
    permissions: parsePermissions(row.permissions),
    status,
    created_by: { type: row.created_by_type, id: row.created_by_id },
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

/** A new session as the login answer shows it (the token itself travels only in the cookie). */
export function toSessionView(session: IssuedSession, idleMinutes: number) {
  return {
    id: session.id,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    idle_timeout_seconds: idleMinutes * 60,
  };
}
