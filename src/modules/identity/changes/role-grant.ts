/**
 * `role.grant`: the roles of a person, changed under four eyes. Granting a role is granting power,
 * so reference text 七 (internal misconduct) and ISO 27001 A.5.15–A.5.18 want a second person on it:
 * an administrator proposes the new role set, an approver signs it off, and the person who would
 * gain the roles can never be the one who approves them.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import type { Executor } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { isRole, MACHINE_ONLY_ROLES, type Role, roleConflict } from '../permissions.js';
import { ChangeStale } from './errors.js';
import type { ChangeKind } from './registry.js';

/** The content of a `role.grant`: the complete set of roles the person should hold afterwards. */
export interface RoleGrant {
  readonly roles: readonly Role[];
}

/** What the kind reads of a person: their stored roles (canonical JSON array) and status. */
export interface RoleHolder {
  readonly roles: string;
  readonly status: string;
}

/**
 * The port through which the kind reads and sets roles; the identity module's `Users` fits it.
 * `get` throws the identity module's not-found error for an unknown user.
 */
export interface RoleDirectory {
  get(id: string, db: Executor): Promise<RoleHolder>;
  setUserRoles(trx: Executor, userId: string, roles: readonly string[], actor: Actor): Promise<unknown>;
}

/**
 * The fingerprint of a person for role changes: a SHA-256 of their roles and status. Not their row
 * version, which also moves when they log in or enrol MFA: only what the approver signs off counts.
 */
export function roleFingerprint(holder: RoleHolder): string {
  const body = canonicalJson({ roles: JSON.parse(holder.roles) as unknown, status: holder.status });
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function problemsOf(content: unknown): ErrorField[] {
  const roles = (content as { roles?: unknown } | null)?.roles;
  const extra =
    content && typeof content === 'object' ? Object.keys(content).filter((k) => k !== 'roles') : [];
  if (!Array.isArray(roles) || extra.length > 0 || roles.some((r) => typeof r !== 'string')) {
    return [{ path: 'body.content', message: 'must be { "roles": [role names] } and nothing else' }];
  }
  const unknown = roles.filter((r: string) => !isRole(r));
  if (unknown.length > 0)
    return [{ path: 'body.content.roles', message: `unknown roles: ${unknown.join(', ')}` }];
  const known = roles as Role[];
  const machine = known.filter((r) => MACHINE_ONLY_ROLES.includes(r));
  if (machine.length > 0) {
    return [{ path: 'body.content.roles', message: `${machine.join(', ')} is for API keys only` }];
  }
  const conflict = roleConflict(known);
  if (conflict) {
    return [
      { path: 'body.content.roles', message: `${conflict[0]} and ${conflict[1]} may not be held together` },
    ];
  }
  return [];
}

/**
 * Builds the `role.grant` kind over `users`: submitted with `user:admin`, approved with
 * `change:approve`, target `{ type: 'user', id }`, content `{ roles }` (the whole new set, so one
 * kind grants and revokes). Applying it calls `setUserRoles`, which re-checks the identity rules
 * (separation of duties, the last administrator) and writes `user.roles.set`.
 */
export function roleGrantKind(users: RoleDirectory): ChangeKind<RoleGrant> {
  return {
    kind: 'role.grant',
    targetType: 'user',
    submitPermission: 'user:admin',
    approvePermission: 'change:approve',
    title: { en: 'Change the roles of a person', zh: '变更人员角色' },

    validate: (content) => problemsOf(content),

    conflictOfInterest(change, approver) {
      return approver.type === 'user' && approver.id === change.target.id
        ? 'this change sets your own roles; another approver must decide it'
        : undefined;
    },

    describe({ target, content }) {
      const roles = content.roles.length > 0 ? content.roles.join(', ') : '—';
      return {
        en: `Set the roles of user ${target.id} to ${roles}`,
        zh: `将用户 ${target.id} 的角色设为 ${roles}`,
      };
    },

    async fingerprint(db, target) {
      return roleFingerprint(await users.get(target.id, db));
    },

    async apply(trx, change, approver) {
      const id = change.target.id;
      const stale = () => ChangeStale(`the roles of user ${id} changed while this change was being approved`);
      const before = await users.get(id, trx);
      if (roleFingerprint(before) !== change.fingerprint) throw stale();
      // Compare-and-lock: a no-op update that matches only the state just fingerprinted. It holds the
      // row until commit (PostgreSQL), so a concurrent role change either waits for us or, having
      // committed first, makes this match nothing — never a silent overwrite.
      const locked = await trx
        .updateTable('app_user')
        .set({ roles: before.roles })
        .where('id', '=', id)
        .where('roles', '=', before.roles)
        .where('status', '=', before.status as 'active' | 'disabled')
        .executeTakeFirst();
      if (locked.numUpdatedRows !== 1n) throw stale();
      await users.setUserRoles(trx, id, change.content.roles, approver);
      return { user_id: id, before: JSON.parse(before.roles) as string[], after: [...change.content.roles] };
    },
  };
}
