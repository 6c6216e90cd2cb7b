/** The API shapes the policy and list pages read, as the engine modules' `schemas.ts` files define them. */

export type Outcome = 'approve' | 'review' | 'reject';
export type PolicyMode = 'active' | 'shadow' | 'inactive';
export type VersionStatus = 'draft' | 'submitted' | 'active' | 'shadow' | 'retired';

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface ActorRef {
  readonly type: string;
  readonly id: string;
}

/** `GET /policies` item. */
export interface PolicyView {
  readonly id: string;
  readonly event_type: string;
  readonly mode: PolicyMode;
  readonly deployed_version: number | null;
  readonly previous: { readonly version: number; readonly mode: string } | null;
  readonly latest_version: number;
  readonly updated_at: string;
}

/** `GET /policies/{id}/versions` item. */
export interface VersionSummary {
  readonly policy_id: string;
  readonly version: number;
  readonly event_type: string;
  readonly checksum: string;
  readonly created_at: string;
  readonly status: VersionStatus;
  readonly created_by_type: string;
  readonly created_by_id: string;
}

/** `GET /policies/{id}/versions/{version}`. */
export interface PolicyVersion {
  readonly policy_id: string;
  readonly version: number;
  readonly event_type: string;
  readonly checksum: string;
  readonly created_at: string;
  readonly status: VersionStatus;
  readonly created_by: ActorRef;
  readonly document: Record<string, unknown>;
  readonly source: string;
}

/** One change of `GET /policies/{id}/diff`. */
export interface PolicyChange {
  readonly kind: 'added' | 'removed' | 'changed';
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly summary: Bilingual;
}

export interface PolicyDiff {
  readonly policy_id: string;
  readonly from: number;
  readonly to: number;
  readonly changes: readonly PolicyChange[];
}

/** `POST /policies/validate`. */
export interface Validation {
  readonly valid: boolean;
  readonly problems: readonly { readonly path: string; readonly message: string }[];
}

/** `POST /policies`. */
export interface Saved {
  readonly id: string;
  readonly version: number;
  readonly checksum: string;
  readonly event_type: string;
  readonly created_at: string;
}

/** A four-eyes change as `POST /policies/{id}/publish` answers it (202). */
export interface ChangeRef {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly summary: Bilingual;
}

/** The content of a `policy.publish` change. */
export interface PublishContent {
  readonly version: number;
  readonly mode: PolicyMode;
  readonly rollback?: boolean;
}

export interface RuleHit {
  readonly rule_id: string;
  readonly action: string;
  readonly score: number | null;
  readonly description: Bilingual;
  readonly values: Record<string, unknown>;
}

/** `POST /policies/try`. */
export interface TryResult {
  readonly policy: { readonly id: string; readonly event_type: string };
  readonly event: { readonly id: string; readonly type: string; readonly occurred_at: string };
  readonly outcome: Outcome;
  readonly score: number | null;
  readonly reasons: readonly { readonly rule_id: string; readonly text: string }[];
  readonly rule_hits: readonly RuleHit[];
  readonly rule_errors: readonly { readonly rule_id: string; readonly message: string }[];
  readonly features: Record<string, number | null>;
  readonly models: Record<string, number | null>;
  readonly fresh_windows: true;
}

/** `GET /event-types/{name}`. */
export interface EventTypeView {
  readonly name: string;
  readonly title: Bilingual;
  readonly builtin: boolean;
  readonly version: number;
  readonly schema: Record<string, unknown>;
}

export interface Measures {
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

/** The report of a backtest (`BacktestReport` on the server). */
export interface BacktestReport {
  readonly policy: { readonly id: string; readonly version: number };
  readonly baseline: { readonly id: string; readonly version: number } | null;
  readonly events: number;
  readonly warmup_events: number;
  readonly labelled: number;
  readonly positives: number;
  readonly outcomes: Record<Outcome, number>;
  readonly score: { readonly flagged: Measures; readonly rejected: Measures };
  readonly rules: readonly (Measures & {
    readonly rule_id: string;
    readonly hits: number;
    readonly hit_rate: number;
  })[];
  readonly rule_errors: number;
  readonly fallbacks: number;
  readonly comparison: {
    readonly outcomes: Record<Outcome, number>;
    readonly changed: number;
    readonly stricter: number;
    readonly looser: number;
    readonly transitions: Record<string, number>;
  } | null;
  readonly elapsed_ms: number;
  readonly events_per_second: number;
}

/** `POST /backtests` (201) and `GET /backtests/{id}`. */
export interface BacktestRun {
  readonly id: string;
  readonly created_at: string;
  readonly report: BacktestReport;
}

/** `GET /backtests` item. */
export interface BacktestSummary {
  readonly id: string;
  readonly created_at: string;
  readonly created_by: ActorRef;
  readonly request: unknown;
}

export type ListKind =
  | 'id_number'
  | 'phone'
  | 'bank_card'
  | 'ip'
  | 'device_id'
  | 'account'
  | 'user_id'
  | 'string';

/** `GET /lists` item. */
export interface ListView {
  readonly name: string;
  readonly kind: ListKind;
  readonly purpose: 'block' | 'allow' | 'watch';
  readonly protected: boolean;
  readonly hashed: boolean;
  readonly description: Bilingual;
  readonly created_by: ActorRef;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
  readonly entries: number;
}

export interface ListEntry {
  readonly value: string;
  readonly display: string;
  readonly reason: string;
  readonly source: string;
  readonly created_by: ActorRef;
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly expired: boolean;
}

export interface EntryPage {
  readonly items: readonly ListEntry[];
  readonly total: number;
  readonly next_after: string | null;
}

/** `POST /lists/{name}/import`. */
export interface ImportReport {
  readonly list: string;
  readonly rows: number;
  readonly added: number;
  readonly updated: number;
  readonly refused: number;
  readonly version: number;
  readonly results: readonly {
    readonly row: number;
    readonly line: number;
    readonly status: 'added' | 'updated' | 'refused';
    readonly display?: string;
    readonly message?: string;
  }[];
}
