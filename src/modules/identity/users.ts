import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { AppUserTable } from '../../store/schema.js';
import { type Executor, transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import { type IdentityDeps, parseRoles, storeRoles, userTarget } from './deps.js';
import {
  LastAdmin,
  RoleConflict,
  RoleNotAllowed,
  UserNotFound,
  UsernameInvalid,
  UsernameTaken,
} from './errors.js';
import type { Mfa } from './mfa.js';
import { checkPasswordPolicy, generatePassword, hashPassword } from './passwords.js';
import { isRole, MACHINE_ONLY_ROLES, type Role, roleConflict } from './permissions.js';
import * as repo from './repo.js';
import * as sessionRepo from './session-repo.js';
import type { Sessions } from './sessions.js';
import { normalizeUsername } from './usernames.js';

/** A new person. Without `password` a random one is generated, shown once, and must be changed. */
export interface NewUser {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly roles: readonly string[];
  readonly password?: string | undefined;
}

/** A created user, and the generated password when there was one (shown once). */
export interface CreatedUser {
  readonly user: AppUserTable;
  readonly initialPassword?: string;
}

/**
 * People, as administrators manage them: create, list, rename, set roles (separation of duties
 * enforced), disable (every session ends at once) and enable, reset a forgotten password (a random
 * one to change at next login) or a lost authenticator. Every change writes its audit entry in the
 * same transaction.
 */
export class Users {
  constructor(
    private readonly deps: IdentityDeps,
    private readonly sessions: Sessions,
    private readonly mfa: Mfa,
  ) {}

  /**
   * Creates a user, inside `db` when it is a transaction. A given password is checked against the
   * policy; a generated one must be changed at first login.
   */
  async create(input: NewUser, actor: Actor, db: Executor = this.deps.db): Promise<CreatedUser> {
    const username = normalizeUsername(input.username);
    if (!username)
      throw UsernameInvalid(undefined, [{ path: 'username', message: 'is not a valid username' }]);
    const roles = checkUserRoles(input.roles);
    const initialPassword = input.password === undefined ? generatePassword() : undefined;
    const password = input.password ?? initialPassword!;
    if (input.password !== undefined) checkPasswordPolicy(input.password, username);
    const hash = await hashPassword(password);
    return transact(db, async (trx) => {
      if (await repo.userByUsername(trx, username)) throw UsernameTaken(`the username ${username} is taken`);
      const nowMs = this.deps.clock.now();
      const now = isoUtc(nowMs);
      const user: AppUserTable = {
        id: newId(nowMs),
        username,
        display_name: input.displayName?.trim() || username,
        password_hash: hash,
        password_changed_at: now,
        must_change_password: initialPassword === undefined ? 0 : 1,
        status: 'active',
        roles: storeRoles(roles),
        mfa_secret: null,
        mfa_pending_secret: null,
        mfa_enrolled_at: null,
        mfa_last_step: null,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await repo.insertUser(trx, user);
      await this.deps.audit.append(trx, {
        actor,
        action: 'user.create',
        target: userTarget(user),
        payload: {
          username,
          display_name: user.display_name,
          roles: [...roles].sort(),
          generated_password: !input.password,
        },
      });
      return initialPassword === undefined ? { user } : { user, initialPassword };
    });
  }

  /** A page of users in username order. */
  list(limit: number, offset: number): Promise<AppUserTable[]> {
    return repo.listUsers(this.deps.db, limit, offset);
  }

  /** One user; `FK_ERR_USER_NOT_FOUND` when there is none. */
  async get(id: string, db: Executor = this.deps.db): Promise<AppUserTable> {
    const user = await repo.userById(db, id);
    if (!user) throw UserNotFound(`user ${id} does not exist`);
    return user;
  }

  /** One user by username; `FK_ERR_USER_NOT_FOUND` when there is none. */
  async getByUsername(username: string): Promise<AppUserTable> {
    const name = normalizeUsername(username);
    const user = name ? await repo.userByUsername(this.deps.db, name) : undefined;
    if (!user) throw UserNotFound(`no user is named ${JSON.stringify(username)}`);
    return user;
  }

  /** Changes a user's display name. */
  rename(id: string, displayName: string, actor: Actor): Promise<AppUserTable> {
    return this.change(id, actor, 'user.update', async (trx, user) => {
      await repo.updateUser(trx, id, { display_name: displayName.trim() || user.username }, this.now());
      return { display_name: displayName.trim() };
    });
  }

  /**
   * Sets the roles of a user inside `trx` (the four-eyes applier calls this for role grants; the
   * `PUT /users/:id/roles` route calls it directly for administrators). Refuses unknown and
   * machine-only roles, separation-of-duties conflicts, and leaving no active administrator.
   */
  async setUserRoles(
    trx: Executor,
    userId: string,
    roles: readonly string[],
    actor: Actor,
  ): Promise<AppUserTable> {
    const checked = checkUserRoles(roles);
    const user = await this.get(userId, trx);
    const before = parseRoles(user.roles);
    if (before.includes('admin') && !checked.includes('admin') && user.status === 'active') {
      await this.requireAnotherAdmin(trx, userId);
    }
    await repo.updateUser(trx, userId, { roles: storeRoles(checked) }, this.now());
    await this.deps.audit.append(trx, {
      actor,
      action: 'user.roles.set',
      target: userTarget(user),
      payload: { before: [...before].sort(), after: [...checked].sort() },
    });
    return this.get(userId, trx);
  }

  /** Disables a user: they cannot log in, and every session of theirs ends in the same transaction. */
  disable(id: string, actor: Actor): Promise<AppUserTable> {
    return this.change(id, actor, 'user.disable', async (trx, user) => {
      if (parseRoles(user.roles).includes('admin') && user.status === 'active')
        await this.requireAnotherAdmin(trx, id);
      await repo.updateUser(trx, id, { status: 'disabled' }, this.now());
      await sessionRepo.consumeUserChallenges(trx, id, this.now());
      return { sessions_ended: await this.sessions.endAll(trx, id, 'user_disabled') };
    });
  }

  /** Enables a user again, and lifts any lockout. */
  enable(id: string, actor: Actor): Promise<AppUserTable> {
    return this.change(id, actor, 'user.enable', async (trx) => {
      await repo.updateUser(trx, id, { status: 'active', failed_logins: 0, locked_until: null }, this.now());
      return {};
    });
  }

  /**
   * Resets a forgotten password: a random one (returned once, for the administrator to hand over)
   * that must be changed at the next login. Every session of the user ends.
   */
  async resetPassword(id: string, actor: Actor): Promise<{ user: AppUserTable; password: string }> {
    const password = generatePassword();
    const hash = await hashPassword(password);
    const user = await this.change(id, actor, 'user.password.reset', async (trx) => {
      const now = this.now();
      await repo.updateUser(
        trx,
        id,
        {
          password_hash: hash,
          password_changed_at: now,
          must_change_password: 1,
          failed_logins: 0,
          locked_until: null,
        },
        now,
      );
      await sessionRepo.consumeUserChallenges(trx, id, now);
      return { sessions_ended: await this.sessions.endAll(trx, id, 'password_reset') };
    });
    return { user, password };
  }

  /** Removes a user's MFA (lost phone): they enrol again at next login. Every session ends. */
  resetMfa(id: string, actor: Actor): Promise<AppUserTable> {
    return this.change(id, actor, 'user.mfa.reset', async (trx) => {
      await this.mfa.reset(trx, id);
      await sessionRepo.consumeUserChallenges(trx, id, this.now());
      return { sessions_ended: await this.sessions.endAll(trx, id, 'mfa_reset') };
    });
  }

  /** Runs one audited change of an existing user in a transaction; returns the user afterwards. */
  private change(
    id: string,
    actor: Actor,
    action: string,
    work: (trx: Executor, user: AppUserTable) => Promise<Record<string, unknown>>,
  ): Promise<AppUserTable> {
    return transact(this.deps.db, async (trx) => {
      const user = await this.get(id, trx);
      const payload = await work(trx, user);
      await this.deps.audit.append(trx, { actor, action, target: userTarget(user), payload });
      return this.get(id, trx);
    });
  }

  private async requireAnotherAdmin(trx: Executor, userId: string): Promise<void> {
    const others = (await repo.activeUsers(trx)).filter(
      (u) => u.id !== userId && parseRoles(u.roles).includes('admin'),
    );
    if (others.length === 0) throw LastAdmin();
  }

  private now(): string {
    return isoUtc(this.deps.clock.now());
  }
}

/** Validates the roles of a person: known, not machine-only, no separation-of-duties conflict. */
export function checkUserRoles(roles: readonly string[]): Role[] {
  const unique = [...new Set(roles)];
  const unknown = unique.find((r) => !isRole(r));
  if (unknown !== undefined) throw RoleNotAllowed(`${JSON.stringify(unknown)} is not a role`);
  const known = unique as Role[];
  const machine = known.find((r) => MACHINE_ONLY_ROLES.includes(r));
  if (machine) throw RoleNotAllowed(`the role ${machine} is for API keys only`);
  const conflict = roleConflict(known);
  if (conflict) throw RoleConflict(`a user may not hold both ${conflict[0]} and ${conflict[1]}`);
  return known;
}
