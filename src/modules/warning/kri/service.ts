/**
 * Key risk indicators (reference text 三 and 四.1: indicators watched against preset thresholds that
 * adapt to the market): define KRIs, receive pushed values, evaluate periods and read the history a
 * chart draws. Every definition change and every pushed value commits with its audit entry; each
 * evaluation is stored once per period (see `evaluate.ts`). The frequency, source kind and direction of
 * a KRI are fixed once it exists — its history would otherwise mean different things before and after
 * — so a KRI measured differently is a new KRI; a formula's expression may change (cycles refused).
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import { defaultSignals } from './default-signals.js';
import {
  checkText,
  checkThresholds,
  type KriDefinition,
  type KriThresholds,
  toDefinition,
} from './definition.js';
import { KriExists, KriInvalid, KriNotFound, KriNotPushed } from './errors.js';
import { type EvaluationResult, evaluateKri } from './evaluate.js';
import { importValues, pushValues, type ValueImportReport, type ValueInput } from './import.js';
import {
  checkDetectors,
  checkFormulaInputs,
  checkOwner,
  checkRiskType,
  checkSource,
  type NewKri,
  normaliseNewKri,
  type SourceInput,
} from './kri-input.js';
import type { MetricRegistry } from './metrics.js';
import type { KriPeriod } from './periods.js';
import * as repo from './repo.js';
import type { DetectorSpec, SignalPort } from './signals.js';
import { sourceValue } from './source-value.js';
import type { KriTable } from './tables.js';
import { type EvaluationView, type KriView, toEvaluationView, toKriView } from './views.js';

/** Dependencies of the KRI service. */
export interface KriServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly metrics: MetricRegistry;
  /** Bands and detectors; the warning module's own by default. */
  readonly signals?: SignalPort;
  /** Told every new evaluation after its commit (the alert module raises alerts from it). */
  readonly onEvaluation?: (evaluation: KriEvaluation) => Promise<void>;
}

/** What `update` may change. The frequency, source kind and direction are refused (see the file comment). */
export interface KriPatch {
  readonly name?: Partial<Text> | undefined;
  readonly description?: Partial<Text> | undefined;
  readonly risk_type?: string | undefined;
  readonly owner?: string | null | undefined;
  readonly unit?: string | undefined;
  readonly subject?: string | undefined;
  readonly source?: SourceInput | undefined;
  readonly thresholds?: KriThresholds | null | undefined;
  readonly detectors?: readonly DetectorSpec[] | undefined;
  readonly status?: string | undefined;
  readonly frequency?: string | undefined;
  readonly direction?: string | undefined;
}

/** A page of a KRI's history, oldest first. */
export interface KriHistory {
  readonly kri: KriView;
  readonly points: readonly EvaluationView[];
}

/** The KRI service. */
export class KriService {
  readonly signals: SignalPort;

  constructor(readonly deps: KriServiceDeps) {
    this.signals = deps.signals ?? defaultSignals();
  }

