import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { AppUserTable, UserSessionTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import * as repo from './repo.js';
import * as sessionRepo from './session-repo.js';
import { csrfTokenFor, hashToken, newOpaqueToken, OPAQUE_TOKEN } from './tokens.js';

/** The name of the session cookie. */
export const SESSION_COOKIE = 'fk_session';

/**
 * How stale `last_seen_at` may get before a request writes it again: sliding the idle deadline on
 * every request would turn every read into a write. A session may therefore end up to this much
 * earlier than its idle limit, never later.
 */
export const SESSION_TOUCH_MS = 30_000;

/** A session just issued: the token goes into the cookie once and is never shown again. */
export interface IssuedSession {
  readonly id: string;
  readonly token: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A live session and its user, as found from a cookie. */
export interface LiveSession {
  readonly session: UserSessionTable;
  readonly user: AppUserTable;
  /** When the session ends if unused from now on. */
  readonly idleExpiresAt: string;
}

/**
 * Browser sessions (OWASP ASVS 5.0 V7): opaque 256-bit tokens stored as SHA-256, an idle limit that
 * slides with use and an absolute limit that does not, a new token at every login (no fixation), and
 * every session of a user ended at once when they log out everywhere, change or lose their password,
 * lose their MFA, or are disabled.
 */
export class Sessions {
  constructor(private readonly deps: IdentityDeps) {}

  private get idleMs(): number {
    return this.deps.config.sessionIdleMinutes * 60_000;
  }

  /** Issues a new session for `user` inside `trx`. */
  async issue(
    trx: Executor,
    user: AppUserTable,
    mfaVerified: boolean,
    origin: RequestOrigin,
  ): Promise<IssuedSession> {
    const now = this.deps.clock.now();
    const token = newOpaqueToken();
    const row: UserSessionTable = {
      id: newId(now),
      token_hash: hashToken(token),
      user_id: user.id,
      mfa_verified: mfaVerified ? 1 : 0,
      created_at: isoUtc(now),
      last_seen_at: isoUtc(now),
      expires_at: isoUtc(now + this.deps.config.sessionAbsoluteMinutes * 60_000),
      ended_at: null,
      end_reason: null,
      ip: origin.ip.slice(0, 64),
      user_agent: origin.userAgent,
    };
    await sessionRepo.insertSession(trx, row);
    return {
      id: row.id,
      token,
      csrfToken: csrfTokenFor(token),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /**
   * The live session of `token`: not ended, within both limits, its user active. Writes nothing;
   * `touch` slides the idle deadline once the request is known to be acceptable.
   */
  async lookup(token: string): Promise<LiveSession | undefined> {
    if (!OPAQUE_TOKEN.test(token)) return undefined;
    const session = await sessionRepo.sessionByTokenHash(this.deps.db, hashToken(token));
    if (!session || session.ended_at !== null) return undefined;
    const now = this.deps.clock.now();
    const idleDeadline = Date.parse(session.last_seen_at) + this.idleMs;
    if (now >= idleDeadline || now >= Date.parse(session.expires_at)) return undefined;
    const user = await repo.userById(this.deps.db, session.user_id);
    if (user?.status !== 'active') return undefined;
    return { session, user, idleExpiresAt: isoUtc(Math.min(idleDeadline, Date.parse(session.expires_at))) };
  }

  /** Records use of a session (at most every `SESSION_TOUCH_MS`), sliding its idle deadline. */
  async touch(live: LiveSession): Promise<void> {
    const now = this.deps.clock.now();
    if (now - Date.parse(live.session.last_seen_at) < SESSION_TOUCH_MS) return;
    await sessionRepo.touchSession(this.deps.db, live.session.id, isoUtc(now));
  }

  /** Ends one session inside `trx`. */
  end(trx: Executor, sessionId: string, reason: string): Promise<boolean> {
    return sessionRepo.endSession(trx, sessionId, reason, isoUtc(this.deps.clock.now()));
  }

  /** Ends every session of a user inside `trx`; returns how many were open. */
  endAll(trx: Executor, userId: string, reason: string): Promise<number> {
    return sessionRepo.endUserSessions(trx, userId, reason, isoUtc(this.deps.clock.now()));
  }

  /** The `Set-Cookie` value that hands `token` to the browser. */
  cookie(token: string): string {
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${this.deps.config.cookieSecure ? '; Secure' : ''}`;
  }

  /** The `Set-Cookie` value that removes the session cookie. */
  clearCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${this.deps.config.cookieSecure ? '; Secure' : ''}`;
  }
}

/** The session token in a `Cookie` header, if any (the first well-formed `fk_session`). */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (OPAQUE_TOKEN.test(value)) return value;
  }
  return undefined;
}
