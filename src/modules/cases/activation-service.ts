/**
 * Activating an emergency plan for an alert or an incident (reference text 七: 应急响应): the plan's
 * current version becomes a checklist, one item per step, each due at the activation time plus the
 * expected minutes of every step up to it. People tick items done, or skip them with a note; an
 * item still pending after its due time is overdue, and the activation completes when no item is
 * pending. For an incident, the activation and every tick also land on its timeline, in the same
 * transaction as the change and its audit entry.
 */
import type { Transaction } from 'kysely';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { isoUtc } from '../../kernel/clock.js';
import type { Text } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import type { Database } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import * as repo from './activation-repo.js';
import type { Page } from './case-repo.js';
import {
  IncidentNotFound,
  IncidentTransition,
  PlanActivationNotFound,
  PlanAlreadyActive,
  PlanInvalid,
  PlanItemClosed,
  PlanNotFound,
  PlanSourceNotFound,
} from './errors.js';
import { actorOf, optionalText, readJson, requiredActor, requireText } from './fields.js';
import { appendTimeline, findIncident, lockIncident } from './incident-repo.js';
import { stepsOf } from './plan-content.js';
import { bumpPlan, findVersion } from './plan-repo.js';
import type { Activation } from './plan-schemas.js';
import { checklistDueTimes } from './plan-timing.js';
import type { CasesDeps } from './ports.js';
import type { PlanActivationTable, PlanChecklistItemTable } from './tables.js';

/** What a plan is activated for. */
export interface ActivationSource {
  readonly type: 'alert' | 'incident';
  readonly id: string;
}

/** Activates plans and works their checklists. */
export class ActivationService {
  constructor(readonly deps: CasesDeps) {}

  /** Activates the current version of `planId` for an alert or an incident. */
  async activate(actor: Actor, planId: string, source: ActivationSource): Promise<Activation> {
    if (source.type === 'alert') {
      const alert = this.deps.alerts ? await this.deps.alerts.get(source.id) : undefined;
      if (!alert) throw PlanSourceNotFound(`alert ${source.id} does not exist`);
    }
    const nowMs = this.deps.clock.now();
    const at = isoUtc(nowMs);
    const id = newId(nowMs);
    await transact(this.deps.db, async (trx) => {
      const plan = await bumpPlan(trx, planId, at);
      if (!plan) throw PlanNotFound(`plan ${planId} does not exist`);
      const version = await findVersion(trx, planId, plan.current_version);
      if (!version) throw PlanNotFound(`plan ${planId} has no version ${plan.current_version}`);
      if (await repo.activeFor(trx, planId, source.type, source.id)) {
        throw PlanAlreadyActive(`plan ${planId} is already active for ${source.type} ${source.id}`);
      }
      const steps = stepsOf(version);
      const due = checklistDueTimes(nowMs, steps);
      const row: PlanActivationTable = {
        id,
        plan_id: planId,
        plan_version: version.version,
        source_type: source.type,
        source_id: source.id,
        status: 'active',
        activated_at: at,
        activated_by_type: actor.type,
        activated_by_id: actor.id,
        completed_at: null,
        version: 1,
      };
      const items: PlanChecklistItemTable[] = steps.map((step, i) => ({
        activation_id: id,
        seq: i + 1,
        title: canonicalJson(step.title),
        owner: canonicalJson(step.owner),
        expected_minutes: step.expected_minutes,
        due_at: isoUtc(due[i] ?? nowMs),
        status: 'pending',
        done_by_type: null,
        done_by_id: null,
        done_at: null,
        note: null,
      }));
      await repo.insertActivation(trx, row, items);
      const title = readJson<Text>(version.title);
      await this.onIncident(
        trx,
        source,
        actor,
        at,
        `plan ${planId} v${version.version} activated: ${title.zh} / ${title.en}`,
        true,
      );
      await this.deps.audit.append(trx, {
        actor,
        action: 'plan.activate',
        target: { type: 'plan_activation', id },
        payload: { plan_id: planId, plan_version: version.version, source, due: items.map((i) => i.due_at) },
      });
    });
    return this.get(id);
  }

