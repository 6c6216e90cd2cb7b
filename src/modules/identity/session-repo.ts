import type { LoginChallengeTable, UserSessionTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';

/** Stores a new session. */
export async function insertSession(db: Executor, row: UserSessionTable): Promise<void> {
  await db.insertInto('user_session').values(row).execute();
}

/** A session by the hash of its token. */
export function sessionByTokenHash(db: Executor, tokenHash: string): Promise<UserSessionTable | undefined> {
  return db.selectFrom('user_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** A session by id. */
export function sessionById(db: Executor, id: string): Promise<UserSessionTable | undefined> {
  return db.selectFrom('user_session').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Moves a session's idle deadline: records that it was used at `now`. */
export async function touchSession(db: Executor, id: string, now: string): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Records that the person behind a session has just passed a second factor (enrolment from a session). */
export async function markSessionMfa(db: Executor, id: string): Promise<void> {
  await db.updateTable('user_session').set({ mfa_verified: 1 }).where('id', '=', id).execute();
}

/** Ends one session. Returns whether it was still open. */
export async function endSession(db: Executor, id: string, reason: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('user_session')
    .set({ ended_at: now, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every open session of a user. Returns how many were open. */
export async function endUserSessions(
  db: Executor,
  userId: string,
  reason: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('user_session')
    .set({ ended_at: now, end_reason: reason })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Stores a login challenge, and drops challenges that expired before `now`. */
export async function insertChallenge(db: Executor, row: LoginChallengeTable, now: string): Promise<void> {
  await db.deleteFrom('login_challenge').where('expires_at', '<', now).execute();
  await db.insertInto('login_challenge').values(row).execute();
}

/** A challenge by the hash of its token. */
export function challengeByTokenHash(
  db: Executor,
  tokenHash: string,
): Promise<LoginChallengeTable | undefined> {
  return db.selectFrom('login_challenge').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Counts one more wrong code against a challenge; returns the new count. */
export async function bumpChallengeAttempts(db: Executor, id: string): Promise<number> {
  const row = await db
    .updateTable('login_challenge')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? Number.POSITIVE_INFINITY;
}

/** Uses up a challenge, only if it was not used before. Returns whether this call used it. */
export async function consumeChallenge(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('login_challenge')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up every open challenge of a user (MFA reset, disabling, password reset). */
export async function consumeUserChallenges(db: Executor, userId: string, now: string): Promise<void> {
  await db
    .updateTable('login_challenge')
    .set({ consumed_at: now })
    .where('user_id', '=', userId)
    .where('consumed_at', 'is', null)
    .execute();
}
