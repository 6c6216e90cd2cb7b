/**
 * How risks and controls read in the API, the CLI and the demo: stored rows turned into views with
 * grades, levels and labels, and whether each control's test has fallen due.
 */
import type { Text } from '../../../kernel/i18n.js';
import type { Actor } from '../../audit/index.js';
import { type GradeView, gradeView } from './grading.js';
import type { RiskControlTable, RiskTable } from './tables.js';
import { type ControlFrequency, type ControlResult, categoryLabel, TEST_INTERVAL_DAYS } from './values.js';

/** A control as reported. */
export interface ControlView {
  readonly id: string;
  readonly title: Text;
  readonly owner: string | null;
  readonly frequency: ControlFrequency;
  readonly last_tested_on: string | null;
  readonly last_result: ControlResult;
  /** Not tested, or its last test is older than its frequency allows. */
  readonly test_overdue: boolean;
  readonly updated_at: string;
}

/** A risk as reported. */
export interface RiskView {
  readonly id: string;
  readonly title: Text;
  readonly category: string;
  readonly category_label: Text;
  readonly owner: string | null;
  readonly cause: Text;
  readonly consequence: Text;
  readonly inherent: GradeView;
  readonly residual: GradeView;
  readonly controls: readonly ControlView[];
  readonly kri_ids: readonly string[];
  readonly status: 'active' | 'retired';
  readonly created_by: Actor;
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
}

/** The target of a risk's audit entries and change requests. */
export function riskTarget(id: string): { type: string; id: string } {
  return { type: 'risk', id };
}

/** Whether a control's test has fallen due at `today` (`YYYY-MM-DD`). */
export function testOverdue(
  row: Pick<RiskControlTable, 'frequency' | 'last_tested_on' | 'last_result'>,
  today: string,
): boolean {
  const days = TEST_INTERVAL_DAYS[row.frequency as ControlFrequency] ?? null;
  if (row.last_result === 'not_tested' || row.last_tested_on === null) return days !== null;
  if (days === null) return false;
  const due = Date.parse(`${row.last_tested_on}T00:00:00.000Z`) + days * 86_400_000;
  return due < Date.parse(`${today}T00:00:00.000Z`);
}

/** The view of a stored control. */
export function toControlView(row: RiskControlTable, today: string): ControlView {
  return {
    id: row.id,
    title: JSON.parse(row.title) as Text,
    owner: row.owner,
    frequency: row.frequency as ControlFrequency,
    last_tested_on: row.last_tested_on,
    last_result: row.last_result as ControlResult,
    test_overdue: testOverdue(row, today),
    updated_at: row.updated_at,
  };
}

/** The view of a stored risk and its controls. */
export function toRiskView(row: RiskTable, controls: readonly RiskControlTable[], today: string): RiskView {
  return {
    id: row.id,
    title: JSON.parse(row.title) as Text,
    category: row.category,
    category_label: categoryLabel(row.category),
    owner: row.owner,
    cause: JSON.parse(row.cause) as Text,
    consequence: JSON.parse(row.consequence) as Text,
    inherent: gradeView({ likelihood: row.inherent_likelihood, impact: row.inherent_impact }),
    residual: gradeView({ likelihood: row.residual_likelihood, impact: row.residual_impact }),
    controls: controls.map((c) => toControlView(c, today)),
    kri_ids: JSON.parse(row.kri_ids) as string[],
    status: row.status as 'active' | 'retired',
    created_by: { type: row.created_by_type as Actor['type'], id: row.created_by_id },
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}