  /** Marks checklist item `seq` done, or skipped (a note saying why is required). */
  async tick(
    actor: Actor,
    id: string,
    seq: number,
    status: 'done' | 'skipped',
    note?: string,
  ): Promise<Activation> {
    const text =
      status === 'skipped'
        ? requireText(PlanInvalid, note, 'body.note', 2000)
        : optionalText(PlanInvalid, note, 'body.note', 2000);
    const at = isoUtc(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      const activation = await repo.lockActivation(trx, id);
      if (!activation) {
        if (!(await repo.findActivation(trx, id)))
          throw PlanActivationNotFound(`activation ${id} does not exist`);
        throw PlanItemClosed(`activation ${id} is completed`);
      }
      const closed = await repo.closeItem(trx, id, seq, {
        status,
        done_by_type: actor.type,
        done_by_id: actor.id,
        done_at: at,
        note: text || null,
      });
      const items = await repo.itemsOf(trx, [id]);
      const item = items.find((i) => i.seq === seq);
      if (!item) throw PlanActivationNotFound(`activation ${id} has no item ${seq}`);
      if (!closed) throw PlanItemClosed(`item ${seq} of activation ${id} is already ${item.status}`);
      const completed = items.every((i) => i.status !== 'pending');
      if (completed) await repo.lockActivation(trx, id, { status: 'completed', completed_at: at });
      const source: ActivationSource = {
        type: activation.source_type as ActivationSource['type'],
        id: activation.source_id,
      };
      const title = readJson<Text>(item.title);
      await this.onIncident(
        trx,
        source,
        actor,
        at,
        `checklist ${seq} ${status}: ${title.zh} / ${title.en}${text ? ` – ${text}` : ''}`,
        false,
      );
      await this.deps.audit.append(trx, {
        actor,
        action: 'plan.checklist',
        target: { type: 'plan_activation', id },
        payload: { seq, status, note: text || null, overdue: item.due_at < at, completed },
      });
    });
    return this.get(id);
  }

  /** One activation with its checklist; `FK_ERR_PLAN_ACTIVATION_NOT_FOUND` otherwise. */
  async get(id: string): Promise<Activation> {
    const row = await repo.findActivation(this.deps.db, id);
    if (!row) throw PlanActivationNotFound(`activation ${id} does not exist`);
    const [view] = await this.views([row]);
    if (!view) throw PlanActivationNotFound(`activation ${id} does not exist`);
    return view;
  }

  /** A page of activations, newest first. */
  async list(filter: repo.ActivationFilter): Promise<Page<Activation>> {
    const page = await repo.queryActivations(this.deps.db, filter);
    return { items: await this.views(page.items), total: page.total };
  }

  private async views(rows: readonly PlanActivationTable[]): Promise<Activation[]> {
    const now = isoUtc(this.deps.clock.now());
    const items = await repo.itemsOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const titles = new Map<string, Text>();
    for (const row of rows) {
      const key = `${row.plan_id}@${row.plan_version}`;
      if (titles.has(key)) continue;
      const version = await findVersion(this.deps.db, row.plan_id, row.plan_version);
      titles.set(key, version ? readJson<Text>(version.title) : { en: row.plan_id, zh: row.plan_id });
    }
    return rows.map((row) => {
      const list = items
        .filter((i) => i.activation_id === row.id)
        .map((i) => ({
          seq: i.seq,
          title: readJson<Text>(i.title),
          owner: readJson<{ type: 'role' | 'user'; id: string }>(i.owner),
          expected_minutes: i.expected_minutes,
          due_at: i.due_at,
          status: i.status as 'pending' | 'done' | 'skipped',
          overdue: i.status === 'pending' && i.due_at < now,
          done_by: actorOf(i.done_by_type, i.done_by_id),
          done_at: i.done_at,
          note: i.note,
        }));
      return {
        id: row.id,
        plan_id: row.plan_id,
        plan_version: row.plan_version,
        plan_title: titles.get(`${row.plan_id}@${row.plan_version}`) ?? { en: row.plan_id, zh: row.plan_id },
        source: { type: row.source_type as ActivationSource['type'], id: row.source_id },
        status: row.status as 'active' | 'completed',
        activated_at: row.activated_at,
        activated_by: requiredActor(row.activated_by_type, row.activated_by_id),
        completed_at: row.completed_at,
        overdue_items: list.filter((i) => i.overdue).length,
        items: list,
      };
    });
  }

  /** Writes `text` on the incident's timeline when the source is an incident. */
  private async onIncident(
    trx: Transaction<Database>,
    source: ActivationSource,
    actor: Actor,
    at: string,
    text: string,
    activating: boolean,
  ): Promise<void> {
    if (source.type !== 'incident') return;
    const incident = await findIncident(trx, source.id);
    if (!incident) throw IncidentNotFound(`incident ${source.id} does not exist`);
    if (activating && incident.status === 'reviewed') {
      throw IncidentTransition(`incident ${source.id} is reviewed; plans are activated for live incidents`);
    }
    await lockIncident(trx, source.id, at);
    await appendTimeline(trx, source.id, [
      { kind: 'plan', text, at, recorded_at: at, author_type: actor.type, author_id: actor.id },
    ]);
  }
}
