import { isoUtc } from '../../kernel/clock.js';
import type { AppUserTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';
import type { IdentityDeps } from './deps.js';
import { MfaAlreadyEnrolled, MfaEnrolmentNotStarted } from './errors.js';
import * as repo from './repo.js';
import {
  checkTotp,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  qrDataUrl,
  TOTP_CODE,
  totpUri,
} from './totp.js';

/** What a person needs to add Fengkong to an authenticator app; shown once, at enrolment. */
export interface EnrolmentOffer {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrDataUrl: string;
}

/** How a second factor was proven. */
export type SecondFactor = 'totp' | 'recovery_code';

/**
 * The second factor: TOTP enrolment (offer a secret, confirm it with a first code, hand out ten
 * recovery codes), checking a code at login (each TOTP step and each recovery code accepted once),
 * and reset by an administrator. Secrets are sealed with the `SecretBox` and bound to their user.
 */
export class Mfa {
  constructor(private readonly deps: IdentityDeps) {}

  /** Whether `user` has confirmed an authenticator. */
  static enrolled(user: AppUserTable): boolean {
    return user.mfa_secret !== null;
  }

  /** Offers a new secret to a user without MFA; replaces any offer not yet confirmed. */
  async startEnrolment(trx: Executor, user: AppUserTable): Promise<EnrolmentOffer> {
    if (Mfa.enrolled(user)) throw MfaAlreadyEnrolled();
    const secret = newTotpSecret();
    const sealed = this.deps.secrets.seal(secret, context(user.id));
    await repo.updateUser(trx, user.id, { mfa_pending_secret: sealed }, this.now());
    const otpauthUri = totpUri(secret, user.username);
    return { secret, otpauthUri, qrDataUrl: await qrDataUrl(otpauthUri) };
  }

  /**
   * Confirms the offered secret with a first code. Returns the ten recovery codes (shown once) or
   * undefined when the code is wrong.
   */
  async confirmEnrolment(trx: Executor, user: AppUserTable, code: string): Promise<string[] | undefined> {
    if (Mfa.enrolled(user)) throw MfaAlreadyEnrolled();
    if (!user.mfa_pending_secret) throw MfaEnrolmentNotStarted();
    const secret = this.deps.secrets.open(user.mfa_pending_secret, context(user.id));
    const step = await checkTotp(secret, code.trim(), this.deps.clock.now(), user.mfa_last_step);
    if (step === undefined || !(await repo.advanceMfaStep(trx, user.id, step))) return undefined;
    const now = this.now();
    await repo.updateUser(
      trx,
      user.id,
      { mfa_secret: user.mfa_pending_secret, mfa_pending_secret: null, mfa_enrolled_at: now },
      now,
    );
    return this.issueRecoveryCodes(trx, user.id);
  }

  /** Enrols `user` at once with `secret` (the demo workspace, tests); returns the recovery codes. */
  async enrolDirectly(trx: Executor, user: AppUserTable, secret: string): Promise<string[]> {
    const now = this.now();
    const sealed = this.deps.secrets.seal(secret, context(user.id));
    await repo.updateUser(
      trx,
      user.id,
      { mfa_secret: sealed, mfa_pending_secret: null, mfa_enrolled_at: now },
      now,
    );
    return this.issueRecoveryCodes(trx, user.id);
  }

  /**
   * Checks a second factor of an enrolled user: a 6-digit TOTP code (±1 step, each step once) or one
   * of their unused recovery codes. Records the use in `trx`; returns how the factor was proven, or
   * undefined when the code is not acceptable.
   */
  async verify(trx: Executor, user: AppUserTable, code: string): Promise<SecondFactor | undefined> {
    if (!user.mfa_secret) return undefined;
    const typed = code.trim();
    if (TOTP_CODE.test(typed)) {
      const secret = this.deps.secrets.open(user.mfa_secret, context(user.id));
      const step = await checkTotp(secret, typed, this.deps.clock.now(), user.mfa_last_step);
      return step !== undefined && (await repo.advanceMfaStep(trx, user.id, step)) ? 'totp' : undefined;
    }
    const hash = hashRecoveryCode(typed);
    if (hash && (await repo.useRecoveryCode(trx, user.id, hash, this.now()))) return 'recovery_code';
    return undefined;
  }

  /** Removes a user's MFA entirely (secret, offer, recovery codes): they enrol again at next login. */
  async reset(trx: Executor, userId: string): Promise<void> {
    await repo.updateUser(
      trx,
      userId,
      { mfa_secret: null, mfa_pending_secret: null, mfa_enrolled_at: null, mfa_last_step: null },
      this.now(),
    );
    await repo.deleteRecoveryCodes(trx, userId);
  }

  /** Unused recovery codes of a user. */
  codesLeft(trx: Executor, userId: string): Promise<number> {
    return repo.unusedRecoveryCodes(trx, userId);
  }

  private async issueRecoveryCodes(trx: Executor, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await repo.replaceRecoveryCodes(
      trx,
      userId,
      codes.map((c) => hashRecoveryCode(c)!),
      this.now(),
    );
    return codes;
  }

  private now(): string {
    return isoUtc(this.deps.clock.now());
  }
}

/** The associated data that binds a sealed TOTP secret to its user. */
function context(userId: string): string {
  return `totp:${userId}`;
}
