/**
 * The risk register (reference text 三: identify, assess and grade risks): risks with their cause,
 * consequence, owner, inherent and residual grading, controls and linked KRIs. Every change commits
 * with its audit entry in one transaction. Likelihood and impact never change directly: a grading
 * change is a four-eyes `risk.grade` request (`grade-kind.ts`), applied when a second person approves.
 * The first grading is part of recording the risk and needs no approval; a risk is retired, never
 * deleted, so its id (and its history) cannot be reused to re-grade it quietly.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { ChangeCaller, ChangeService, ChangeView } from '../../identity/changes/index.js';
import {
  checkCategory,
  checkGrading,
  checkKriIds,
  checkOwner,
  checkResidualWithinInherent,
  checkRiskId,
} from './checks.js';
import { type ControlInput, controlRow, putControl, removeControl } from './controls.js';
import { RiskExists, RiskGradeNeedsApproval, RiskInvalid, RiskKriUnknown, RiskNotFound } from './errors.js';
import type { Grading } from './grading.js';
import { type HeatMap, type HeatMapBasis, heatMapOf } from './heatmap.js';
import * as repo from './repo.js';
import type { RiskTable } from './tables.js';
import { bilingual, categoryPrefix, RISK_STATUSES } from './values.js';
import { type RiskView, riskTarget, toRiskView } from './views.js';

/** Which KRI ids do not exist: the KRI module answers (the register does not read its tables). */
export interface KriDirectory {
  missing(ids: readonly string[]): Promise<string[]>;
}

/** Dependencies of the register. */
export interface RegisterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Four eyes for grading changes. */
  readonly changes?: ChangeService;
  /** Checks linked KRI ids; links are not checked without it. */
  readonly kris?: KriDirectory;
}

/** A new risk. */
export interface NewRisk {
  /** Generated as `R-<category prefix>-<nnn>` when absent. */
  readonly id?: string | undefined;
  readonly title: Partial<Text>;
  readonly category: string;
  readonly owner?: string | null | undefined;
  readonly cause: Partial<Text>;
  readonly consequence: Partial<Text>;
  readonly inherent: Grading;
  readonly residual: Grading;
  readonly kri_ids?: readonly string[] | undefined;
  readonly controls?: Readonly<Record<string, ControlInput>> | undefined;
}

/** What `update` may change (the grading is refused: it goes through `submitGrade`). */
export interface RiskPatch {
  readonly title?: Partial<Text> | undefined;
  readonly category?: string | undefined;
  readonly owner?: string | null | undefined;
  readonly cause?: Partial<Text> | undefined;
  readonly consequence?: Partial<Text> | undefined;
  readonly kri_ids?: readonly string[] | undefined;
  readonly status?: string | undefined;
  readonly inherent?: unknown;
  readonly residual?: unknown;
}

/** A proposed grading change. */
export interface GradeRequest {
  readonly inherent?: Grading | undefined;
  readonly residual?: Grading | undefined;
  readonly reason: string;
}

/** The register service. */
export class RiskRegister {
  constructor(readonly deps: RegisterDeps) {}

  private today(): string {
    return isoUtc(this.deps.clock.now()).slice(0, 10);
  }

  private async view(row: RiskTable): Promise<RiskView> {
    return toRiskView(row, await repo.controlsOf(this.deps.db, [row.id]), this.today());
  }

  private async checkKris(ids: readonly string[]): Promise<void> {
    const missing = this.deps.kris && ids.length > 0 ? await this.deps.kris.missing(ids) : [];
    if (missing.length > 0)
      throw RiskKriUnknown(`no KRI ${missing.join(', ')}`, [
        { path: 'body.kri_ids', message: `unknown: ${missing.join(', ')}` },
      ]);
  }

