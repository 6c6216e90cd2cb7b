/**
 * Emergency plans (reference text 七: 应急预案 and business continuity; 六: liquidity contingency
 * plans): one playbook per scenario with ordered steps, owners, RTO / RPO targets and contacts.
 * Plans are versioned: editing writes a new version and makes it current, old versions stay
 * readable, and activations and drills record the version they used. Every change commits with its
 * audit entry.
 */
import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import { PlanConflict, PlanInvalid, PlanNotFound } from './errors.js';
import { requireText } from './fields.js';
import { toPlanDetail, toPlanSummary, versionRow } from './plan-content.js';
import * as repo from './plan-repo.js';
import type { CreatePlanBody, NewVersionBody, PlanDetail, PlanSummary } from './plan-schemas.js';
import type { CasesDeps } from './ports.js';
import type { EmergencyPlanTable, EmergencyPlanVersionTable } from './tables.js';

/** Creates, versions and reads emergency plans. */
export class PlanService {
  constructor(readonly deps: CasesDeps) {}

  /** Writes a plan and its version 1. */
  async create(actor: Actor, input: CreatePlanBody): Promise<PlanDetail> {
    const nowMs = this.deps.clock.now();
    const at = isoUtc(nowMs);
    const id = newId(nowMs);
    const version = versionRow(id, 1, input, 'created', actor, at);
    const plan: EmergencyPlanTable = {
      id,
      scenario: input.scenario,
      current_version: 1,
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
    };
    await transact(this.deps.db, async (trx) => {
      await repo.insertPlan(trx, plan, version);
      await this.deps.audit.append(trx, {
        actor,
        action: 'plan.create',
        target: { type: 'emergency_plan', id },
        payload: { scenario: plan.scenario, version: 1, content: contentPayload(version) },
      });
    });
    return this.get(id);
  }

  /**
   * Writes the next version and makes it current. `expectedVersion`, when given, is the version the
   * editor started from: a plan that moved on meanwhile is refused with `FK_ERR_PLAN_CONFLICT`.
   */
  async newVersion(
    actor: Actor,
    id: string,
    input: NewVersionBody,
    expectedVersion?: number,
  ): Promise<PlanDetail> {
    const note = requireText(PlanInvalid, input.change_note, 'body.change_note', 1000);
    const at = isoUtc(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      const plan = await repo.findPlan(trx, id);
      if (!plan) throw PlanNotFound(`plan ${id} does not exist`);
      const from = expectedVersion ?? plan.current_version;
      const bumped = await repo.bumpPlan(trx, id, at, from);
      if (!bumped) throw PlanConflict(`plan ${id} is no longer at version ${from}`);
      const version = versionRow(id, from + 1, input, note, actor, at);
      await repo.insertVersion(trx, version);
      await this.deps.audit.append(trx, {
        actor,
        action: 'plan.version',
        target: { type: 'emergency_plan', id },
        payload: { from, version: version.version, change_note: note, content: contentPayload(version) },
      });
    });
    return this.get(id);
  }

  /** One version of a plan (the current one by default) with its drill state. */
  async get(id: string, version?: number): Promise<PlanDetail> {
    const db = this.deps.db;
    const plan = await repo.findPlan(db, id);
    if (!plan) throw PlanNotFound(`plan ${id} does not exist`);
    const versions = await repo.versionsOf(db, id);
    const current = versions.find((v) => v.version === plan.current_version);
    const shown = versions.find((v) => v.version === (version ?? plan.current_version));
    if (!current || !shown)
      throw PlanNotFound(`plan ${id} has no version ${version ?? plan.current_version}`);
    const last = (await repo.lastDrills(db)).get(id);
    return toPlanDetail(plan, shown, versions, current, last, this.deps.clock.now());
  }

  /** Every plan (of one scenario, when given) with its current version and drill state. */
  async list(scenario?: string): Promise<PlanSummary[]> {
    const [plans, last] = await Promise.all([
      repo.plansWithCurrent(this.deps.db, scenario),
      repo.lastDrills(this.deps.db),
    ]);
    const now = this.deps.clock.now();
    return plans.map((p) => toPlanSummary(p, last.get(p.id), now));
  }

  /** The plan and its current version, inside a transaction or not; `FK_ERR_PLAN_NOT_FOUND` otherwise. */
  async current(
    db: Parameters<typeof repo.findPlan>[0],
    id: string,
  ): Promise<{ plan: EmergencyPlanTable; version: EmergencyPlanVersionTable }> {
    const plan = await repo.findPlan(db, id);
    if (!plan) throw PlanNotFound(`plan ${id} does not exist`);
    const version = await repo.findVersion(db, id, plan.current_version);
    if (!version) throw PlanNotFound(`plan ${id} has no version ${plan.current_version}`);
    return { plan, version };
  }
}

function contentPayload(v: EmergencyPlanVersionTable): Record<string, unknown> {
  return {
    title: JSON.parse(v.title),
    rto_minutes: v.rto_minutes,
    rpo_minutes: v.rpo_minutes,
    drill_frequency_days: v.drill_frequency_days,
    steps: JSON.parse(v.steps),
    // Contacts' phone numbers are there to be dialled from the plan, not to sit in the audit trail.
    contacts: (JSON.parse(v.contacts) as { phone?: string }[]).map((c) =>
      c.phone ? { ...c, phone: maskPhone(c.phone) } : c,
    ),
  };
}

function maskPhone(phone: string): string {
  const chars = [...phone];
  return chars.map((ch, i) => (i < chars.length - 4 && /[0-9]/.test(ch) ? '*' : ch)).join('');
}
