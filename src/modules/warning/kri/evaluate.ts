/**
 * Evaluating a KRI for one period: its value from its source, the static band with hysteresis against
 * the band of the previous evaluation, and each detector resumed from the state the previous
 * evaluation stored. The result is stored once per (KRI, period), with an audit entry, in one
 * transaction; evaluating a period again returns the stored evaluation unchanged (`created: false`),
 * so the scheduler and people can retry freely. Periods are evaluated forward in time: a period that
 * has not ended, or one before the latest evaluated period, is refused. A period without a value
 * keeps the previous band and leaves the detectors untouched.
 *
 * The evaluation hook (the alert module) runs after the commit; `notified_at` records that it
 * accepted the evaluation, and a retry of a stored evaluation that was never accepted calls it again,
 * so a crash between commit and hook delays an alert instead of losing it.
 */
import { canonicalJson, type JsonValue } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import type { Band, DetectorOutcome } from '../kri-evaluation.js';
import type { KriDefinition } from './definition.js';
import { KriPeriodInvalid, KriPeriodOpen, KriPeriodOutOfOrder } from './errors.js';
import { periodStartingAt } from './periods.js';
import * as repo from './repo.js';
import type { KriService } from './service.js';
import { sourceValue } from './source-value.js';
import type { KriEvaluationTable } from './tables.js';
import { type EvaluationView, toEvaluationView, toKriEvaluation } from './views.js';

/** The result of `evaluate`: the evaluation, and whether this call created it. */
export interface EvaluationResult {
  readonly created: boolean;
  readonly evaluation: EvaluationView;
}

function detectorKey(spec: { method: string; params: unknown }): string {
  return canonicalJson(spec);
}

/** Evaluates `kri` for the period starting at `periodStart` (see the file comment). */
export async function evaluateKri(
  service: KriService,
  kri: KriDefinition,
  periodStart: string,
  actor: Actor,
): Promise<EvaluationResult> {
  const { db, clock, audit, metrics } = service.deps;
  const signals = service.signals;
  const read = periodStartingAt(kri.frequency, periodStart);
  if (!read.ok) throw KriPeriodInvalid(read.message, [{ path: 'body.period_start', message: read.message }]);
  const period = read.period;
  const stored = await repo.findEvaluation(db, kri.id, period.start);
  if (stored) return { created: false, evaluation: await notify(service, kri, stored) };
  if (Date.parse(period.end) > clock.now())
    throw KriPeriodOpen(`the ${kri.frequency} period starting ${period.start} ends at ${period.end}`);
  const latest = await repo.latestEvaluation(db, kri.id);
  if (latest && latest.period_start > period.start) {
    throw KriPeriodOutOfOrder(`KRI ${kri.id} is evaluated up to the period starting ${latest.period_start}`);
  }

  const value = await sourceValue(db, metrics, kri, period);
  const previous = (latest?.band ?? null) as Band | null;
  const band: Band =
    value === null
      ? (previous ?? 'green')
      : kri.thresholds
        ? signals.evaluateBands(value, { direction: kri.direction, ...kri.thresholds }, previous)
        : 'green';
  const before = latest ? (JSON.parse(latest.state) as Record<string, JsonValue>) : {};
  const state: Record<string, JsonValue> = {};
  const outcomes: DetectorOutcome[] = [];
  for (const spec of kri.detectors) {
    const key = detectorKey(spec);
    const prior = before[key] ?? null;
    if (value === null) {
      if (prior !== null) state[key] = prior;
      continue;
    }
    const step = signals.runDetector(spec, prior, value);
    state[key] = step.state;
    if (step.outcome) outcomes.push(step.outcome);
  }
  const row: KriEvaluationTable = {
    kri_id: kri.id,
    period_start: period.start,
    period_end: period.end,
    value,
    band,
    previous_band: previous,
    thresholds: kri.thresholds === null ? null : canonicalJson(kri.thresholds),
    detectors: canonicalJson(outcomes),
    state: canonicalJson(state),
    kri_version: kri.version,
    evaluated_by_type: actor.type,
    evaluated_by_id: actor.id,
    evaluated_at: isoUtc(clock.now()),
    notified_at: null,
  };
  const inserted = await transact(db, async (trx) => {
    if (!(await repo.insertEvaluation(trx, row))) return false;
    await audit.append(trx, {
      actor,
      action: 'kri.evaluate',
      target: { type: 'kri', id: kri.id },
      payload: {
        period_start: row.period_start,
        value,
        band,
        previous_band: previous,
        signals: outcomes.filter((o) => o.signal).map((o) => o.method),
        kri_version: kri.version,
      },
    });
    return true;
  });
  if (!inserted) {
    // Another process evaluated the same period in between: its evaluation stands.
    const winner = await repo.findEvaluation(db, kri.id, period.start);
    if (!winner) throw new Error(`evaluation of ${kri.id} for ${period.start} vanished`);
    return { created: false, evaluation: toEvaluationView(kri, winner) };
  }
  return { created: true, evaluation: await notify(service, kri, row) };
}

/** Hands a stored evaluation to the hook unless it already accepted it; returns its view. */
async function notify(
  service: KriService,
  kri: KriDefinition,
  row: KriEvaluationTable,
): Promise<EvaluationView> {
  const view = toEvaluationView(kri, row);
  const hook = service.deps.onEvaluation;
  if (hook && row.notified_at === null) {
    await hook(toKriEvaluation(view));
    await repo.markNotified(service.deps.db, kri.id, row.period_start, isoUtc(service.deps.clock.now()));
  }
  return view;
}
