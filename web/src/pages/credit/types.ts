/**
 * The API responses the credit pages read, as the server's schemas define them
 * (`src/modules/credit/**`). Loan money is a yuan string with two decimals ("12345.67"); the
 * portfolio report and the reserve ledger count money in fen (integers).
 */

/** A bilingual text as the server sends it. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** `GET /scorecards` row. */
export interface ScorecardView {
  readonly name: string;
  readonly published_version: number | null;
  readonly previous_version: number | null;
  readonly latest_version: number;
  readonly updated_at: string;
}

/** `GET /scorecards/{name}`. */
export interface ScorecardDetail extends ScorecardView {
  readonly versions: readonly {
    readonly name: string;
    readonly version: number;
    readonly checksum: string;
    readonly created_by_type: string;
    readonly created_by_id: string;
    readonly created_at: string;
  }[];
}

/** A bin of a numeric (lower/upper) or categorical (categories) variable. */
export interface CardBin {
  readonly lower?: number | null;
  readonly upper?: number | null;
  readonly categories?: readonly string[];
  readonly count?: number;
  readonly bad_rate?: number;
  readonly woe?: number;
  readonly points: number;
}

/** A special value's bin. */
export interface CardSpecial extends CardBin {
  readonly value?: string | number;
  readonly values?: readonly (string | number)[];
}

/** One variable of a `fengkong.scorecard/v1` file. */
export interface CardVariable {
  readonly name: string;
  readonly input: string;
  readonly type: 'numeric' | 'categorical';
  readonly bins: readonly CardBin[];
  readonly missing: CardBin;
  readonly special: readonly CardSpecial[];
  readonly else_points?: number;
}

/** The training facts `fengkong scorecard train` records in a card (all optional: hand-made cards). */
export interface CardTraining {
  readonly auc?: number;
  readonly ks?: number;
  readonly rows?: number;
  readonly bads?: number;
  readonly method?: string;
  readonly target?: string;
  readonly trained_at?: string;
  readonly iv?: Readonly<Record<string, number>>;
  readonly score_distribution?: { readonly edges: readonly number[]; readonly counts: readonly number[] };
}

/** The scorecard file. */
export interface ScorecardDocument {
  readonly name: string;
  readonly checksum: string;
  readonly base_points: number;
  readonly scaling?: {
    readonly base_score: number;
    readonly base_odds: number;
    readonly pdo: number;
  };
  readonly training?: CardTraining;
  readonly variables: readonly CardVariable[];
}

/** One row of the KS table of a validation report (`validation/ks.ts`). */
export interface KsTableRow {
  readonly scoreMin: number;
  readonly scoreMax: number;
  readonly count: number;
  readonly bads: number;
  readonly goods: number;
  readonly badRate: number;
  readonly cumBadShare: number;
  readonly cumGoodShare: number;
  readonly ks: number;
}

/** The parts of a stored validation report (`scorecard/report.ts`) the page draws. */
export interface StoredReport {
  readonly validation?: {
    readonly auc?: number;
    readonly gini?: number;
    readonly ks?: { readonly ks: number; readonly score: number; readonly table: readonly KsTableRow[] };
  };
}

/** `GET /scorecards/{name}/versions/{version}`. */
export interface VersionView {
  readonly name: string;
  readonly version: number;
  readonly checksum: string;
  readonly card: ScorecardDocument;
  readonly report: unknown;
  readonly created_at: string;
}

/** A stability index with its verdict (stable / watch / shift). */
export interface Stability {
  readonly index: number;
  readonly verdict: string;
  readonly label: Bilingual;
}

/** One window of `GET /scorecards/{name}/monitoring`. */
export interface MonitoringWindow {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Fewer than 100 scores: the window's PSI and CSI are mostly noise. */
  readonly small_sample: boolean;
  readonly mean_score: number | null;
  readonly psi: Stability | null;
  readonly csi: readonly { readonly variable: string; readonly stability: Stability | null }[];
}

