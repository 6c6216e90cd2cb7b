/**
 * Who people are, as escalation needs to know: whether a user is active, who a user's manager is,
 * and who holds a role. A small port so the alert module does not depend on the identity module's
 * internals. Fengkong's users have no manager field yet, so `storeDirectory` takes the reporting
 * lines as a map (empty by default: the `manager` level is then skipped). Called outside
 * transactions only (SQLite has one connection).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';

/** The directory escalation consults. */
export interface AlertDirectory {
  /** Whether `id` is an active user (a valid owner). */
  isActiveUser(id: string): Promise<boolean>;
  /** The manager of `id`, when known and active. */
  managerOf(id: string): Promise<string | null>;
  /** Active users holding `role`, by id. */
  usersWithRole(role: string): Promise<string[]>;
}

/** The directory over Fengkong's own users (`app_user`, read only), with reporting lines given. */
export function storeDirectory(
  db: Kysely<Database>,
  managers: ReadonlyMap<string, string> = new Map(),
): AlertDirectory {
  const isActiveUser = async (id: string) => {
    const row = await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return row !== undefined;
  };
  return {
    isActiveUser,
    async managerOf(id) {
      const manager = managers.get(id);
      return manager !== undefined && (await isActiveUser(manager)) ? manager : null;
    },
    async usersWithRole(role) {
      const rows = await db
        .selectFrom('app_user')
        .select(['id', 'roles'])
        .where('status', '=', 'active')
        .where('roles', 'like', `%${JSON.stringify(role)}%`)
        .orderBy('id')
        .execute();
      return rows.filter((r) => (JSON.parse(r.roles) as string[]).includes(role)).map((r) => r.id);
    },
  };
}
