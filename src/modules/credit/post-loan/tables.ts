/** Table types of post-loan monitoring (migration `0012-post-loan`). */

/** One re-scoring of an active loan's borrower. */
export interface LoanRescoreTable {
  loan_id: string;
  scored_at: string;
  borrower_id: string;
  /** Registered card that scored, or null when no card applies. */
  scorecard: string | null;
  checksum: string | null;
  score: number | null;
  /** The application score the loan was granted on, when the application was scored. */
  origination_score: number | null;
  dpd: number;
  bucket: string;
  /** 1 when the borrower is on the watch list after this scoring. */
  watch: number;
  /** Canonical JSON list of `{ code, en, zh }`: why the borrower is watched. */
  reasons: string;
}

/** The post-loan tables, for Kysely. */
export interface PostLoanTables {
  loan_rescore: LoanRescoreTable;
}

/** In restore order, with ordering columns. */
export const POST_LOAN_TABLES = [{ name: 'loan_rescore', orderBy: ['loan_id', 'scored_at'] }] as const;
