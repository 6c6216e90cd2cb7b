import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../test/support/databases.js';
import type { AppUserTable, UserSessionTable } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import * as keyRepo from './api-key-repo.js';
import * as repo from './repo.js';
import * as sessionRepo from './session-repo.js';

const T0 = '2026-03-02T09:00:00.000Z';

function user(id: string, username: string): AppUserTable {
  return {
    id,
    username,
    display_name: username,
    password_hash: '$argon2id$stub',
    password_changed_at: T0,
    must_change_password: 0,
    status: 'active',
    roles: '["analyst"]',
    mfa_secret: null,
    mfa_pending_secret: null,
    mfa_enrolled_at: null,
    mfa_last_step: null,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: T0,
    updated_at: T0,
    version: 1,
  };
}

function session(id: string, userId: string): UserSessionTable {
  return {
    id,
    token_hash: `hash-${id}`,
    user_id: userId,
    mfa_verified: 1,
    created_at: T0,
    last_seen_at: T0,
    expires_at: '2026-03-02T21:00:00.000Z',
    ended_at: null,
    end_reason: null,
    ip: '127.0.0.1',
    user_agent: 'test',
  };
}

describeEachDialect('identity repository', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await repo.insertUser(t.store.db, user('u1', 'alice'));
    await repo.insertUser(t.store.db, user('u2', 'bob'));
  });
  afterEach(() => t.drop());

  it('stores users with unique usernames and bumps the version on every change', async () => {
    await expect(repo.insertUser(t.store.db, user('u3', 'alice'))).rejects.toThrow();
    expect(
      await repo.updateUser(t.store.db, 'u1', { display_name: 'Alice' }, '2026-03-02T09:01:00.000Z'),
    ).toBe(true);
    const row = await repo.userByUsername(t.store.db, 'alice');
    expect([row?.display_name, row?.version, row?.updated_at]).toEqual([
      'Alice',
      2,
      '2026-03-02T09:01:00.000Z',
    ]);
    expect(await repo.updateUser(t.store.db, 'nobody', { display_name: 'x' }, T0)).toBe(false);
    expect((await repo.listUsers(t.store.db, 10, 0)).map((u) => u.username)).toEqual(['alice', 'bob']);
    expect((await repo.listUsers(t.store.db, 1, 1)).map((u) => u.username)).toEqual(['bob']);
  });

  it('counts concurrent failures exactly and locks at the threshold', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => repo.recordFailure(t.store.db, 'u1', 10, '2026-03-02T09:30:00.000Z')),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = await repo.userById(t.store.db, 'u1');
    expect([row?.failed_logins, row?.locked_until]).toEqual([2, '2026-03-02T09:30:00.000Z']);
    await repo.recordSuccess(t.store.db, 'u1', T0);
    const after = await repo.userById(t.store.db, 'u1');
    expect([after?.failed_logins, after?.locked_until, after?.last_login_at]).toEqual([0, null, T0]);
  });

  it('accepts a TOTP step once, even when requests race', async () => {
    const raced = await Promise.all(
      Array.from({ length: 10 }, () => repo.advanceMfaStep(t.store.db, 'u1', 100)),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await repo.advanceMfaStep(t.store.db, 'u1', 99)).toBe(false);
    expect(await repo.advanceMfaStep(t.store.db, 'u1', 101)).toBe(true);
  });

  it('uses each recovery code once and replaces the set on re-enrolment', async () => {
    await repo.replaceRecoveryCodes(t.store.db, 'u1', ['h1', 'h2', 'h3'], T0);
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => repo.useRecoveryCode(t.store.db, 'u1', 'h2', T0)),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await repo.useRecoveryCode(t.store.db, 'u2', 'h1', T0)).toBe(false);
    expect(await repo.unusedRecoveryCodes(t.store.db, 'u1')).toBe(2);
    await repo.replaceRecoveryCodes(t.store.db, 'u1', ['h9'], T0);
    expect(await repo.useRecoveryCode(t.store.db, 'u1', 'h1', T0)).toBe(false);
    expect(await repo.unusedRecoveryCodes(t.store.db, 'u1')).toBe(1);
  });

  it('ends one session or all of a user, each once', async () => {
    for (const [id, owner] of [
      ['s1', 'u1'],
      ['s2', 'u1'],
      ['s3', 'u2'],
    ] as const) {
      await sessionRepo.insertSession(t.store.db, session(id, owner));
    }
    expect(await sessionRepo.endSession(t.store.db, 's1', 'logout', T0)).toBe(true);
    expect(await sessionRepo.endSession(t.store.db, 's1', 'logout', T0)).toBe(false);
    expect(await sessionRepo.endUserSessions(t.store.db, 'u1', 'user_disabled', T0)).toBe(1);
    expect((await sessionRepo.sessionByTokenHash(t.store.db, 'hash-s2'))?.end_reason).toBe('user_disabled');
    expect((await sessionRepo.sessionById(t.store.db, 's3'))?.ended_at).toBeNull();
  });

  it('consumes a challenge once and drops expired ones', async () => {
    const challenge = (id: string, expires: string) => ({
      id,
      token_hash: `c-${id}`,
      user_id: 'u1',
      kind: 'mfa',
      created_at: T0,
      expires_at: expires,
      attempts: 0,
      consumed_at: null,
    });
    await sessionRepo.insertChallenge(t.store.db, challenge('c1', '2026-03-02T09:05:00.000Z'), T0);
    await sessionRepo.insertChallenge(
      t.store.db,
      challenge('c2', '2026-03-02T09:15:00.000Z'),
      '2026-03-02T09:10:00.000Z',
    );
    expect(await sessionRepo.challengeByTokenHash(t.store.db, 'c-c1')).toBeUndefined();
    expect(await sessionRepo.bumpChallengeAttempts(t.store.db, 'c2')).toBe(1);
    const raced = await Promise.all(
      Array.from({ length: 5 }, () => sessionRepo.consumeChallenge(t.store.db, 'c2', T0)),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
  });

  it('revokes an API key once and records its use', async () => {
    await keyRepo.insertApiKey(t.store.db, {
      id: 'k1',
      name: 'k',
      hint: 'fk_abcdef…',
      key_hash: 'kh',
      roles: '["integration"]',
      permissions: '["decision:create"]',
      created_by_type: 'user',
      created_by_id: 'u1',
      created_at: T0,
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
      revoked_by: null,
    });
    await keyRepo.touchApiKey(t.store.db, 'k1', '2026-03-02T09:01:00.000Z');
    expect((await keyRepo.apiKeyByHash(t.store.db, 'kh'))?.last_used_at).toBe('2026-03-02T09:01:00.000Z');
    expect(await keyRepo.revokeApiKey(t.store.db, 'k1', 'user:u1', T0)).toBe(true);
    expect(await keyRepo.revokeApiKey(t.store.db, 'k1', 'user:u1', T0)).toBe(false);
    expect((await keyRepo.listApiKeys(t.store.db)).map((k) => k.revoked_by)).toEqual(['user:u1']);
  });

  it('rolls a user change back with its transaction', async () => {
    await expect(
      transact(t.store.db, async (trx) => {
        await repo.updateUser(trx, 'u1', { status: 'disabled' }, T0);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await repo.userById(t.store.db, 'u1'))?.status).toBe('active');
  });
});
