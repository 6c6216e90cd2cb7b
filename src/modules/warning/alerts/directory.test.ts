import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../../../../test/support/databases.js';
import { storeDirectory } from './directory.js';

const AT = '2026-03-01T00:00:00.000Z';

function user(id: string, roles: string[], status: 'active' | 'disabled' = 'active') {
  return {
    id,
    username: id,
    display_name: id,
    password_hash: 'not-a-real-hash',
    password_changed_at: AT,
    must_change_password: 0,
    status,
    roles: JSON.stringify(roles),
    mfa_secret: null,
    mfa_pending_secret: null,
    mfa_enrolled_at: null,
    mfa_last_step: null,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: AT,
    updated_at: AT,
    version: 1,
  };
}

describeEachDialect('escalation directory over Fengkong users', (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await database.store.db
      .insertInto('app_user')
      .values([
        user('u-a', ['approver', 'analyst']),
        user('u-b', ['approver']),
        user('u-c', ['approver'], 'disabled'),
        user('u-d', ['risk_officer']),
        user('u-e', ['auditor']),
      ])
      .execute();
  });
  afterAll(() => database?.drop());

  it('finds active holders of a role, active users and given managers', async () => {
    const directory = storeDirectory(
      database.store.db,
      new Map([
        ['u-d', 'u-a'],
        ['u-e', 'u-c'],
      ]),
    );
    expect(await directory.usersWithRole('approver')).toEqual(['u-a', 'u-b']);
    expect(await directory.usersWithRole('admin')).toEqual([]);
    expect(await directory.isActiveUser('u-b')).toBe(true);
    expect(await directory.isActiveUser('u-c')).toBe(false);
    expect(await directory.isActiveUser('nobody')).toBe(false);
    expect(await directory.managerOf('u-d')).toBe('u-a');
    expect(await directory.managerOf('u-e')).toBeNull();
    expect(await directory.managerOf('u-a')).toBeNull();
  });
});
