import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { describeEachDialect } from '../../../../test/support/databases.js';
import { FkError } from '../../../kernel/errors.js';
import { transact } from '../../../store/transaction.js';
import { parseRoles } from '../deps.js';
import { permissionsOf, type Role } from '../permissions.js';
import type { ChangeCaller } from './rules.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FkError);
  return (error as FkError).code;
}

describeEachDialect('role.grant under four eyes', (dialect) => {
  let t: TestApp;
  const people: Record<string, ChangeCaller & { id: string }> = {};
  beforeEach(async () => {
    t = await createTestApp(dialect);
    const add = async (name: string, roles: Role[]) => {
      const { user } = await t.runtime.identity.users.create(
        { username: name, roles },
        { type: 'system', id: 'test' },
      );
      people[name] = { id: user.id, actor: { type: 'user', id: user.id }, permissions: permissionsOf(roles) };
    };
    await add('alice_admin', ['admin']);
    await add('carol_checker', ['approver']);
    await add('dave_checker', ['approver']);
    await add('erin_analyst', ['analyst']);
  });
  afterEach(() => t?.close());

  const rolesOf = async (name: string) =>
    parseRoles((await t.runtime.identity.users.get(people[name]!.id)).roles);
  const grant = (target: string, roles: string[], by = 'alice_admin') =>
    t.runtime.changes.submit(people[by]!, {
      kind: 'role.grant',
      target: { type: 'user', id: people[target]!.id },
      content: { roles },
      reason: 'joins the policy team',
    });

  it('changes roles only when an approver signs off, and records who did', async () => {
    const change = await grant('erin_analyst', ['analyst', 'risk_officer']);
    expect(change.summary.en).toContain('analyst, risk_officer');
    expect(await rolesOf('erin_analyst')).toEqual(['analyst']);
    const applied = await t.runtime.changes.approve(people['carol_checker']!, change.id, 'confirmed with HR');
    expect(applied.result).toEqual({
      user_id: people['erin_analyst']!.id,
      before: ['analyst'],
      after: ['analyst', 'risk_officer'],
    });
    expect(await rolesOf('erin_analyst')).toEqual(['analyst', 'risk_officer']);
    const [entry] = await t.runtime.audit.list({ action: 'user.roles.set', limit: 5 });
    expect(entry?.actor).toEqual(people['carol_checker']!.actor);
  });

  it('refuses submissions from non-administrators and role sets the identity rules forbid', async () => {
    expect(await codeOf(grant('erin_analyst', ['risk_officer'], 'erin_analyst'))).toBe(
      'FK_ERR_CHANGE_FORBIDDEN',
    );
    for (const roles of [['admin', 'approver'], ['integration'], ['wizard']]) {
      expect(await codeOf(grant('erin_analyst', roles))).toBe('FK_ERR_CHANGE_INVALID');
    }
    const ghost = t.runtime.changes.submit(people['alice_admin']!, {
      kind: 'role.grant',
      target: { type: 'user', id: '01900000-0000-7000-8000-000000000000' },
      content: { roles: ['analyst'] },
      reason: 'r',
    });
    expect(await codeOf(ghost)).toBe('FK_ERR_USER_NOT_FOUND');
  });

  it('refuses an approver who would gain the roles: a conflict of interest', async () => {
    const change = await grant('carol_checker', ['approver', 'auditor']);
    expect(await codeOf(t.runtime.changes.approve(people['carol_checker']!, change.id))).toBe(
      'FK_ERR_CHANGE_CONFLICT_OF_INTEREST',
    );
    expect(await rolesOf('carol_checker')).toEqual(['approver']);
    expect((await t.runtime.changes.approve(people['dave_checker']!, change.id)).status).toBe('applied');
    expect(await rolesOf('carol_checker')).toEqual(['approver', 'auditor']);
  });

  it('refuses a grant as stale when the roles changed after submission', async () => {
    const change = await grant('erin_analyst', ['analyst', 'risk_officer']);
    await transact(t.runtime.store.db, (trx) =>
      t.runtime.identity.users.setUserRoles(
        trx,
        people['erin_analyst']!.id,
        ['auditor'],
        people['alice_admin']!.actor,
      ),
    );
    expect(await codeOf(t.runtime.changes.approve(people['carol_checker']!, change.id))).toBe(
      'FK_ERR_CHANGE_STALE',
    );
    expect(await rolesOf('erin_analyst')).toEqual(['auditor']);
    expect((await t.runtime.changes.get(change.id)).status).toBe('stale');
  });
});
