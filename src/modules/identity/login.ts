import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { AppUserTable, LoginChallengeTable } from '../../store/schema.js';
import { type Executor, transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import { type IdentityDeps, parseRoles, type RequestOrigin, userActor, userTarget } from './deps.js';
import { ChallengeInvalid, LoginFailed, MfaCodeInvalid, MfaEnrolmentRequired } from './errors.js';
import { type EnrolmentOffer, Mfa } from './mfa.js';
import { dummyVerify, prepareDummyHash, verifyPassword } from './passwords.js';
import { mfaRequired } from './permissions.js';
import * as repo from './repo.js';
import * as sessionRepo from './session-repo.js';
import type { IssuedSession, Sessions } from './sessions.js';
import { hashToken, newOpaqueToken, OPAQUE_TOKEN } from './tokens.js';
import { normalizeUsername } from './usernames.js';

/** What the second step of a login must be. */
export type ChallengeKind = 'mfa' | 'enrol' | 'enrol_optional';

/** The answer to a correct password: never a session, only what to do next. */
export interface ChallengeIssued {
  readonly next: 'mfa_required' | 'mfa_enrolment_required' | 'mfa_enrolment_optional';
  readonly challenge: string;
  readonly expiresAt: string;
}

/** A completed login. */
export interface LoginSuccess {
  readonly user: AppUserTable;
  readonly session: IssuedSession;
  /** Set when the login enrolled MFA: the ten recovery codes, shown once. */
  readonly recoveryCodes?: readonly string[];
}

const NEXT: Record<ChallengeKind, ChallengeIssued['next']> = {
  mfa: 'mfa_required',
  enrol: 'mfa_enrolment_required',
  enrol_optional: 'mfa_enrolment_optional',
};

/** How long the second step may wait after the password. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge tolerates before the password must be given again. */
export const CHALLENGE_MAX_ATTEMPTS = 5;

/** The actor of an attempt on a username that does not exist. */
const ANONYMOUS: Actor = Object.freeze({ type: 'user', id: 'anonymous' });

/**
 * The login state machine (OWASP ASVS 5.0 V6): password, then a second factor, and a session only
 * after both. The password step answers a failure identically for unknown, wrong, locked and
 * disabled (and spends one argon2 verification in every case); a correct password yields a
 * short-lived, single-use challenge. Every failure of either step counts towards the account
 * lockout; only a completed login resets the count, so a stolen password cannot be used to guess
 * codes without limit.
 */
export class Login {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly sessions: Sessions,
    private readonly mfa: Mfa,
  ) {}

  /** Step one: the password. */
  async password(username: string, password: string, origin: RequestOrigin): Promise<ChallengeIssued> {
    const { db, clock, audit } = this.deps;
    await prepareDummyHash();
    const name = normalizeUsername(username);
    const user = name ? await repo.userByUsername(db, name) : undefined;
    if (!user) {
      await dummyVerify(password);
      await audit.record({
        actor: ANONYMOUS,
        action: 'auth.login',
        target: { type: 'user', id: 'unknown' },
        outcome: 'failure',
        // Not the typed name, nor a hash of it: people type their password into the username field.
        payload: { step: 'password', reason: 'unknown_user', ip: origin.ip },
      });
      throw LoginFailed();
    }
    const matches = await verifyPassword(user.password_hash, password);
    const now = clock.now();
    const locked = user.locked_until !== null && Date.parse(user.locked_until) > now;
    const reason = locked
      ? 'locked'
      : user.status !== 'active'
        ? 'disabled'
        : matches
          ? undefined
          : 'wrong_password';
    if (reason) {
      await transact(db, (trx) =>
        this.fail(trx, user, 'password', reason, origin, reason === 'wrong_password'),
      );
      throw LoginFailed();
    }
    const kind: ChallengeKind = Mfa.enrolled(user)
      ? 'mfa'
      : mfaRequired(parseRoles(user.roles))
        ? 'enrol'
        : 'enrol_optional';
    const token = newOpaqueToken();
    const row: LoginChallengeTable = {
      id: newId(now),
      token_hash: hashToken(token),
      user_id: user.id,
      kind,
      created_at: isoUtc(now),
      expires_at: isoUtc(now + CHALLENGE_TTL_MS),
      attempts: 0,
      consumed_at: null,
    };
    await transact(db, async (trx) => {
      await sessionRepo.insertChallenge(trx, row, isoUtc(now));
      await audit.append(trx, {
        actor: userActor(user),
        action: 'auth.login.password',
        target: userTarget(user),
        payload: { next: NEXT[kind], ip: origin.ip },
      });
    });
    return { next: NEXT[kind], challenge: token, expiresAt: row.expires_at };
  }

  /**
   * Step two: a TOTP or recovery code for an enrolled user, or nothing for a user who may skip
   * enrolment. Ends the session of `previousToken` (the browser's old cookie) if any: a login always
   * gets a new session.
   */
  async secondFactor(
    challenge: string,
    code: string | undefined,
    origin: RequestOrigin,
    previousToken?: string,
  ): Promise<LoginSuccess> {
    const { row, user } = await this.openChallenge(challenge);
    if (row.kind === 'enrol') throw MfaEnrolmentRequired();
    if (row.kind === 'enrol_optional') {
      if (code !== undefined)
        throw MfaCodeInvalid('this account has no authenticator enrolled: send no code');
      return transact(this.deps.db, (trx) =>
        this.complete(trx, row, user, false, undefined, origin, previousToken),
      );
    }
    if (code === undefined)
      throw MfaCodeInvalid('send the code of your authenticator app or a recovery code');
    const outcome = await transact(this.deps.db, async (trx) => {
      const method = await this.mfa.verify(trx, user, code);
      if (!method) {
        await sessionRepo.bumpChallengeAttempts(trx, row.id);
        await this.fail(trx, user, 'mfa', 'wrong_code', origin, true);
        return undefined;
      }
      return this.complete(trx, row, user, true, method, origin, previousToken);
    });
    if (!outcome) throw MfaCodeInvalid();
    return outcome;
  }

  /** Enrolment during login: offers a secret to the holder of an enrolment challenge. */
  async enrolStart(challenge: string): Promise<EnrolmentOffer> {
    const { row, user } = await this.openChallenge(challenge);
    if (row.kind === 'mfa')
      throw MfaEnrolmentRequired('this account already has MFA: use POST /api/v1/auth/mfa');
    return transact(this.deps.db, async (trx) => {
      const offer = await this.mfa.startEnrolment(trx, user);
      await this.deps.audit.append(trx, {
        actor: userActor(user),
        action: 'auth.mfa.enrol.start',
        target: userTarget(user),
      });
      return offer;
    });
  }

  /** Enrolment during login: confirms the secret with a first code and completes the login. */
  async enrolConfirm(
    challenge: string,
    code: string,
    origin: RequestOrigin,
    previousToken?: string,
  ): Promise<LoginSuccess> {
    const { row, user } = await this.openChallenge(challenge);
    if (row.kind === 'mfa')
      throw MfaEnrolmentRequired('this account already has MFA: use POST /api/v1/auth/mfa');
    const outcome = await transact(this.deps.db, async (trx) => {
      const codes = await this.mfa.confirmEnrolment(trx, user, code);
      if (!codes) {
        await sessionRepo.bumpChallengeAttempts(trx, row.id);
        await this.deps.audit.append(trx, {
          actor: userActor(user),
          action: 'auth.mfa.enrol.confirm',
          target: userTarget(user),
          outcome: 'failure',
          payload: { reason: 'wrong_code', ip: origin.ip },
        });
        return undefined;
      }
      await this.deps.audit.append(trx, {
        actor: userActor(user),
        action: 'auth.mfa.enrol.confirm',
        target: userTarget(user),
      });
      const done = await this.complete(trx, row, user, true, 'totp', origin, previousToken);
      return { ...done, recoveryCodes: codes };
    });
    if (!outcome) throw MfaCodeInvalid();
    return outcome;
  }

  /** A live challenge and its user, or `FK_ERR_LOGIN_CHALLENGE_INVALID`. */
  private async openChallenge(token: string): Promise<{ row: LoginChallengeTable; user: AppUserTable }> {
    const { db, clock } = this.deps;
    if (!OPAQUE_TOKEN.test(token)) throw ChallengeInvalid();
    const row = await sessionRepo.challengeByTokenHash(db, hashToken(token));
    const now = clock.now();
    if (
      !row ||
      row.consumed_at !== null ||
      Date.parse(row.expires_at) <= now ||
      row.attempts >= CHALLENGE_MAX_ATTEMPTS
    ) {
      throw ChallengeInvalid();
    }
    const user = await repo.userById(db, row.user_id);
    const locked = user?.locked_until != null && Date.parse(user.locked_until) > now;
    if (user?.status !== 'active' || locked) throw ChallengeInvalid();
    return { row, user };
  }

  /** Consumes the challenge, resets the failure count, issues the session, records the login. */
  private async complete(
    trx: Executor,
    row: LoginChallengeTable,
    user: AppUserTable,
    mfaVerified: boolean,
    method: string | undefined,
    origin: RequestOrigin,
    previousToken: string | undefined,
  ): Promise<LoginSuccess> {
    const nowIso = isoUtc(this.deps.clock.now());
    if (!(await sessionRepo.consumeChallenge(trx, row.id, nowIso))) throw ChallengeInvalid();
    await repo.recordSuccess(trx, user.id, nowIso);
    if (previousToken && OPAQUE_TOKEN.test(previousToken)) {
      const old = await sessionRepo.sessionByTokenHash(trx, hashToken(previousToken));
      if (old && old.ended_at === null) await this.sessions.end(trx, old.id, 'replaced');
    }
    const session = await this.sessions.issue(trx, user, mfaVerified, origin);
    await this.deps.audit.append(trx, {
      actor: userActor(user),
      action: 'auth.login',
      target: userTarget(user),
      payload: { session_id: session.id, second_factor: method ?? 'none', ip: origin.ip },
    });
    return { user: { ...user, failed_logins: 0, locked_until: null, last_login_at: nowIso }, session };
  }

  /** Records a failed step; counts it towards the lockout when `counts`, locking at the threshold. */
  private async fail(
    trx: Executor,
    user: AppUserTable,
    step: 'password' | 'mfa',
    reason: string,
    origin: RequestOrigin,
    counts: boolean,
  ): Promise<void> {
    const { clock, audit, config } = this.deps;
    const now = clock.now();
    const until = isoUtc(now + config.loginLockoutMinutes * 60_000);
    const locked = counts && (await repo.recordFailure(trx, user.id, config.loginLockoutThreshold, until));
    await audit.append(trx, {
      actor: userActor(user),
      action: 'auth.login',
      target: userTarget(user),
      outcome: 'failure',
      payload: { step, reason, ip: origin.ip },
    });
    if (locked) {
      await audit.append(trx, {
        actor: userActor(user),
        action: 'auth.lockout',
        target: userTarget(user),
        payload: { until, failures: config.loginLockoutThreshold, ip: origin.ip },
      });
      await sessionRepo.consumeUserChallenges(trx, user.id, isoUtc(now));
    }
  }
}
