/**
 * Drills of emergency plans (reference text 七: plans are rehearsed regularly, 定期演练): a drill
 * runs the plan's current version step by step, records when each step was completed (so the time
 * each took), and finishes with an outcome and the gaps found. A drill may be recorded after the
 * fact by giving past times, never future ones. The last finished drill of a plan sets when the
 * next one is due; an overdue drill is itself a KRI (see `case-figures.ts`).
 */

import { canonicalJson } from '../../kernel/canonical-json.js';
import { isoUtc } from '../../kernel/clock.js';
import type { Text } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import type { Page } from './case-repo.js';
import * as repo from './drill-repo.js';
import { DrillClosed, DrillNotFound, PlanInvalid, PlanNotFound } from './errors.js';
import { actorOf, optionalText, parseTime, readJson, requiredActor, requireText } from './fields.js';
import { stepsOf } from './plan-content.js';
import { bumpPlan, findVersion } from './plan-repo.js';
import type { Drill } from './plan-schemas.js';
import { stepDurations } from './plan-timing.js';
import type { CasesDeps } from './ports.js';
import type { PlanDrillStepTable, PlanDrillTable } from './tables.js';
import type { DrillOutcome } from './vocabulary.js';

/** Starts, records and finishes drills. */
export class DrillService {
  constructor(readonly deps: CasesDeps) {}

  /** The time a person gave (default now), refused when in the future or before `notBefore`. */
  private when(given: string | undefined, path: string, notBefore?: string): string {
    const now = isoUtc(this.deps.clock.now());
    if (given === undefined) return now;
    const at = isoUtc(parseTime(PlanInvalid, given, path));
    if (at > now)
      throw PlanInvalid(`${path} must not be in the future`, [
        { path, message: 'must not be in the future' },
      ]);
    if (notBefore !== undefined && at < notBefore) {
      throw PlanInvalid(`${path} must not be before ${notBefore}`, [
        { path, message: `must not be before ${notBefore}` },
      ]);
    }
    return at;
  }