/** One score band's performance. */
export interface BandPerformance {
  readonly from: number | null;
  readonly to: number | null;
  readonly applications: number;
  readonly booked: number;
  readonly bad: number;
  readonly bad_rate: number | null;
}

/** `GET /scorecards/{name}/monitoring`. */
export interface Monitoring {
  readonly name: string;
  readonly version: number;
  readonly checksum: string;
  readonly windows: readonly MonitoringWindow[];
  readonly performance: readonly BandPerformance[];
}

/** A four-eyes change as `POST …/publish` answers it. */
export interface ChangeView {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly summary: Bilingual;
}

export interface Actor {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

export const APPLICATION_STATUSES = [
  'pending_review',
  'approved',
  'awaiting_second_approval',
  'booked',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses an approver can still act on, in queue order (manual review first). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'pending_review',
  'awaiting_second_approval',
  'approved',
];

/** A loan application. */
export interface Application {
  readonly id: string;
  readonly event_id: string | null;
  readonly decision_id: string | null;
  readonly borrower_id: string;
  readonly product: string;
  readonly amount: string;
  readonly term_months: number;
  readonly annual_rate: string;
  readonly schedule_kind: string;
  readonly engine_outcome: string | null;
  readonly score: number | null;
  readonly probability: number | null;
  readonly status: ApplicationStatus;
  readonly change_id: string | null;
  readonly first_approver: Actor | null;
  readonly decided_by: Actor | null;
  readonly decided_at: string | null;
  readonly decision_reason: string | null;
  readonly loan_id: string | null;
  readonly created_by: Actor | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** An approval authority entry. */
export interface AuthorityEntry {
  readonly subject_type: 'user' | 'role';
  readonly subject_id: string;
  readonly product: string;
  readonly max_amount: string;
  readonly updated_by: string;
  readonly updated_at: string;
}

export type Bucket = 'current' | 'M1' | 'M2' | 'M3' | 'M3+';
export const LOAN_STATUSES = ['active', 'closed', 'written_off'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];

/** A loan in a list. */
export interface Loan {
  readonly id: string;
  readonly application_id: string | null;
  readonly external_ref: string | null;
  readonly borrower_id: string;
  readonly product: string;
  readonly principal: string;
  readonly annual_rate: string;
  readonly term_months: number;
  readonly schedule_kind: string;
  readonly upfront_fee: string;
  readonly monthly_fee: string;
  readonly net_disbursed: string;
  readonly penalty_daily_rate: string;
  readonly apr: { readonly nominal: string; readonly effective: string };
  readonly disbursed_on: string;
  readonly first_due_date: string;
  readonly status: LoanStatus;
  readonly closed_on: string | null;
  readonly written_off_on: string | null;
  readonly source: string;
  readonly created_at: string;
  readonly position: {
    readonly as_of: string;
    readonly outstanding_principal: string;
    readonly overdue: string;
    readonly penalty_due: string;
    readonly dpd: number;
    readonly bucket: Bucket;
    readonly credit: string;
    readonly next_due: { readonly date: string; readonly amount: string } | null;
  };
}

export interface Instalment {
  readonly seq: number;
  readonly kind: string;
  readonly due_date: string;
  readonly principal: string;
  readonly interest: string;
  readonly fee: string;
  readonly penalty: string;
  readonly paid_principal: string;
  readonly paid_interest: string;
  readonly paid_fee: string;
  readonly paid_penalty: string;
  readonly settled_on: string | null;
}

export interface Repayment {
  readonly id: string;
  readonly seq: number;
  readonly kind: string;
  readonly amount: string;
  readonly received_on: string;
  readonly allocation: {
    readonly penalty: string;
    readonly fee: string;
    readonly interest: string;
    readonly principal: string;
    readonly credit: string;
  };
  readonly reference: string | null;
  readonly source: string;
}

/** A loan with its ledger. */
export interface LoanDetail extends Loan {
  readonly instalments: readonly Instalment[];
  readonly repayments: readonly Repayment[];
  readonly write_off: {
    readonly written_off_on: string;
    readonly total: string;
    readonly dpd: number;
    readonly reason: string;
  } | null;
  readonly recoveries: readonly {
    readonly id: string;
    readonly amount: string;
    readonly received_on: string;
    readonly note: string;
  }[];
  readonly recovered: string;
}

/** A state of the portfolio report (buckets, written off, closed). */
export interface PortfolioState {
  readonly state: string;
  readonly label: Bilingual;
  readonly minDpd: number | null;
  readonly maxDpd: number | null;
}

export interface VintageCohort {
  readonly originationMonth: string;
  readonly loans: number;
  readonly principal: number;
  readonly curve: readonly {
    readonly mob: number;
    readonly badLoans: number;
    readonly badPrincipal: number;
    readonly rate: number | null;
  }[];
}

export type Matrix = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface RollRateMatrix {
  readonly from: string;
  readonly to: string;
  readonly states: readonly string[];
  readonly loans: number;
  readonly counts: Matrix;
  readonly countShares: Matrix;
}

/** `GET /portfolio` (money in fen). */
export interface PortfolioReport {
  readonly asOf: string;
  readonly book: {
    readonly rows: number;
    readonly loans: number;
    readonly firstMonth: string;
    readonly lastMonth: string;
  };
  readonly states: readonly PortfolioState[];
  readonly rates: {
    readonly loans: number;
    readonly activeLoans: number;
    readonly outstanding: number;
    readonly overdueAmount: number;
    readonly overdueBalance: number;
    readonly lent: number;
    readonly overdueRate: {
      readonly denominator: string;
      readonly numerator: string;
      readonly overdue: number;
      readonly base: number;
      readonly rate: number | null;
    };
    readonly npl: {
      readonly loans: number;
      readonly outstanding: number;
      readonly ratio: number | null;
      readonly definition: Bilingual;
    };
    readonly byState: Readonly<
      Record<string, { readonly loans: number; readonly outstanding: number; readonly overdue: number }>
    >;
  };
  readonly concentration: {
    readonly borrowers: number;
    readonly outstanding: number;
    readonly top: readonly {
      readonly rank: number;
      readonly borrowerId: string;
      readonly loans: number;
      readonly outstanding: number;
      readonly share: number;
    }[];
    readonly topOutstanding: number;
    readonly topShare: number | null;
    readonly hhi: number | null;
    readonly effectiveBorrowers: number | null;
  };
  readonly vintage: {
    readonly badDpd: number;
    readonly ever: boolean;
    readonly weight: string;
    readonly observedThrough: string | null;
    readonly cohorts: readonly VintageCohort[];
  };
  readonly rollRate: RollRateMatrix | null;
  readonly reserve_posted?: { readonly balance: number; readonly coverage: number | null };
}

/** `GET /reserve` (money in fen). */
export interface ReserveStatus {
  readonly config: { readonly basis: string; readonly rate: string };
  readonly balance: number;
  readonly coverage: number | null;
  readonly entries: readonly {
    readonly month: string;
    readonly kind: string;
    readonly amount: number;
    readonly balance_after: number;
    readonly detail: Readonly<Record<string, number>>;
    readonly posted_at: string;
  }[];
}

/** A row of `GET /loans/watchlist`. */
export interface WatchEntry {
  readonly loan_id: string;
  readonly borrower_id: string;
  readonly scored_at: string;
  readonly scorecard: string | null;
  readonly score: number | null;
  readonly origination_score: number | null;
  readonly dpd: number;
  readonly bucket: string;
  readonly reasons: readonly { readonly code: string; readonly en: string; readonly zh: string }[];
}

/** The model reasons of a decision (`GET /decisions/{id}`), the part the application page shows. */
export interface DecisionReasons {
  readonly decision: {
    readonly decision_id: string;
    readonly outcome: string;
    readonly score: number | null;
    readonly reasons: readonly { readonly rule_id: string; readonly text: string }[];
    readonly models: Readonly<Record<string, number | null>>;
    readonly model_reasons?: Readonly<
      Record<
        string,
        readonly {
          readonly variable: string;
          readonly points: number;
          readonly max_points: number;
          readonly text: string;
        }[]
      >
    >;
  };
}
