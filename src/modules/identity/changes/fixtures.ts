/**
 * Test fixtures for the four-eyes tests: people with the permissions the roles give them, a service
 * over a test store with a clock the test moves, and helpers to read settings and count audit
 * entries. Kept beside the tests that share them; imported by tests only.
 */
import type { Kysely } from 'kysely';
import { ManualClock } from '../../../kernel/clock.js';
import type { Store } from '../../../store/database.js';
import type { Database } from '../../../store/schema.js';
import { AuditLog } from '../../audit/index.js';
import { type ChangeKind, ChangeRegistry } from './registry.js';
import type { ChangeCaller } from './rules.js';
import { ChangeService } from './service.js';
import { settingChangeKind } from './setting-change.js';

/** A person (or key) with exactly `permissions`. */
export function caller(
  id: string,
  permissions: readonly string[],
  type: 'user' | 'api_key' = 'user',
): ChangeCaller {
  return { actor: { type, id }, permissions: new Set(permissions) };
}

/** A risk officer: submits, reads, cannot approve. */
export const MAKER = caller('u-maker', ['change:submit', 'change:read']);
/** An approver as the `approver` role defines one. */
export const CHECKER = caller('u-checker', [
  'change:read',
  'change:approve',
  'policy:approve',
  'loan:approve',
]);
/** An auditor: reads everything, approves nothing. */
export const READER = caller('u-auditor', ['change:read']);

/** `n` distinct people, each entitled to approve. */
export function approvers(n: number): ChangeCaller[] {
  return Array.from({ length: n }, (_, i) => caller(`u-approver-${i}`, ['change:read', 'change:approve']));
}

/** A change service over `store` and everything a test needs to drive and observe it. */
export interface Harness {
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly kinds: ChangeRegistry;
  readonly service: ChangeService;
  readonly db: Kysely<Database>;
}

/** Builds the service with `setting.change` and any `extra` kinds. */
export function harness(store: Store, extra: readonly ChangeKind[] = []): Harness {
  const clock = new ManualClock('2026-03-01T08:00:00.000Z');
  const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock });
  const kinds = new ChangeRegistry([settingChangeKind(), ...extra]);
  const service = new ChangeService({ db: store.db, clock, audit, kinds });
  return { clock, audit, kinds, service, db: store.db };
}

/** The stored value of a setting, or undefined. */
export async function settingValue(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Writes a setting directly, as code outside the four-eyes path would. */
export async function writeSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value, updated_at: '2026-03-01T08:00:00.000Z' })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** How many audit entries have `action` (and `outcome`, when given). */
export async function auditCount(audit: AuditLog, action: string, outcome?: string): Promise<number> {
  const entries = await audit.list({ action, ...(outcome ? { outcome } : {}), limit: 10_000 });
  return entries.length;
}

/** The catalogued code of a rejection, for `expect(...).rejects` style assertions on many results. */
export function codeOf(result: PromiseSettledResult<unknown>): string {
  if (result.status === 'fulfilled') return 'fulfilled';
  return (result.reason as { code?: string }).code ?? String(result.reason);
}
