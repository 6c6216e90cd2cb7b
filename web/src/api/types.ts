/**
 * The shapes of the API answers the console reads, written from the route schemas on the server
 * (the schemas.ts of each module); only the fields the console uses are listed.
 */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly display_name: string;
  readonly roles: readonly string[];
  readonly mfa_enrolled: boolean;
}

/** `GET /auth/session`. */
export interface CurrentSession {
  readonly user: UserView;
  readonly session: { readonly id: string; readonly expires_at: string; readonly idle_expires_at: string };
  readonly permissions: readonly string[];
  readonly csrf_token: string;
  readonly password_change_required: boolean;
}

/** `POST /auth/login`. */
export interface ChallengeIssued {
  readonly status: 'mfa_required' | 'mfa_enrolment_required' | 'mfa_enrolment_optional';
  readonly challenge: string;
  readonly expires_at: string;
}

/** `POST /auth/mfa/enrol`. */
export interface EnrolmentOffer {
  readonly secret: string;
  readonly otpauth_uri: string;
  readonly qr_data_url: string;
}

/** `POST /auth/mfa/enrol/confirm` with a challenge. */
export interface EnrolConfirmed {
  readonly recovery_codes: readonly string[];
}

export type Band = 'green' | 'amber' | 'red';
export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type Outcome = 'approve' | 'review' | 'reject';

export interface KriView {
  readonly id: string;
  readonly name: Bilingual;
  readonly risk_type: string;
  readonly unit: string;
  readonly direction: 'higher_is_worse' | 'lower_is_worse';
  readonly thresholds: { readonly amber: number; readonly red: number } | null;
  readonly status: 'active' | 'retired';
  readonly latest: {
    readonly period_start: string;
    readonly value: number | null;
    readonly band: Band;
  } | null;
}

export interface KriPoint {
  readonly period_start: string;
  readonly value: number | null;
  readonly band: Band;
}

export interface AlertView {
  readonly id: string;
  readonly source: 'kri' | 'engine' | 'manual';
  readonly subject: string;
  readonly severity: Severity;
  readonly status: 'open' | 'acknowledged' | 'resolved';
  readonly title: Bilingual;
  readonly occurrences: number;
  readonly first_seen_at: string;
  readonly last_seen_at: string;
  readonly owner_id: string | null;
  /** 0 while with the owner; the step reached in the escalation chain after that. */
  readonly escalation_level: number;
  readonly version: number;
}

export interface HeatmapView {
  readonly basis: 'residual' | 'inherent';
  readonly total: number;
  readonly cells: readonly {
    readonly likelihood: number;
    readonly impact: number;
    readonly grade: number;
    readonly level: Severity;
    readonly count: number;
  }[];
}

export interface DecisionSummary {
  readonly decision_id: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly outcome: Outcome;
  readonly score: number | null;
  readonly policy: { readonly id: string; readonly version: number } | null;
  readonly fallback: string | null;
  readonly occurred_at: string;
  readonly decided_at: string;
}

/** A decision waiting in (or resolved from) the manual review queue. */
export interface ReviewView {
  readonly decision_id: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly score: number | null;
  readonly status: 'open' | 'resolved';
  readonly created_at: string;
  readonly resolution: 'fraud' | 'legitimate' | null;
  readonly comment: string | null;
  readonly resolved_by: { readonly type: string; readonly id: string } | null;
  readonly resolved_at: string | null;
}

export interface DecisionTrace {
  readonly decision: {
    readonly decision_id: string;
    readonly event_type: string;
    readonly outcome: Outcome;
    readonly score: number | null;
    readonly reasons: readonly { readonly rule_id: string; readonly text: string }[];
    readonly rule_hits: readonly {
      readonly rule_id: string;
      readonly action: string;
      readonly score: number | null;
      readonly values: Readonly<Record<string, unknown>>;
    }[];
    readonly features: Readonly<Record<string, number | null>>;
    readonly models: Readonly<Record<string, number | null>>;
    readonly rule_errors: readonly { readonly rule_id: string; readonly message: string }[];
    readonly policy: { readonly id: string; readonly version: number } | null;
    readonly fallback: { readonly reason: string; readonly message: string } | null;
    readonly latency_ms: number;
    readonly decided_at: string;
  };
  readonly event: { readonly subject: Readonly<Record<string, string>>; readonly occurred_at: string };
  readonly shadows: readonly {
    readonly policy_id: string;
    readonly policy_version: number;
    readonly outcome: Outcome;
    readonly agrees: boolean;
  }[];
  /** The review of a decision whose outcome was `review`; null otherwise. */
  readonly review: ReviewView | null;
}

export interface ChangeView {
  readonly id: string;
  readonly kind: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly summary: Bilingual;
  readonly maker: { readonly type: string; readonly id: string };
  readonly status: string;
  readonly submitted_at: string;
  readonly expires_at: string;
}

/** A page of a list endpoint. */
export interface Items<T> {
  readonly items: readonly T[];
}
