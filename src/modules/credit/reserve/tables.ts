/** Table types of the posted reserve ledger (migration `0011-reserve`). */

/** One posted movement of the reserve in one month; amounts in fen. */
export interface ReserveEntryTable {
  month: string;
  /** provision | drawdown | recovery, or close: the month's closing balance (marks it posted) */
  kind: string;
  amount: number;
  balance_after: number;
  basis: string;
  rate: string;
  /** Canonical JSON: the month's figures (new lending, outstanding, overdue, written off, shortfall). */
  detail: string;
  posted_by_type: string;
  posted_by_id: string;
  posted_at: string;
}

/** The reserve tables, for Kysely. */
export interface ReserveTables {
  reserve_entry: ReserveEntryTable;
}

/** The reserve tables in restore order with their ordering columns. */
export const RESERVE_TABLES = [{ name: 'reserve_entry', orderBy: ['month', 'kind'] }] as const;
