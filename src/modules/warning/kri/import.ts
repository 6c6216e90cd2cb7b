/**
 * Values pushed by other systems (macro series such as the loan prime rate or CPI, treasury cash
 * positions, open regulatory findings): one value per pushed KRI and period, through the API or a CSV
 * file `kri_id,period_start,value` (header required). A value may be replaced until its period is
 * evaluated, never after: the evaluation is the record of what the KRI was. An import is one
 * transaction with one audit entry, and reports every row: added, replaced or refused (with why);
 * refused rows do not stop the others.
 */
import { isoUtc } from '../../../kernel/clock.js';
import { parseCsv } from '../../../kernel/csv.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { type KriDefinition, toDefinition } from './definition.js';
import {
  KriImportInvalid,
  KriNotFound,
  KriNotPushed,
  KriPeriodEvaluated,
  KriPeriodInvalid,
} from './errors.js';
import { periodStartingAt } from './periods.js';
import * as repo from './repo.js';
import type { KriService } from './service.js';
import type { KriValueTable } from './tables.js';

/** One value as given. */
export interface ValueInput {
  readonly period_start: string;
  readonly value: number;
}

/** What happened to one value. */
export interface ValueResult {
  /** 1-based data row (the header is not counted); 1 for a single pushed value. */
  readonly row: number;
  readonly line: number;
  readonly kri_id: string;
  readonly period_start: string;
  readonly value: number | null;
  readonly status: 'added' | 'replaced' | 'refused';
  readonly message: string | null;
}

/** The outcome of a push or an import. */
export interface ValueImportReport {
  readonly rows: number;
  readonly added: number;
  readonly replaced: number;
  readonly refused: number;
  readonly results: readonly ValueResult[];
}

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 50_000;

const HEADER = ['kri_id', 'period_start', 'value'];

type Candidate = {
  row: number;
  line: number;
  kri_id: string;
  period_start: string;
  value: number | null;
  raw: string;
};

/**
 * Checks and stores `items` (already split into rows); with `strict`, the first refusal is thrown as
 * its catalogued error instead of being reported (a single value pushed through the API).
 */
export async function pushValues(
  service: KriService,
  items: readonly (ValueInput & { kri_id: string; row?: number; line?: number })[],
  actor: Actor,
  source: string,
  strict = false,
): Promise<ValueImportReport> {
  const candidates = items.map((item, i) => ({
    row: item.row ?? i + 1,
    line: item.line ?? i + 1,
    kri_id: item.kri_id,
    period_start: item.period_start,
    value: item.value,
    raw: String(item.value),
  }));
  return store(service, candidates, actor, source, strict);
}

/** Parses and stores a CSV file of values. */
export async function importValues(
  service: KriService,
  csv: string,
  actor: Actor,
  source: string,
): Promise<ValueImportReport> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw KriImportInvalid(`line ${parsed.line}: ${parsed.message}`);
  const [header, ...records] = parsed.records;
  const names = header?.fields.map((f) => f.trim().toLowerCase());
  if (!names || HEADER.some((h, i) => names[i] !== h) || names.length !== HEADER.length)
    throw KriImportInvalid(`the first line must be the header ${HEADER.join(',')}`);
  if (records.length === 0) throw KriImportInvalid('the file has no data rows');
  if (records.length > MAX_IMPORT_ROWS)
    throw KriImportInvalid(`a file holds at most ${MAX_IMPORT_ROWS} data rows`);
  const candidates: Candidate[] = records.map((r, i) => {
    const raw = (r.fields[2] ?? '').trim();
    const number = raw === '' ? Number.NaN : Number(raw);
    return {
      row: i + 1,
      line: r.line,
      kri_id: (r.fields[0] ?? '').trim(),
      period_start: (r.fields[1] ?? '').trim(),
      value: Number.isFinite(number) ? number : null,
      raw: r.fields.length === 3 ? raw : `${r.fields.length} fields`,
    };
  });
  return store(service, candidates, actor, source, false);
}

async function store(
  service: KriService,
  candidates: readonly Candidate[],
  actor: Actor,
  source: string,
  strict: boolean,
): Promise<ValueImportReport> {
  const { db, clock, audit } = service.deps;
  const at = isoUtc(clock.now());
  return transact(db, async (trx) => {
    const kris = new Map<string, KriDefinition | null>();
    const seen = new Set<string>();
    const rows: KriValueTable[] = [];
    const results: ValueResult[] = [];
    for (const c of candidates) {
      const refuse = (error: Error) => {
        if (strict) throw error;
        results.push({
          row: c.row,
          line: c.line,
          kri_id: c.kri_id,
          period_start: c.period_start,
          value: c.value,
          status: 'refused',
          message: error.message,
        });
      };
      if (!kris.has(c.kri_id)) {
        const row = await repo.findKri(trx, c.kri_id);
        kris.set(c.kri_id, row ? toDefinition(row) : null);
      }
      const kri = kris.get(c.kri_id);
      if (!kri) {
        refuse(KriNotFound(`KRI ${JSON.stringify(c.kri_id)} does not exist`));
        continue;
      }
      if (kri.source.kind !== 'pushed') {
        refuse(KriNotPushed(`KRI ${kri.id} takes its values from its ${kri.source.kind} source`));
        continue;
      }
      const period = periodStartingAt(kri.frequency, c.period_start);
      if (!period.ok) {
        refuse(KriPeriodInvalid(period.message));
        continue;
      }
      if (c.value === null) {
        refuse(KriImportInvalid(`value ${JSON.stringify(c.raw)} is not a finite number`));
        continue;
      }
      const key = `${kri.id}\u0000${period.period.start}`;
      if (seen.has(key)) {
        refuse(KriImportInvalid(`KRI ${kri.id} period ${period.period.start} appears twice`));
        continue;
      }
      if (await repo.findEvaluation(trx, kri.id, period.period.start)) {
        refuse(KriPeriodEvaluated(`KRI ${kri.id} period ${period.period.start} is already evaluated`));
        continue;
      }
      seen.add(key);
      rows.push({
        kri_id: kri.id,
        period_start: period.period.start,
        value: c.value,
        source,
        received_by_type: actor.type,
        received_by_id: actor.id,
        received_at: at,
      });
      results.push({
        row: c.row,
        line: c.line,
        kri_id: kri.id,
        period_start: period.period.start,
        value: c.value,
        status: 'added',
        message: null,
      });
    }
    const existed = await repo.upsertValues(trx, rows);
    const final = results.map((r) =>
      r.status === 'added' && existed.has(`${r.kri_id}\u0000${r.period_start}`)
        ? { ...r, status: 'replaced' as const }
        : r,
    );
    const report = {
      rows: final.length,
      added: final.filter((r) => r.status === 'added').length,
      replaced: final.filter((r) => r.status === 'replaced').length,
      refused: final.filter((r) => r.status === 'refused').length,
      results: final.sort((a, b) => a.row - b.row),
    };
    if (rows.length > 0) {
      const kriIds = [...new Set(rows.map((r) => r.kri_id))].sort();
      await audit.append(trx, {
        actor,
        action: 'kri.values.push',
        target: { type: 'kri', id: kriIds.length === 1 ? (kriIds[0] as string) : '*' },
        payload: {
          source,
          kris: kriIds,
          added: report.added,
          replaced: report.replaced,
          refused: report.refused,
          values: rows
            .slice(0, 1000)
            .map((r) => ({ kri_id: r.kri_id, period_start: r.period_start, value: r.value })),
        },
      });
    }
    return report;
  });
}
