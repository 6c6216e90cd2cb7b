import { isoUtc } from '../../kernel/clock.js';
import type { AppUserTable } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import { type IdentityDeps, type RequestOrigin, userActor, userTarget } from './deps.js';
import { CurrentPasswordWrong, PasswordUnchanged, UserNotFound } from './errors.js';
import { type EnrolmentOffer, Mfa } from './mfa.js';
import { checkPasswordPolicy, hashPassword, normalizePassword, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import * as sessionRepo from './session-repo.js';
import type { IssuedSession, Sessions } from './sessions.js';

/** A signed-in person acting on their own account. */
export interface Self {
  readonly userId: string;
  readonly sessionId: string;
}

/**
 * What people do to their own account from a session: log out (here or everywhere), change their
 * password (which ends every session and hands this browser a new one), and enrol MFA when their
 * roles let them sign in without it (auditors).
 */
export class Account {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly sessions: Sessions,
    private readonly mfa: Mfa,
  ) {}

  /** Whether `user` must change their password before doing anything else. */
  static passwordChangeRequired(user: AppUserTable, nowMs: number, maxAgeDays: number): boolean {
    if (user.must_change_password === 1) return true;
    return maxAgeDays > 0 && nowMs >= Date.parse(user.password_changed_at) + maxAgeDays * 86_400_000;
  }

  /** Ends this session. */
  async logout(self: Self, origin: RequestOrigin): Promise<void> {
    await transact(this.deps.db, async (trx) => {
      await this.sessions.end(trx, self.sessionId, 'logout');
      await this.deps.audit.append(trx, {
        actor: userActor({ id: self.userId }),
        action: 'auth.logout',
        target: userTarget({ id: self.userId }),
        payload: { session_id: self.sessionId, ip: origin.ip },
      });
    });
  }

  /** Ends every session of this person, this one included; returns how many ended. */
  logoutEverywhere(self: Self, origin: RequestOrigin): Promise<number> {
    return transact(this.deps.db, async (trx) => {
      const ended = await this.sessions.endAll(trx, self.userId, 'logout_all');
      await this.deps.audit.append(trx, {
        actor: userActor({ id: self.userId }),
        action: 'auth.logout_all',
        target: userTarget({ id: self.userId }),
        payload: { sessions_ended: ended, ip: origin.ip },
      });
      return ended;
    });
  }

  /**
   * Changes the password after checking the current one (a wrong one counts towards the lockout).
   * Every session ends; the new session returned replaces this browser's.
   */
  async changePassword(
    self: Self,
    current: string,
    next: string,
    origin: RequestOrigin,
  ): Promise<IssuedSession> {
    const { db, clock, audit, config } = this.deps;
    const user = await repo.userById(db, self.userId);
    if (!user) throw UserNotFound();
    if (!(await verifyPassword(user.password_hash, current))) {
      await transact(db, async (trx) => {
        const until = isoUtc(clock.now() + config.loginLockoutMinutes * 60_000);
        await repo.recordFailure(trx, user.id, config.loginLockoutThreshold, until);
        await audit.append(trx, {
          actor: userActor(user),
          action: 'auth.password.change',
          target: userTarget(user),
          outcome: 'failure',
          payload: { reason: 'wrong_current_password', ip: origin.ip },
        });
      });
      throw CurrentPasswordWrong(undefined, [{ path: 'body.current_password', message: 'is wrong' }]);
    }
    checkPasswordPolicy(next, user.username, 'body.new_password');
    if (normalizePassword(next) === normalizePassword(current)) {
      throw PasswordUnchanged(undefined, [
        { path: 'body.new_password', message: 'equals the current password' },
      ]);
    }
    const hash = await hashPassword(next);
    return transact(db, async (trx) => {
      const now = isoUtc(clock.now());
      const old = await sessionRepo.sessionById(trx, self.sessionId);
      await repo.updateUser(
        trx,
        user.id,
        { password_hash: hash, password_changed_at: now, must_change_password: 0 },
        now,
      );
      const ended = await this.sessions.endAll(trx, user.id, 'password_changed');
      const session = await this.sessions.issue(trx, user, old?.mfa_verified === 1, origin);
      await audit.append(trx, {
        actor: userActor(user),
        action: 'auth.password.change',
        target: userTarget(user),
        payload: { sessions_ended: ended, session_id: session.id, ip: origin.ip },
      });
      return session;
    });
  }

  /** Starts MFA enrolment from a session (people whose roles do not force it at login). */
  async enrolStart(self: Self): Promise<EnrolmentOffer> {
    return transact(this.deps.db, async (trx) => {
      const user = await repo.userById(trx, self.userId);
      if (!user) throw UserNotFound();
      const offer = await this.mfa.startEnrolment(trx, user);
      await this.deps.audit.append(trx, {
        actor: userActor(user),
        action: 'auth.mfa.enrol.start',
        target: userTarget(user),
      });
      return offer;
    });
  }

  /**
   * Confirms enrolment from a session with a first code; the session counts as MFA-verified from now
   * on. Returns the recovery codes, or undefined when the code is wrong.
   */
  async enrolConfirm(self: Self, code: string, origin: RequestOrigin): Promise<string[] | undefined> {
    return transact(this.deps.db, async (trx) => {
      const user = await repo.userById(trx, self.userId);
      if (!user) throw UserNotFound();
      const codes = await this.mfa.confirmEnrolment(trx, user, code);
      await this.deps.audit.append(trx, {
        actor: userActor(user),
        action: 'auth.mfa.enrol.confirm',
        target: userTarget(user),
        outcome: codes ? 'success' : 'failure',
        payload: codes ? { ip: origin.ip } : { reason: 'wrong_code', ip: origin.ip },
      });
      if (codes) await sessionRepo.markSessionMfa(trx, self.sessionId);
      return codes;
    });
  }

  /** The user behind a session, for `GET /auth/session`. */
  async user(self: Self): Promise<AppUserTable> {
    const user = await repo.userById(this.deps.db, self.userId);
    if (!user) throw UserNotFound();
    return user;
  }

  /** Whether `user` has MFA. */
  static mfaEnrolled(user: AppUserTable): boolean {
    return Mfa.enrolled(user);
  }
}
