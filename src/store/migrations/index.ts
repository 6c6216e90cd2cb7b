import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-identity.js';
import * as m0003 from './0003-changes.js';
import * as m0004 from './0004-engine.js';
import * as m0005 from './0005-loans.js';
import * as m0006 from './0006-scorecards.js';
import * as m0007 from './0007-scheduler.js';
import * as m0008 from './0008-warning.js';
import * as m0009 from './0009-alerts.js';
import * as m0010 from './0010-cases.js';
import * as m0011 from './0011-reserve.js';
import * as m0012 from './0012-post-loan.js';
import * as m0013 from './0013-clustered-decision-rows.js';

/** One schema change; `up` receives the dialect because triggers and a few types differ. */
export interface FengkongMigration {
  readonly name: string;
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/**
 * Every migration in the order it is applied. Names are fixed once released: a database records
 * the names it has applied, and backups carry them.
 */
export const MIGRATIONS: readonly FengkongMigration[] = [
  { name: '0001-foundation', up: m0001.up },
  { name: '0002-identity', up: m0002.up },
  { name: '0003-changes', up: m0003.up },
  { name: '0004-engine', up: m0004.up },
  { name: '0005-loans', up: m0005.up },
  { name: '0006-scorecards', up: m0006.up },
  { name: '0007-scheduler', up: m0007.up },
  { name: '0008-warning', up: m0008.up },
  { name: '0009-alerts', up: m0009.up },
  { name: '0010-cases', up: m0010.up },
  { name: '0011-reserve', up: m0011.up },
  { name: '0012-post-loan', up: m0012.up },
  { name: '0013-clustered-decision-rows', up: m0013.up },
];
