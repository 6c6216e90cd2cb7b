/**
 * Table types of the risk register (migration `0008-warning`), for Kysely. Titles, causes and
 * consequences are canonical JSON `{en, zh}`; `kri_ids` is a canonical JSON array of KRI ids; dates are
 * `YYYY-MM-DD` text and times UTC ISO-8601 text (see `store/schema.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** One risk of the register: its grading before (inherent) and after (residual) its controls. */
export interface RiskTable {
  id: string;
  title: string;
  category: string;
  owner: string | null;
  cause: string;
  consequence: string;
  inherent_likelihood: number;
  inherent_impact: number;
  residual_likelihood: number;
  residual_impact: number;
  kri_ids: string;
  /** active | retired */
  status: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  /** Incremented by every change, so that a grading change request can tell the risk moved on. */
  version: number;
}

/** A control that mitigates one risk, with the result of its last test. */
export interface RiskControlTable {
  risk_id: string;
  id: string;
  title: string;
  owner: string | null;
  frequency: string;
  last_tested_on: string | null;
  /** effective | partially_effective | ineffective | not_tested */
  last_result: string;
  updated_at: string;
}

/** The register tables, to add to a `Kysely<Database>` with `withTables` (a type: Kysely wants an index). */
export type RegisterTables = {
  risk: RiskTable;
  risk_control: RiskControlTable;
};

/** A query handle that knows the register tables. */
export type RegisterDb = Kysely<Database & RegisterTables>;

/** The register tables with the columns that order their rows, in restore order (for `TABLES`). */
export const REGISTER_TABLES = [
  { name: 'risk', orderBy: ['id'] },
  { name: 'risk_control', orderBy: ['risk_id', 'id'] },
] as const;

/** `db` (a store handle or a transaction) seen with the register tables. */
export function registerDb(db: Executor): RegisterDb {
  return db.withTables<RegisterTables>();
}
