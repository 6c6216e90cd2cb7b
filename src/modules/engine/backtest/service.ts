/**
 * Backtests over stored events (`POST /api/v1/backtests`): a saved policy version or a draft text,
 * optionally against a baseline, replayed over the events received in a period, in arrival order,
 * with the events of the longest window before the period replayed first so that features start
 * warm. Labels are the analysts' review verdicts (`fraud` = positive, `legitimate` = negative);
 * events never reviewed are unlabelled. Each run and its report are stored and audited.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import { newId } from '../../../kernel/ids.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import type { CompiledPolicy, ListLookup } from '../contracts.js';
import { NotFoundBacktest, PolicyInvalid } from '../errors.js';
import type { EventTypes } from '../events/event-types.js';
import { eventFromRow } from '../events/normalise.js';
import { compileEnvironment, compileStored, type ScorecardSource } from '../policies/compile-context.js';
import type { PolicyService } from '../policies/service.js';
import { parsePolicySource } from '../policy/index.js';
import { Backtest, type BacktestReport } from './backtest.js';

/** Which policy a backtest runs: a saved version, or a text not saved yet. */
export type PolicyRef =
  | { readonly id: string; readonly version: number }
  | { readonly source: string; readonly format?: 'yaml' | 'json' | undefined };

/** A backtest request. */
export interface BacktestRequest {
  readonly policy: PolicyRef;
  readonly baseline?: PolicyRef | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

const PAGE = 5000;

/** Runs and keeps backtests over stored events. */
export class BacktestService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditLog;
      types: EventTypes;
      policies: PolicyService;
      lists: ListLookup;
      scorecards?: ScorecardSource | undefined;
    },
  ) {}

  async #compile(ref: PolicyRef, what: string): Promise<CompiledPolicy> {
    const known = await compileEnvironment(this.deps.db, this.deps.scorecards);
    if ('source' in ref) {
      const parsed = parsePolicySource(ref.source, ref.format);
      const compiled = parsed.ok ? compileStored(parsed.document, 0, this.deps.types, known) : parsed;
      if (!compiled.ok) {
        throw PolicyInvalid(
          compiled.problems.map((p) => `${p.path}: ${p.message}`).join('; '),
          compiled.problems.map((p) => ({ path: `body.${what}.${p.path}`, message: p.message })),
        );
      }
      return compiled.policy;
    }
    const v = await this.deps.policies.version(ref.id, ref.version);
    const compiled = compileStored(v.document as never, v.version, this.deps.types, known);
    if (!compiled.ok)
      throw PolicyInvalid(
        `version ${ref.version} of ${ref.id} no longer compiles: ${compiled.problems[0]?.message}`,
      );
    return compiled.policy;
  }

  /** Runs a backtest, stores its report and returns it with the run id. */
  async run(
    actor: Actor,
    request: BacktestRequest,
  ): Promise<{ id: string; created_at: string; report: BacktestReport }> {
    const policy = await this.#compile(request.policy, 'policy');
    const baseline = request.baseline ? await this.#compile(request.baseline, 'baseline') : undefined;
    const to = request.to ?? isoUtc(this.deps.clock.now());
    const from = request.from ?? '0000-01-01T00:00:00.000Z';
    const horizon = Math.max(
      0,
      ...[...policy.features, ...(baseline?.features ?? [])].map((f) => f.windowMs),
    );
    const warmFrom = request.from ? isoUtc(Date.parse(request.from) - horizon) : from;
    const bt = new Backtest({ policy, baseline, lists: this.deps.lists });
    let after: { received_at: string; id: string } | undefined;
    for (;;) {
      let q = this.deps.db
        .selectFrom('event as e')
        .leftJoin('decision as d', 'd.event_id', 'e.id')
        .leftJoin('review as r', 'r.decision_id', 'd.id')
        .select(['e.id', 'e.type', 'e.occurred_at', 'e.received_at', 'e.subject', 'e.data', 'r.resolution'])
        .where('e.received_at', '>=', warmFrom)
        .where('e.received_at', '<', to);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([
            eb('e.received_at', '>', a.received_at),
            eb.and([eb('e.received_at', '=', a.received_at), eb('e.id', '>', a.id)]),
          ]),
        );
      }
      const page = await q.orderBy('e.received_at').orderBy('e.id').limit(PAGE).execute();
      for (const row of page) {
        bt.add({
          event: eventFromRow(row),
          label: row.resolution === 'fraud' ? true : row.resolution === 'legitimate' ? false : null,
          score: row.received_at >= from,
        });
      }
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = { received_at: last.received_at, id: last.id };
    }
    const report = bt.report();
    const id = newId(this.deps.clock.now());
    const created_at = isoUtc(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      await trx
        .insertInto('backtest_run')
        .values({
          id,
          created_by_type: actor.type,
          created_by_id: actor.id,
          created_at,
          request: canonicalJson({
            ...request,
            policy: 'source' in request.policy ? { source: '(text)' } : request.policy,
          }),
          report: canonicalJson(report),
        })
        .execute();
      await this.deps.audit.append(trx, {
        actor,
        action: 'backtest.run',
        target: { type: 'backtest', id },
        payload: {
          policy: report.policy,
          baseline: report.baseline,
          events: report.events,
          from: request.from ?? null,
          to,
        },
      });
    });
    return { id, created_at, report };
  }

  /** A stored run. */
  async get(id: string) {
    const row = await this.deps.db
      .selectFrom('backtest_run')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw NotFoundBacktest(`backtest ${id} does not exist`);
    return {
      id: row.id,
      created_at: row.created_at,
      created_by: { type: row.created_by_type, id: row.created_by_id },
      request: JSON.parse(row.request) as unknown,
      report: JSON.parse(row.report) as BacktestReport,
    };
  }

  /** The newest runs, without their reports. */
  async list(limit: number) {
    const rows = await this.deps.db
      .selectFrom('backtest_run')
      .select(['id', 'created_at', 'created_by_type', 'created_by_id', 'request'])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      created_at: r.created_at,
      created_by: { type: r.created_by_type, id: r.created_by_id },
      request: JSON.parse(r.request) as unknown,
    }));
  }
}
