/**
 * Table types of the key risk indicators (migration `0008-warning`), for Kysely. Names and
 * descriptions are canonical JSON `{en, zh}`; source, thresholds, detectors, outcomes and detector
 * state are canonical JSON; times are UTC ISO-8601 text (see `store/schema.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';

/** A key risk indicator: what it measures, where its value comes from, and what counts as a breach. */
export interface KriTable {
  id: string;
  name: string;
  description: string;
  risk_type: string;
  owner: string | null;
  unit: string;
  /** higher_is_worse | lower_is_worse */
  direction: string;
  /** hourly | daily | weekly | monthly */
  frequency: string;
  subject: string;
  source: string;
  thresholds: string | null;
  detectors: string;
  /** active | retired */
  status: string;
  created_by_type: string;
  created_by_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A value another system pushed for one period of a `pushed` KRI. */
export interface KriValueTable {
  kri_id: string;
  period_start: string;
  value: number;
  /** api | import | demo */
  source: string;
  received_by_type: string;
  received_by_id: string;
  received_at: string;
}

/** One evaluation of one KRI for one period; never changed once written (but for `notified_at`). */
export interface KriEvaluationTable {
  kri_id: string;
  period_start: string;
  period_end: string;
  value: number | null;
  band: string;
  previous_band: string | null;
  /** The static thresholds applied, as they were then. */
  thresholds: string | null;
  /** The detector outcomes (JSON array of `DetectorOutcome`). */
  detectors: string;
  /** Each detector's state after this value, by detector key: what the next evaluation resumes. */
  state: string;
  kri_version: number;
  evaluated_by_type: string;
  evaluated_by_id: string;
  evaluated_at: string;
  /** When the evaluation hook (alerts) accepted it; null until then. */
  notified_at: string | null;
}

/** The KRI tables, to add to a `Kysely<Database>` with `withTables`. */
export type KriTables = {
  kri: KriTable;
  kri_value: KriValueTable;
  kri_evaluation: KriEvaluationTable;
};

/** A query handle that knows the KRI tables. */
export type KriDb = Kysely<Database & KriTables>;

/** The KRI tables with the columns that order their rows, in restore order (for `TABLES`). */
export const KRI_TABLES = [
  { name: 'kri', orderBy: ['id'] },
  { name: 'kri_value', orderBy: ['kri_id', 'period_start'] },
  { name: 'kri_evaluation', orderBy: ['kri_id', 'period_start'] },
] as const;

/** `db` (a store handle or a transaction) seen with the KRI tables. */
export function kriDb(db: Executor): KriDb {
  return db.withTables<KriTables>();
}
