import { sql } from 'kysely';
import type { AppUserTable, UserRecoveryCodeTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';

/** Columns of a user that a change may set; `version` and `updated_at` move with every change. */
export type UserPatch = Partial<Omit<AppUserTable, 'id' | 'created_at' | 'version'>>;

/** Stores a new user. */
export async function insertUser(db: Executor, row: AppUserTable): Promise<void> {
  await db.insertInto('app_user').values(row).execute();
}

/** One user by id. */
export function userById(db: Executor, id: string): Promise<AppUserTable | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One user by (lowercase) username. */
export function userByUsername(db: Executor, username: string): Promise<AppUserTable | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

/** A page of users in username order. */
export function listUsers(db: Executor, limit: number, offset: number): Promise<AppUserTable[]> {
  return db.selectFrom('app_user').selectAll().orderBy('username').limit(limit).offset(offset).execute();
}

/** Every active user (for the last-administrator check; installations have tens to hundreds). */
export function activeUsers(db: Executor): Promise<AppUserTable[]> {
  return db.selectFrom('app_user').selectAll().where('status', '=', 'active').execute();
}

/** Applies `patch` to a user, bumping its version. Returns whether the user exists. */
export async function updateUser(db: Executor, id: string, patch: UserPatch, now: string): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ ...patch, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Counts one more failed login and, when that reaches `threshold`, locks the account until
 * `lockUntil` and starts the count again. One statement (every right-hand side reads the row as it
 * was), so concurrent failures are all counted and exactly one of them locks. Returns whether this
 * failure locked the account.
 */
export async function recordFailure(
  db: Executor,
  id: string,
  threshold: number,
  lockUntil: string,
): Promise<boolean> {
  const row = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`case when failed_logins + 1 >= ${threshold} then 0 else failed_logins + 1 end`,
      locked_until: sql<
        string | null
      >`case when failed_logins + 1 >= ${threshold} then ${lockUntil} else locked_until end`,
    })
    .where('id', '=', id)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  return row !== undefined && row.failed_logins === 0 && row.locked_until === lockUntil;
}

/** A successful login: clears the failure counter and any lock. */
export async function recordSuccess(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_logins: 0, locked_until: null, last_login_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Records that a TOTP code of `step` was accepted, only if no code of this step or a later one was
 * accepted before. The condition runs inside the UPDATE, so of two requests racing with the same
 * code exactly one wins. Returns whether this one did.
 */
export async function advanceMfaStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ mfa_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces a user's recovery codes with new ones (hashes). */
export async function replaceRecoveryCodes(
  db: Executor,
  userId: string,
  hashes: readonly string[],
  now: string,
): Promise<void> {
  await deleteRecoveryCodes(db, userId);
  const rows: UserRecoveryCodeTable[] = hashes.map((code_hash) => ({
    user_id: userId,
    code_hash,
    created_at: now,
    used_at: null,
  }));
  if (rows.length > 0) await db.insertInto('user_recovery_code').values(rows).execute();
}

/** Deletes every recovery code of a user (MFA reset). */
export async function deleteRecoveryCodes(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('user_recovery_code').where('user_id', '=', userId).execute();
}

/** Marks a recovery code used, only if it exists and is unused. Returns whether it was. */
export async function useRecoveryCode(
  db: Executor,
  userId: string,
  hash: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('user_recovery_code')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many unused recovery codes a user has left. */
export async function unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('user_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