  /** Records a risk with its first grading and controls; refused for an id in use or bad fields. */
  async create(input: NewRisk, actor: Actor): Promise<RiskView> {
    const category = checkCategory(input.category);
    const inherent = checkGrading(input.inherent, 'body.inherent');
    const residual = checkGrading(input.residual, 'body.residual');
    checkResidualWithinInherent(inherent, residual);
    const kriIds = checkKriIds(input.kri_ids ?? []);
    await this.checkKris(kriIds);
    const at = isoUtc(this.deps.clock.now());
    const base = {
      title: canonicalJson(bilingual(input.title, 'body.title', 200)),
      category,
      owner: checkOwner(input.owner),
      cause: canonicalJson(bilingual(input.cause, 'body.cause')),
      consequence: canonicalJson(bilingual(input.consequence, 'body.consequence')),
      inherent_likelihood: inherent.likelihood,
      inherent_impact: inherent.impact,
      residual_likelihood: residual.likelihood,
      residual_impact: residual.impact,
      kri_ids: canonicalJson(kriIds),
      status: 'active',
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    const controls = Object.entries(input.controls ?? {});
    if (controls.length > 50) throw RiskInvalid('body.controls may hold at most 50 controls');
    const row = await transact(this.deps.db, async (trx) => {
      for (let attempt = 0; ; attempt++) {
        const id = input.id === undefined ? await nextId(trx, category) : checkRiskId(input.id);
        const candidate: RiskTable = { id, ...base };
        if (await repo.insertRisk(trx, candidate)) {
          const rows = controls.map(([cid, c]) =>
            controlRow(id, cid, c, `body.controls.${cid}`, at, this.today()),
          );
          for (const c of rows) await repo.upsertControl(trx, c);
          await this.deps.audit.append(trx, {
            actor,
            action: 'risk.create',
            target: riskTarget(id),
            payload: {
              risk: toRiskView(candidate, rows, this.today()) as unknown as Record<string, unknown>,
            },
          });
          return candidate;
        }
        if (input.id !== undefined || attempt >= 3) throw RiskExists(`risk ${id} already exists`);
      }
    });
    return this.get(row.id);
  }

  /** One risk with its controls; `FK_ERR_RISK_NOT_FOUND` otherwise. */
  async get(id: string): Promise<RiskView> {
    const row = await repo.findRisk(this.deps.db, id);
    if (!row) throw RiskNotFound(`risk ${id} does not exist`);
    return this.view(row);
  }

  /** Risks matching `query`, by id, with their controls. */
  async list(query: repo.RiskQuery = {}): Promise<RiskView[]> {
    const rows = await repo.queryRisks(this.deps.db, query);
    const controls = await repo.controlsOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return rows.map((r) =>
      toRiskView(
        r,
        controls.filter((c) => c.risk_id === r.id),
        today,
      ),
    );
  }

  /**
   * Changes the fields that need no second person: title, category, owner, cause, consequence, linked
   * KRIs, status. A grading in the patch is refused with `FK_ERR_RISK_GRADE_NEEDS_APPROVAL`.
   */
  async update(id: string, patch: RiskPatch, actor: Actor): Promise<RiskView> {
    if (patch.inherent !== undefined || patch.residual !== undefined) {
      throw RiskGradeNeedsApproval(`the grading of risk ${id} changes only through four eyes`);
    }
    const set: Partial<RiskTable> = {};
    if (patch.title !== undefined) set.title = canonicalJson(bilingual(patch.title, 'body.title', 200));
    if (patch.category !== undefined) set.category = checkCategory(patch.category);
    if (patch.owner !== undefined) set.owner = checkOwner(patch.owner);
    if (patch.cause !== undefined) set.cause = canonicalJson(bilingual(patch.cause, 'body.cause'));
    if (patch.consequence !== undefined)
      set.consequence = canonicalJson(bilingual(patch.consequence, 'body.consequence'));
    if (patch.kri_ids !== undefined) {
      const ids = checkKriIds(patch.kri_ids);
      await this.checkKris(ids);
      set.kri_ids = canonicalJson(ids);
    }
    if (patch.status !== undefined) {
      if (!(RISK_STATUSES as readonly string[]).includes(patch.status))
        throw RiskInvalid('body.status must be active or retired', [
          { path: 'body.status', message: 'must be active or retired' },
        ]);
      set.status = patch.status;
    }
    if (Object.keys(set).length === 0) {
      throw RiskInvalid('nothing to change', [{ path: 'body', message: 'must change at least one field' }]);
    }
    const after = await transact(this.deps.db, async (trx) => {
      const before = await repo.findRisk(trx, id);
      if (!before) throw RiskNotFound(`risk ${id} does not exist`);
      const row = await repo.updateRisk(trx, id, isoUtc(this.deps.clock.now()), set);
      if (!row) throw RiskNotFound(`risk ${id} does not exist`);
      const changed = Object.keys(set) as (keyof RiskTable)[];
      await this.deps.audit.append(trx, {
        actor,
        action: 'risk.update',
        target: riskTarget(id),
        payload: {
          before: Object.fromEntries(changed.map((k) => [k, before[k]])),
          after: Object.fromEntries(changed.map((k) => [k, row[k]])),
          version: row.version,
        },
      });
      return row;
    });
    return this.view(after);
  }

  /** Adds or replaces a control of a risk (its last test included); the risk's version moves. */
  async putControl(riskId: string, controlId: string, input: ControlInput, actor: Actor): Promise<RiskView> {
    return this.view(await putControl(this.deps, riskId, controlId, input, actor));
  }

  /** Removes a control from a risk. */
  async removeControl(riskId: string, controlId: string, actor: Actor): Promise<RiskView> {
    return this.view(await removeControl(this.deps, riskId, controlId, actor));
  }

  /**
   * Submits a grading change (inherent, residual or both) for four-eyes approval; nothing changes
   * until another person with `change:approve` approves it. Refused when it changes nothing or leaves
   * the residual grade above the inherent one.
   */
  async submitGrade(caller: ChangeCaller, id: string, request: GradeRequest): Promise<ChangeView> {
    const changes = this.deps.changes;
    if (!changes) throw new Error('RiskRegister was composed without the change service');
    const risk = await this.get(id);
    const content = {
      ...(request.inherent ? { inherent: checkGrading(request.inherent, 'body.inherent') } : {}),
      ...(request.residual ? { residual: checkGrading(request.residual, 'body.residual') } : {}),
    };
    const inherent = content.inherent ?? risk.inherent;
    const residual = content.residual ?? risk.residual;
    const same = (a: Grading, b: Grading) => a.likelihood === b.likelihood && a.impact === b.impact;
    if (same(inherent, risk.inherent) && same(residual, risk.residual)) {
      throw RiskInvalid('the grading given is the grading the risk has', [
        { path: 'body', message: 'must change the inherent or residual grading' },
      ]);
    }
    checkResidualWithinInherent(inherent, residual);
    return changes.submit(caller, {
      kind: 'risk.grade',
      target: riskTarget(id),
      content,
      reason: request.reason.trim(),
    });
  }

  /** The 5 × 5 heat map of active risks by residual (or inherent) grading. */
  async heatmap(basis: HeatMapBasis = 'residual'): Promise<HeatMap> {
    return heatMapOf(await repo.queryRisks(this.deps.db, { status: 'active' }), basis);
  }
}

async function nextId(db: Parameters<typeof repo.idsStartingWith>[0], category: string): Promise<string> {
  const prefix = `R-${categoryPrefix(category)}-`;
  let max = 0;
  for (const id of await repo.idsStartingWith(db, prefix)) {
    const n = Number(id.slice(prefix.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(3, '0')}`;
}
