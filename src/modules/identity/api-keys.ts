import type { Principal } from '../../app/auth.js';
import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { ApiKeyTable } from '../../store/schema.js';
import { type Executor, transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import * as keyRepo from './api-key-repo.js';
import { type IdentityDeps, parsePermissions, parseRoles, storeRoles } from './deps.js';
import { ApiKeyNotFound, ApiKeyScope, ExpiryInPast, RoleConflict, RoleNotAllowed } from './errors.js';
import {
  isPermission,
  isRole,
  PERSON_ONLY_ROLES,
  type Permission,
  permissionsOf,
  type Role,
  roleConflict,
} from './permissions.js';
import { API_KEY_PATTERN, apiKeyHint, hashToken, newApiKey } from './tokens.js';

/** What an administrator asks for. */
export interface NewApiKey {
  readonly name: string;
  readonly roles: readonly string[];
  /** A subset of the roles' permissions; all of them when absent. */
  readonly permissions?: readonly string[] | undefined;
  /** UTC ISO-8601; never expires when absent. */
  readonly expiresAt?: string | undefined;
}

/** Permissions that make sense only for a person with a session. */
const SESSION_ONLY: readonly Permission[] = ['session:self'];

/**
 * How long a key read from the database is trusted without reading it again. Revocation in this
 * process takes effect at once (the entry is dropped); on other servers within this time.
 */
export const KEY_CACHE_MS = 5_000;
const KEY_CACHE_MAX = 10_000;

/** How long `last_used_at` may lag, so that a busy integration does not write on every request. */
export const KEY_TOUCH_MS = 60_000;

/** How often the use of one revoked or expired key is audited, at most. */
const DENIAL_AUDIT_MS = 60_000;

/**
 * API keys for machines: `fk_` and 256 random bits, shown once at creation and stored as SHA-256,
 * scoped to a subset of their roles' permissions, optionally expiring, revocable, and recording when
 * they were last used. A key may not hold `admin` or `approver`: administering people and approving
 * others' changes are acts of an identified person.
 */
export class ApiKeys {
  private readonly deniedAt = new Map<string, number>();
  /** Recently read key rows by key hash, so that a busy integration costs no query per request. */
  private readonly recent = new Map<string, { readonly row: ApiKeyTable; readonly until: number }>();
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly deps: IdentityDeps) {}

  /** Creates a key, inside `db` when it is a transaction; the returned `key` is the only time it is seen. */
  async create(
    input: NewApiKey,
    actor: Actor,
    db: Executor = this.deps.db,
  ): Promise<{ row: ApiKeyTable; key: string }> {
    const roles = checkKeyRoles(input.roles);
    const allowed = permissionsOf(roles);
    for (const p of SESSION_ONLY) allowed.delete(p);
    const requested = input.permissions ?? [...allowed];
    const outside = requested.filter((p) => !isPermission(p) || !allowed.has(p));
    if (outside.length > 0) throw ApiKeyScope(`not granted by the key's roles: ${outside.join(', ')}`);
    const nowMs = this.deps.clock.now();
    if (input.expiresAt !== undefined && Date.parse(input.expiresAt) <= nowMs) throw ExpiryInPast();
    const key = newApiKey();
    const row: ApiKeyTable = {
      id: newId(nowMs),
      name: input.name.trim(),
      hint: apiKeyHint(key),
      key_hash: hashToken(key),
      roles: storeRoles(roles),
      permissions: storeRoles(requested),
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: isoUtc(nowMs),
      expires_at: input.expiresAt === undefined ? null : isoUtc(Date.parse(input.expiresAt)),
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    };
    await transact(db, async (trx) => {
      await keyRepo.insertApiKey(trx, row);
      await this.deps.audit.append(trx, {
        actor,
        action: 'apikey.create',
        target: { type: 'api_key', id: row.id },
        payload: {
          name: row.name,
          roles: parseRoles(row.roles),
          permissions: parsePermissions(row.permissions),
          expires_at: row.expires_at,
        },
      });
    });
    return { row, key };
  }

  /** Every key, newest first. */
  list(): Promise<ApiKeyTable[]> {
    return keyRepo.listApiKeys(this.deps.db);
  }

  /** Revokes a key at once; revoking a revoked key is a no-op that still answers with the key. */
  async revoke(id: string, actor: Actor): Promise<ApiKeyTable> {
    const revoked = await transact(this.deps.db, async (trx) => {
      const now = isoUtc(this.deps.clock.now());
      const existing = await keyRepo.apiKeyById(trx, id);
      if (!existing) throw ApiKeyNotFound(`API key ${id} does not exist`);
      if (await keyRepo.revokeApiKey(trx, id, `${actor.type}:${actor.id}`, now)) {
        await this.deps.audit.append(trx, {
          actor,
          action: 'apikey.revoke',
          target: { type: 'api_key', id },
          payload: { name: existing.name },
        });
      }
      return (await keyRepo.apiKeyById(trx, id))!;
    });
    // After the commit: a request racing the revocation must not re-cache the key as still valid.
    for (const [hash, entry] of this.recent) if (entry.row.id === id) this.recent.delete(hash);
    return revoked;
  }

  /**
   * The principal of a bearer key, or undefined. The use of a revoked or expired key is audited
   * (at most once a minute per key): it is a sign that the key leaked or a system was forgotten.
   */
  async authenticate(key: string, ip: string): Promise<Principal | undefined> {
    if (!API_KEY_PATTERN.test(key)) return undefined;
    const hash = hashToken(key);
    const now = this.deps.clock.now();
    const cached = this.recent.get(hash);
    let row: ApiKeyTable | undefined;
    if (cached && cached.until > now) row = cached.row;
    else {
      row = await keyRepo.apiKeyByHash(this.deps.db, hash);
      if (this.recent.size >= KEY_CACHE_MAX) this.recent.clear();
      if (row) this.recent.set(hash, { row, until: now + KEY_CACHE_MS });
    }
    if (!row) return undefined;
    const reason =
      row.revoked_at !== null
        ? 'revoked'
        : row.expires_at !== null && Date.parse(row.expires_at) <= now
          ? 'expired'
          : undefined;
    if (reason) {
      if (now - (this.deniedAt.get(row.id) ?? Number.NEGATIVE_INFINITY) >= DENIAL_AUDIT_MS) {
        this.deniedAt.set(row.id, now);
        await this.deps.audit.record({
          actor: { type: 'api_key', id: row.id },
          action: 'auth.api_key',
          target: { type: 'api_key', id: row.id },
          outcome: 'denied',
          payload: { reason, ip },
        });
      }
      return undefined;
    }
    const touched =
      this.touchedAt.get(row.id) ??
      (row.last_used_at === null ? Number.NEGATIVE_INFINITY : Date.parse(row.last_used_at));
    if (now - touched >= KEY_TOUCH_MS) {
      this.touchedAt.set(row.id, now);
      // Bookkeeping only: a database that cannot take it must not turn a valid key away.
      await keyRepo.touchApiKey(this.deps.db, row.id, isoUtc(now)).catch(() => undefined);
    }
    return {
      actor: { type: 'api_key', id: row.id },
      name: row.name,
      roles: parseRoles(row.roles),
      permissions: new Set(parsePermissions(row.permissions)),
    };
  }
}

/** Validates the roles of a key: known, none reserved to people, no separation-of-duties conflict. */
export function checkKeyRoles(roles: readonly string[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0) throw RoleNotAllowed('an API key needs at least one role');
  const unknown = unique.find((r) => !isRole(r));
  if (unknown !== undefined) throw RoleNotAllowed(`${JSON.stringify(unknown)} is not a role`);
  const known = unique as Role[];
  const personal = known.find((r) => PERSON_ONLY_ROLES.includes(r));
  if (personal) throw RoleNotAllowed(`the role ${personal} is for people only, never for an API key`);
  const conflict = roleConflict(known);
  if (conflict) throw RoleConflict(`a key may not hold both ${conflict[0]} and ${conflict[1]}`);
  return known;
}
