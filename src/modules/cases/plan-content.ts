/**
 * The content of one emergency-plan version — title, RTO / RPO targets, drill frequency, ordered
 * steps with owners and expected minutes, contacts — read from what a person gave and written as a
 * version row; and the views of plans built from those rows.
 */
import { canonicalJson } from '../../kernel/canonical-json.js';
import type { Text } from '../../kernel/i18n.js';
import type { Actor } from '../audit/index.js';
import { PlanInvalid } from './errors.js';
import { bilingual, readJson, requiredActor, requireText } from './fields.js';
import type { PlanWithVersion } from './plan-repo.js';
import type { PlanContentInput, PlanDetail, PlanSummary } from './plan-schemas.js';
import { isDrillOverdue, nextDrillDue, stepOffsets } from './plan-timing.js';
import type { EmergencyPlanTable, EmergencyPlanVersionTable } from './tables.js';
import type { PlanScenario } from './vocabulary.js';

/** Who does a step. */
export interface StepOwner {
  readonly type: 'role' | 'user';
  readonly id: string;
}

/** A step as stored in a version. */
export interface StoredStep {
  readonly title: Text;
  readonly owner: StepOwner;
  readonly expected_minutes: number;
}

/** A contact as stored in a version. */
export interface StoredContact {
  readonly name: string;
  readonly role: string;
  readonly phone?: string;
  readonly email?: string;
}

/** The version row for `input`, refused naming the field that is wrong. */
export function versionRow(
  planId: string,
  version: number,
  input: PlanContentInput,
  changeNote: string,
  actor: Actor,
  at: string,
): EmergencyPlanVersionTable {
  const steps: StoredStep[] = input.steps.map((s, i) => ({
    title: bilingual(PlanInvalid, s.title, `body.steps.${i}.title`, 300),
    owner: { type: s.owner.type, id: requireText(PlanInvalid, s.owner.id, `body.steps.${i}.owner.id`, 128) },
    expected_minutes: s.expected_minutes,
  }));
  if (steps.length === 0) throw PlanInvalid('body.steps must hold at least one step');
  const contacts: StoredContact[] = (input.contacts ?? []).map((c, i) => {
    const phone = c.phone?.trim();
    const email = c.email?.trim();
    return {
      name: requireText(PlanInvalid, c.name, `body.contacts.${i}.name`, 100),
      role: requireText(PlanInvalid, c.role, `body.contacts.${i}.role`, 100),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    };
  });
  return {
    plan_id: planId,
    version,
    title: canonicalJson(bilingual(PlanInvalid, input.title, 'body.title', 200)),
    description: canonicalJson(bilingual(PlanInvalid, input.description, 'body.description', 4000, false)),
    rto_minutes: input.rto_minutes,
    rpo_minutes: input.rpo_minutes,
    drill_frequency_days: input.drill_frequency_days,
    steps: canonicalJson(steps),
    contacts: canonicalJson(contacts),
    change_note: changeNote,
    created_by_type: actor.type,
    created_by_id: actor.id,
    created_at: at,
  };
}

/** The steps of a version. */
export function stepsOf(version: EmergencyPlanVersionTable): StoredStep[] {
  return readJson<StoredStep[]>(version.steps);
}

/** The drill state of a plan at `atMs`, given the start of its last finished drill. */
export function drillState(
  plan: EmergencyPlanTable,
  version: EmergencyPlanVersionTable,
  lastDrill: string | undefined,
  atMs: number,
) {
  const last = lastDrill === undefined ? null : Date.parse(lastDrill);
  const created = Date.parse(plan.created_at);
  return {
    last_drill_at: lastDrill ?? null,
    next_drill_due: new Date(nextDrillDue(last, created, version.drill_frequency_days)).toISOString(),
    drill_overdue: isDrillOverdue(last, created, version.drill_frequency_days, atMs),
  };
}

/** A plan in a list. */
export function toPlanSummary(
  plan: PlanWithVersion,
  lastDrill: string | undefined,
  atMs: number,
): PlanSummary {
  const v = plan.content;
  return {
    id: plan.id,
    scenario: plan.scenario as PlanScenario,
    current_version: plan.current_version,
    title: readJson<Text>(v.title),
    rto_minutes: v.rto_minutes,
    rpo_minutes: v.rpo_minutes,
    drill_frequency_days: v.drill_frequency_days,
    steps: stepsOf(v).length,
    ...drillState(plan, v, lastDrill, atMs),
    created_at: plan.created_at,
    updated_at: plan.updated_at,
  };
}

/** One version of a plan in full. */
export function toPlanDetail(
  plan: EmergencyPlanTable,
  version: EmergencyPlanVersionTable,
  versions: readonly EmergencyPlanVersionTable[],
  current: EmergencyPlanVersionTable,
  lastDrill: string | undefined,
  atMs: number,
): PlanDetail {
  const steps = stepsOf(version);
  const offsets = stepOffsets(steps);
  return {
    id: plan.id,
    scenario: plan.scenario as PlanScenario,
    version: version.version,
    current_version: plan.current_version,
    title: readJson<Text>(version.title),
    description: readJson<Text>(version.description),
    rto_minutes: version.rto_minutes,
    rpo_minutes: version.rpo_minutes,
    drill_frequency_days: version.drill_frequency_days,
    steps: steps.map((s, i) => ({ seq: i + 1, ...s, offset_minutes: offsets[i] ?? 0 })),
    contacts: readJson<StoredContact[]>(version.contacts),
    change_note: version.change_note,
    created_by: requiredActor(version.created_by_type, version.created_by_id),
    created_at: version.created_at,
    versions: versions.map((v) => ({
      version: v.version,
      change_note: v.change_note,
      created_by: requiredActor(v.created_by_type, v.created_by_id),
      created_at: v.created_at,
    })),
    // The drill schedule follows the current version's frequency, whichever version is shown.
    ...drillState(plan, current, lastDrill, atMs),
  };
}
