/**
 * What every alert operation works with: the dependencies of the alert service and the one step all
 * of them end with, committing a change together with its audit entry and its notice.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import type { AuditLog } from '../../audit/index.js';
import type { Notifier } from '../notify/index.js';
import type { AlertDirectory } from './directory.js';
import type { AlertSettings } from './settings.js';

/** Dependencies of the alert service. */
export interface AlertServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly notifier: Notifier;
  readonly directory: AlertDirectory;
  readonly settings: AlertSettings;
}

/** A transaction of the main database. */
export type Trx = Transaction<Database>;

/** Distinct user ids, without nulls and without `except`. */
export function people(ids: readonly (string | null | undefined)[], except?: string): string[] {
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== except))];
}
