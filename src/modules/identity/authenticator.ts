import type { FastifyRequest } from 'fastify';
import type { Authenticator, Principal } from '../../app/auth.js';
import { Account } from './account.js';
import type { ApiKeys } from './api-keys.js';
import { type IdentityConfig, parseRoles } from './deps.js';
import { CsrfRejected } from './errors.js';
import { mfaRequired, type Permission, permissionsOf } from './permissions.js';
import { type LiveSession, readSessionCookie, type Sessions } from './sessions.js';
import { csrfMatches } from './tokens.js';

/** Methods that change state and therefore need the CSRF header when a cookie authenticates them. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The permission every person holds over their own session. */
export const SELF: Permission = 'session:self';

/**
 * The identity module's `Authenticator`: a Bearer API key, else the `fk_session` cookie. A cookie
 * on a state-changing request must come with `x-csrf-token` (the session's CSRF token), so a page on
 * another site cannot make the browser act (SameSite=Strict already stops most of that; the header
 * is the second line, OWASP CSRF Prevention Cheat Sheet). Bearer requests need no CSRF token: no
 * browser attaches them by itself. Expired, ended, revoked or disabled credentials answer undefined.
 */
export function createIdentityAuthenticator(
  config: IdentityConfig,
  clock: { now(): number },
  sessions: Sessions,
  apiKeys: ApiKeys,
): Authenticator {
  return {
    async authenticate(request: FastifyRequest): Promise<Principal | undefined> {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const match = /^Bearer +(\S+)$/i.exec(authorization);
        return match ? apiKeys.authenticate(match[1]!, request.ip) : undefined;
      }
      const token = readSessionCookie(request.headers.cookie);
      if (!token) return undefined;
      const live = await sessions.lookup(token);
      if (!live) return undefined;
      if (UNSAFE_METHODS.has(request.method)) {
        const given = request.headers['x-csrf-token'];
        if (!csrfMatches(token, typeof given === 'string' ? given : undefined)) throw CsrfRejected();
      }
      await sessions.touch(live);
      return sessionPrincipal(live, clock.now(), config.passwordMaxAgeDays);
    },
  };
}

/**
 * The principal of a live session. Until the person changes a password that must be changed, or
 * passes MFA that their roles now require (an auditor made analyst mid-session), the session can
 * do nothing but look after itself: every other route answers 403.
 */
export function sessionPrincipal(live: LiveSession, nowMs: number, passwordMaxAgeDays: number): Principal {
  const { user, session } = live;
  const roles = parseRoles(user.roles);
  const restricted =
    Account.passwordChangeRequired(user, nowMs, passwordMaxAgeDays) ||
    (mfaRequired(roles) && session.mfa_verified !== 1);
  const permissions = new Set<string>(restricted ? [] : permissionsOf(roles));
  permissions.add(SELF);
  return {
    actor: { type: 'user', id: user.id },
    name: user.display_name,
    roles,
    permissions,
    sessionId: session.id,
  };
}