  /** Defines a KRI; refused for an id in use or any invalid field. */
  async create(input: NewKri, actor: Actor): Promise<KriView> {
    const fields = normaliseNewKri(input, this.deps.metrics, this.signals);
    const at = isoUtc(this.deps.clock.now());
    const row: KriTable = {
      id: fields.id,
      name: canonicalJson(fields.name),
      description: canonicalJson(fields.description),
      risk_type: fields.risk_type,
      owner: fields.owner,
      unit: fields.unit,
      direction: fields.direction,
      frequency: fields.frequency,
      subject: fields.subject,
      source: canonicalJson(fields.source),
      thresholds: fields.thresholds === null ? null : canonicalJson(fields.thresholds),
      detectors: canonicalJson(fields.detectors),
      status: 'active',
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await transact(this.deps.db, async (trx) => {
      await checkFormulaInputs(trx, fields.id, fields.frequency, fields.source);
      if (!(await repo.insertKri(trx, row))) throw KriExists(`KRI ${row.id} already exists`);
      await this.deps.audit.append(trx, {
        actor,
        action: 'kri.create',
        target: { type: 'kri', id: row.id },
        payload: { kri: toDefinition(row) as unknown as Record<string, unknown> },
      });
    });
    return toKriView(toDefinition(row), undefined);
  }

  /** The stored definition; `FK_ERR_KRI_NOT_FOUND` otherwise. */
  async require(id: string): Promise<KriDefinition> {
    const row = await repo.findKri(this.deps.db, id);
    if (!row) throw KriNotFound(`KRI ${id} does not exist`);
    return toDefinition(row);
  }

  /** One KRI with its latest evaluation. */
  async get(id: string): Promise<KriView> {
    const kri = await this.require(id);
    return toKriView(kri, await repo.latestEvaluation(this.deps.db, id));
  }

  /** KRIs matching `query`, by id, with their latest evaluations. */
  async list(query: repo.KriQuery = {}): Promise<KriView[]> {
    const rows = await repo.queryKris(this.deps.db, query);
    const latest = await repo.latestOf(
      this.deps.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toKriView(toDefinition(r), latest.get(r.id)));
  }

  /** Which of `ids` are not KRIs (the register checks its links with this). */
  async missing(ids: readonly string[]): Promise<string[]> {
    const found = await repo.existingIds(this.deps.db, ids);
    return ids.filter((id) => !found.has(id));
  }

  /** Changes what may change of a KRI (see `KriPatch`). */
  async update(id: string, patch: KriPatch, actor: Actor): Promise<KriView> {
    const kri = await this.require(id);
    if (patch.frequency !== undefined && patch.frequency !== kri.frequency)
      throw KriInvalid('body.frequency cannot change: define a new KRI', [
        { path: 'body.frequency', message: 'is fixed' },
      ]);
    if (patch.direction !== undefined && patch.direction !== kri.direction)
      throw KriInvalid('body.direction cannot change: define a new KRI', [
        { path: 'body.direction', message: 'is fixed' },
      ]);
    const set: Partial<KriTable> = {};
    if (patch.name !== undefined) set.name = canonicalJson(checkText(patch.name, 'body.name', true));
    if (patch.description !== undefined)
      set.description = canonicalJson(checkText(patch.description, 'body.description', false, 500));
    if (patch.risk_type !== undefined) set.risk_type = checkRiskType(patch.risk_type);
    if (patch.owner !== undefined) set.owner = checkOwner(patch.owner);
    if (patch.unit !== undefined) set.unit = normaliseUnit(patch.unit);
    if (patch.subject !== undefined) set.subject = normaliseSubject(patch.subject);
    if (patch.thresholds !== undefined) {
      const t = checkThresholds(patch.thresholds, kri.direction);
      set.thresholds = t === null ? null : canonicalJson(t);
    }
    if (patch.detectors !== undefined)
      set.detectors = canonicalJson(checkDetectors(patch.detectors, this.signals));
    if (patch.status !== undefined) {
      if (patch.status !== 'active' && patch.status !== 'retired')
        throw KriInvalid('body.status must be active or retired', [
          { path: 'body.status', message: 'must be active or retired' },
        ]);
      set.status = patch.status;
    }
    const source = patch.source === undefined ? undefined : checkSource(patch.source, this.deps.metrics);
    if (source !== undefined) {
      if (source.kind !== 'formula' || kri.source.kind !== 'formula')
        throw KriInvalid('body.source may change only from one formula to another', [
          { path: 'body.source', message: 'is fixed' },
        ]);
      set.source = canonicalJson(source);
    }
    if (Object.keys(set).length === 0)
      throw KriInvalid('nothing to change', [{ path: 'body', message: 'must change at least one field' }]);
    const after = await transact(this.deps.db, async (trx) => {
      if (source !== undefined) await checkFormulaInputs(trx, id, kri.frequency, source);
      const row = await repo.updateKri(trx, id, isoUtc(this.deps.clock.now()), set);
      if (!row) throw KriNotFound(`KRI ${id} does not exist`);
      const changed = Object.keys(set).filter((k) => k !== 'updated_at');
      const def = toDefinition(row) as unknown as Record<string, unknown>;
      const old = kri as unknown as Record<string, unknown>;
      await this.deps.audit.append(trx, {
        actor,
        action: 'kri.update',
        target: { type: 'kri', id },
        payload: {
          before: Object.fromEntries(changed.map((k) => [k, old[k] ?? null])),
          after: Object.fromEntries(changed.map((k) => [k, def[k] ?? null])),
          version: row.version,
        },
      });
      return row;
    });
    return this.get(after.id);
  }

  /** Stores the value of one period of a pushed KRI (replacing a value not yet evaluated). */
  async pushValue(id: string, input: ValueInput, actor: Actor): Promise<ValueImportReport> {
    const kri = await this.require(id);
    if (kri.source.kind !== 'pushed')
      throw KriNotPushed(`KRI ${id} takes its values from its ${kri.source.kind} source`);
    return pushValues(this, [{ ...input, kri_id: id }], actor, 'api', true);
  }

  /** Imports a CSV file `kri_id,period_start,value`: one transaction, one audit entry, per-row results. */
  importCsv(csv: string, actor: Actor, source = 'import'): Promise<ValueImportReport> {
    return importValues(this, csv, actor, source);
  }

  /** Evaluates one period of a KRI (see `evaluate.ts`); the stored evaluation when it exists. */
  async evaluate(id: string, periodStart: string, actor: Actor): Promise<EvaluationResult> {
    return evaluateKri(this, await this.require(id), periodStart, actor);
  }

  /** The value a KRI's source gives for a period, without evaluating or storing anything. */
  async valueOf(id: string, period: KriPeriod): Promise<number | null> {
    return sourceValue(this.deps.db, this.deps.metrics, await this.require(id), period);
  }

  /** The evaluations of a KRI with periods starting in [from, to), the latest `limit`, oldest first. */
  async history(
    id: string,
    range: { from?: string | undefined; to?: string | undefined; limit?: number | undefined } = {},
  ): Promise<KriHistory> {
    const kri = await this.require(id);
    const rows = await repo.evaluations(this.deps.db, id, {
      from: instant(range.from, 'querystring.from'),
      to: instant(range.to, 'querystring.to'),
      limit: Math.min(range.limit ?? 500, 5000),
    });
    return {
      kri: toKriView(kri, await repo.latestEvaluation(this.deps.db, id)),
      points: rows.map((r) => toEvaluationView(kri, r)),
    };
  }
}

/** A time as stored (UTC with milliseconds), so that it compares with stored period starts as text. */
function instant(text: string | undefined, path: string): string | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw KriInvalid(`${path} must be a time`, [{ path, message: 'must be a time' }]);
  return isoUtc(ms);
}

function normaliseUnit(unit: string): string {
  if (!/^[A-Za-z0-9_.%*/-]{1,32}$/.test(unit))
    throw KriInvalid('body.unit must be 1–32 letters, digits or _ . % * / -', [
      { path: 'body.unit', message: 'invalid' },
    ]);
  return unit;
}

function normaliseSubject(subject: string): string {
  if (!/^[A-Za-z0-9_.:*-]{1,64}$/.test(subject))
    throw KriInvalid('body.subject must be 1–64 letters, digits or _ . : * -', [
      { path: 'body.subject', message: 'invalid' },
    ]);
  return subject;
}