  /** Starts a drill of the current version of `planId`. */
  async start(actor: Actor, planId: string, startedAt?: string, note?: string): Promise<Drill> {
    const at = this.when(startedAt, 'body.started_at');
    const text = optionalText(PlanInvalid, note, 'body.note', 2000);
    const id = newId(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      const plan = await bumpPlan(trx, planId, at);
      if (!plan) throw PlanNotFound(`plan ${planId} does not exist`);
      const version = await findVersion(trx, planId, plan.current_version);
      if (!version) throw PlanNotFound(`plan ${planId} has no version ${plan.current_version}`);
      const row: PlanDrillTable = {
        id,
        plan_id: planId,
        plan_version: version.version,
        status: 'in_progress',
        started_at: at,
        started_by_type: actor.type,
        started_by_id: actor.id,
        finished_at: null,
        outcome: null,
        gaps: '[]',
        note: text,
        version: 1,
      };
      const steps: PlanDrillStepTable[] = stepsOf(version).map((s, i) => ({
        drill_id: id,
        seq: i + 1,
        title: canonicalJson(s.title),
        expected_minutes: s.expected_minutes,
        completed_at: null,
        completed_by_type: null,
        completed_by_id: null,
        note: null,
      }));
      await repo.insertDrill(trx, row, steps);
      await this.deps.audit.append(trx, {
        actor,
        action: 'drill.start',
        target: { type: 'plan_drill', id },
        payload: { plan_id: planId, plan_version: version.version, started_at: at, note: text || null },
      });
    });
    return this.get(id);
  }

  /** Records step `seq` as completed (at `at`, default now). */
  async completeStep(actor: Actor, id: string, seq: number, at?: string, note?: string): Promise<Drill> {
    const text = optionalText(PlanInvalid, note, 'body.note', 2000);
    await transact(this.deps.db, async (trx) => {
      const drill = await this.lock(trx, id);
      const when = this.when(at, 'body.at', drill.started_at);
      const done = await repo.completeStep(trx, id, seq, {
        completed_at: when,
        completed_by_type: actor.type,
        completed_by_id: actor.id,
        note: text || null,
      });
      if (!done) {
        const steps = await repo.stepsOfDrills(trx, [id]);
        if (!steps.some((s) => s.seq === seq)) throw DrillNotFound(`drill ${id} has no step ${seq}`);
        throw DrillClosed(`step ${seq} of drill ${id} is already complete`);
      }
      await this.deps.audit.append(trx, {
        actor,
        action: 'drill.step',
        target: { type: 'plan_drill', id },
        payload: { seq, completed_at: when, note: text || null },
      });
    });
    return this.get(id);
  }

  /** Finishes a drill with its outcome and the gaps found; steps never completed stay open in the record. */
  async finish(
    actor: Actor,
    id: string,
    outcome: DrillOutcome,
    gaps: readonly string[],
    at?: string,
    note?: string,
  ): Promise<Drill> {
    const found = gaps.map((g, i) => requireText(PlanInvalid, g, `body.gaps.${i}`, 1000));
    if (outcome === 'passed_with_gaps' && found.length === 0) {
      throw PlanInvalid('body.gaps must name the gaps of a drill that passed with gaps');
    }
    const text = optionalText(PlanInvalid, note, 'body.note', 2000);
    await transact(this.deps.db, async (trx) => {
      const drill = await this.lock(trx, id);
      const steps = await repo.stepsOfDrills(trx, [id]);
      const lastStep = steps.reduce<string>(
        (m, s) => (s.completed_at && s.completed_at > m ? s.completed_at : m),
        drill.started_at,
      );
      const when = this.when(at, 'body.at', lastStep);
      await repo.lockDrill(trx, id, {
        status: 'finished',
        finished_at: when,
        outcome,
        gaps: canonicalJson(found),
        note: [drill.note, text].filter((t) => t !== '').join('\n'),
      });
      await this.deps.audit.append(trx, {
        actor,
        action: 'drill.finish',
        target: { type: 'plan_drill', id },
        payload: {
          outcome,
          gaps: found,
          finished_at: when,
          incomplete_steps: steps.filter((s) => !s.completed_at).map((s) => s.seq),
        },
      });
    });
    return this.get(id);
  }

  /** One drill with the time each step took. */
  async get(id: string): Promise<Drill> {
    const row = await repo.findDrill(this.deps.db, id);
    if (!row) throw DrillNotFound(`drill ${id} does not exist`);
    const [view] = await this.views([row]);
    if (!view) throw DrillNotFound(`drill ${id} does not exist`);
    return view;
  }

  /** A page of drills, newest first. */
  async list(filter: repo.DrillFilter): Promise<Page<Drill>> {
    const page = await repo.queryDrills(this.deps.db, filter);
    return { items: await this.views(page.items), total: page.total };
  }

  private async lock(trx: Parameters<typeof repo.lockDrill>[0], id: string): Promise<PlanDrillTable> {
    const drill = await repo.lockDrill(trx, id);
    if (drill) return drill;
    if (!(await repo.findDrill(trx, id))) throw DrillNotFound(`drill ${id} does not exist`);
    throw DrillClosed(`drill ${id} is finished`);
  }

  private async views(rows: readonly PlanDrillTable[]): Promise<Drill[]> {
    const steps = await repo.stepsOfDrills(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const out: Drill[] = [];
    for (const row of rows) {
      const version = await findVersion(this.deps.db, row.plan_id, row.plan_version);
      const rto = version?.rto_minutes ?? 0;
      const own = steps.filter((s) => s.drill_id === row.id);
      const took = stepDurations(
        Date.parse(row.started_at),
        own.map((s) => (s.completed_at ? Date.parse(s.completed_at) : null)),
      );
      const total = row.finished_at
        ? (Date.parse(row.finished_at) - Date.parse(row.started_at)) / 60_000
        : null;
      out.push({
        id: row.id,
        plan_id: row.plan_id,
        plan_version: row.plan_version,
        status: row.status as Drill['status'],
        started_at: row.started_at,
        started_by: requiredActor(row.started_by_type, row.started_by_id),
        finished_at: row.finished_at,
        outcome: row.outcome as DrillOutcome | null,
        gaps: readJson<string[]>(row.gaps),
        note: row.note,
        total_minutes: total,
        rto_minutes: rto,
        within_rto: total === null ? null : total <= rto,
        steps: own.map((s, i) => {
          const minutes = took[i] ?? null;
          return {
            seq: s.seq,
            title: readJson<Text>(s.title),
            expected_minutes: s.expected_minutes,
            completed_at: s.completed_at,
            completed_by: actorOf(s.completed_by_type, s.completed_by_id),
            note: s.note,
            took_minutes: minutes,
            over_expected: minutes === null ? null : minutes > s.expected_minutes,
          };
        }),
      });
    }
    return out;
  }
}
