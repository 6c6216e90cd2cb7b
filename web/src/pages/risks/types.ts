/**
 * The API answers the risk register and KRI pages read, written from the server's route schemas
 * (`src/modules/warning/register/schemas.ts` and `src/modules/warning/kri/schemas.ts`).
 */
import type { Bilingual } from '../../api/types.js';

export type Level = 'low' | 'medium' | 'high' | 'critical';
export type Band = 'green' | 'amber' | 'red';
export type ControlFrequency =
  | 'continuous'
  | 'daily'
  | 'weekly'
  | 'monthly'
  | 'quarterly'
  | 'semiannual'
  | 'annual'
  | 'ad_hoc';
export type ControlResult = 'effective' | 'partially_effective' | 'ineffective' | 'not_tested';
export type KriFrequency = 'hourly' | 'daily' | 'weekly' | 'monthly';

/** The six risk types of the register's vocabulary (`RISK_CATEGORIES` on the server). */
export const RISK_TYPES = ['market', 'credit', 'liquidity', 'operational', 'technology', 'legal'] as const;
export const LEVELS: readonly Level[] = ['low', 'medium', 'high', 'critical'];
export const BANDS: readonly Band[] = ['green', 'amber', 'red'];
export const CONTROL_FREQUENCIES: readonly ControlFrequency[] = [
  'continuous',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'annual',
  'ad_hoc',
];
export const CONTROL_RESULTS: readonly ControlResult[] = [
  'effective',
  'partially_effective',
  'ineffective',
  'not_tested',
];

export interface Actor {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

/** Likelihood × impact with its grade and level. */
export interface Grade {
  readonly likelihood: number;
  readonly impact: number;
  readonly grade: number;
  readonly level: Level;
}

export interface Control {
  readonly id: string;
  readonly title: Bilingual;
  readonly owner: string | null;
  readonly frequency: ControlFrequency;
  readonly last_tested_on: string | null;
  readonly last_result: ControlResult;
  readonly test_overdue: boolean;
  readonly updated_at: string;
}

/** `GET /risks/{id}`. */
export interface Risk {
  readonly id: string;
  readonly title: Bilingual;
  readonly category: string;
  readonly category_label: Bilingual;
  readonly owner: string | null;
  readonly cause: Bilingual;
  readonly consequence: Bilingual;
  readonly inherent: Grade;
  readonly residual: Grade;
  readonly controls: readonly Control[];
  readonly kri_ids: readonly string[];
  readonly status: 'active' | 'retired';
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** `GET /risks/heatmap`. */
export interface HeatMap {
  readonly basis: 'residual' | 'inherent';
  readonly total: number;
  readonly cells: readonly {
    readonly likelihood: number;
    readonly impact: number;
    readonly grade: number;
    readonly level: Level;
    readonly count: number;
    readonly risk_ids: readonly string[];
  }[];
  readonly levels: readonly {
    readonly level: Level;
    readonly label: Bilingual;
    readonly min_grade: number;
    readonly max_grade: number;
    readonly count: number;
  }[];
}

/** What `POST /risks/{id}/grade` answers: the change waiting for a second person. */
export interface SubmittedChange {
  readonly id: string;
  readonly status: string;
  readonly expires_at: string;
}

export type KriSource =
  | { readonly kind: 'builtin'; readonly metric: string; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'pushed' }
  | { readonly kind: 'formula'; readonly expression: string };

export interface Thresholds {
  readonly amber: number;
  readonly red: number;
  readonly hysteresis: number;
}

export interface Detector {
  readonly method: string;
  readonly params: Readonly<Record<string, number | boolean | string>>;
}

/** `GET /kris/{id}`. */
export interface Kri {
  readonly id: string;
  readonly name: Bilingual;
  readonly description: Bilingual;
  readonly risk_type: string;
  readonly owner: string | null;
  readonly unit: string;
  readonly direction: 'higher_is_worse' | 'lower_is_worse';
  readonly frequency: KriFrequency;
  readonly period_ms: number | null;
  readonly subject: string;
  readonly source: KriSource;
  readonly thresholds: Thresholds | null;
  readonly detectors: readonly Detector[];
  readonly status: 'active' | 'retired';
  readonly latest: {
    readonly period_start: string;
    readonly value: number | null;
    readonly band: Band;
    readonly signals: readonly string[];
  } | null;
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

export interface DetectorOutcome {
  readonly method: string;
  readonly statistic: number;
  readonly signal: boolean;
  readonly direction?: 'up' | 'down';
}

/** One stored evaluation of a KRI period. */
export interface Evaluation {
  readonly kri_id: string;
  readonly name: Bilingual;
  readonly risk_type: string;
  readonly owner: string | null;
  readonly subject: string;
  readonly period_start: string;
  readonly period_end: string;
  readonly value: number | null;
  readonly unit: string;
  readonly band: Band;
  readonly previous_band: Band | null;
  readonly detectors: readonly DetectorOutcome[];
  readonly evaluated_at: string;
  readonly direction: 'higher_is_worse' | 'lower_is_worse';
  readonly thresholds: Thresholds | null;
  readonly signals: readonly string[];
  readonly evaluated_by: Actor;
}

/** `GET /kris/{id}/history`: oldest first. */
export interface History {
  readonly kri: Kri;
  readonly points: readonly Evaluation[];
}

/** `POST /kris/{id}/values`. */
export interface ValueReport {
  readonly rows: number;
  readonly added: number;
  readonly replaced: number;
  readonly refused: number;
  readonly results: readonly {
    readonly row: number;
    readonly line: number;
    readonly kri_id: string;
    readonly period_start: string;
    readonly value: number | null;
    readonly status: 'added' | 'replaced' | 'refused';
    readonly message: string | null;
  }[];
}

/** `POST /kris/{id}/evaluate`. */
export interface EvaluationResult {
  readonly created: boolean;
  readonly evaluation: Evaluation;
}
