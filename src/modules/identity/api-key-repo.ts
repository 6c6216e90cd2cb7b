import type { ApiKeyTable } from '../../store/schema.js';
import type { Executor } from '../../store/transaction.js';

/** Stores a new API key (its hash). */
export async function insertApiKey(db: Executor, row: ApiKeyTable): Promise<void> {
  await db.insertInto('api_key').values(row).execute();
}

/** A key by the hash of its secret. */
export function apiKeyByHash(db: Executor, keyHash: string): Promise<ApiKeyTable | undefined> {
  return db.selectFrom('api_key').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

/** A key by id. */
export function apiKeyById(db: Executor, id: string): Promise<ApiKeyTable | undefined> {
  return db.selectFrom('api_key').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every key, newest first (revoked ones included: they are part of the record). */
export function listApiKeys(db: Executor): Promise<ApiKeyTable[]> {
  return db.selectFrom('api_key').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

/** Revokes a key, only if it is not revoked yet. Returns whether this call revoked it. */
export async function revokeApiKey(db: Executor, id: string, by: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records when a key was last used. */
export async function touchApiKey(db: Executor, id: string, now: string): Promise<void> {
  await db.updateTable('api_key').set({ last_used_at: now }).where('id', '=', id).execute();
}
