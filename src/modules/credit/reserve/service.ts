/**
 * The portfolio report and the risk reserve of the booked loans. The report is computed from the
 * month-end snapshots of every loan (`loanMonths`) by the pure portfolio analytics; the reserve is
 * posted month by month once a month has closed — provision at the configured rate, drawdown on
 * write-offs, recoveries credited back — each month's entries and their audit record in one
 * transaction, never rewritten, so the reserve an auditor sees is the one that was booked.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import { type Actor, type AuditLog, SYSTEM_ACTOR } from '../../audit/index.js';
import type { JobDefinition } from '../../warning/scheduler/job.js';
import { chinaDate, loanMonths } from '../loans/index.js';
import {
  coverageRatio,
  indexLoanBook,
  type OverdueDenominator,
  type OverdueNumerator,
  type PortfolioReport,
  portfolioReport,
  type Recovery,
  reserveFiguresOfBook,
  reserveSchedule,
} from '../portfolio/index.js';
import { reserveConfig } from './config.js';
import type { ReserveEntryTable } from './tables.js';

/** Dependencies of the portfolio service. */
export interface PortfolioDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
}

/** Options of the report: the month end, the overdue-rate definition, how many top borrowers. */
export interface ReportQuery {
  readonly asOf?: string | undefined;
  readonly denominator?: OverdueDenominator | undefined;
  readonly numerator?: OverdueNumerator | undefined;
  readonly top?: number | undefined;
}

const KIND_OF_EVENT = { provision: 'provision', write_off: 'drawdown', recovery: 'recovery' } as const;

function monthOfDate(date: string): string {
  return date.slice(0, 7);
}

/** The previous calendar month of `YYYY-MM`. */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Reports on the book and keeps the reserve ledger. */
export class PortfolioService {
  constructor(private readonly deps: PortfolioDeps) {}

  /** The current month in China Standard Time (the business calendar of the book). */
  #thisMonth(): string {
    return monthOfDate(chinaDate(this.deps.clock.now()));
  }

  async #recoveries(upTo: string): Promise<Recovery[]> {
    const rows = await this.deps.db
      .selectFrom('loan_recovery')
      .select(['amount', 'received_on', 'loan_id'])
      .execute();
    return rows
      .map((r) => ({ month: monthOfDate(r.received_on), amount: Number(r.amount), loanId: r.loan_id }))
      .filter((r) => r.month <= upTo);
  }

  /** The portfolio report as at a month end (default: this month so far). */
  async report(query: ReportQuery = {}): Promise<PortfolioReport & { reserve_posted: ReserveStatus }> {
    const asOf = query.asOf ?? this.#thisMonth();
    const rows = await loanMonths(this.deps.db, { to: asOf, now: this.deps.clock.now() });
    const config = await reserveConfig(this.deps.db);
    const report = portfolioReport(rows, {
      asOf,
      ...(query.denominator ? { denominator: query.denominator } : {}),
      ...(query.numerator ? { numerator: query.numerator } : {}),
      ...(query.top ? { top: query.top } : {}),
      ...(rows.length > 0 ? { reserve: { config, recoveries: await this.#recoveries(asOf) } } : {}),
    });
    return { ...report, reserve_posted: await this.reserve(report.rates.overdueAmount) };
  }

  /**
   * Posts the reserve of every closed month not yet posted, up to `upTo` (default: last month); returns
   * the months posted. Each month's entries and its audit entry commit together.
   */
  async postReserve(actor: Actor, upTo?: string): Promise<string[]> {
    const last = upTo ?? previousMonth(this.#thisMonth());
    if (last >= this.#thisMonth()) throw new RangeError(`month ${last} has not closed yet`);
    const rows = await loanMonths(this.deps.db, { to: last, now: this.deps.clock.now() });
    if (rows.length === 0) return [];
    const config = await reserveConfig(this.deps.db);
    const book = indexLoanBook(rows);
    const schedule = reserveSchedule(config, reserveFiguresOfBook(book, last, await this.#recoveries(last)));
    const posted = await this.deps.db.selectFrom('reserve_entry').select('month').distinct().execute();
    const done = new Set(posted.map((p) => p.month));
    const at = isoUtc(this.deps.clock.now());
    const months: string[] = [];
    for (const month of schedule.months) {
      if (done.has(month.month)) continue;
      const entries = schedule.ledger.entries.filter((e) => e.month === month.month);
      await transact(this.deps.db, async (trx) => {
        const closingTemplate: ReserveEntryTable = {
          month: month.month,
          kind: 'close',
          amount: 0,
          balance_after: month.balance,
          basis: config.basis,
          rate: config.rate,
          detail: canonicalJson({
            new_lending: month.newLending,
            outstanding: month.outstanding,
            overdue: month.overdue,
            written_off: month.writtenOff,
            shortfall: month.shortfall,
          }),
          posted_by_type: actor.type,
          posted_by_id: actor.id,
          posted_at: at,
        };
        const rows: ReserveEntryTable[] = entries.map((e) => ({
          month: month.month,
          kind: KIND_OF_EVENT[e.kind],
          amount: Math.abs(e.change),
          balance_after: e.balance,
          basis: config.basis,
          rate: config.rate,
          detail: canonicalJson({
            new_lending: month.newLending,
            outstanding: month.outstanding,
            overdue: month.overdue,
            written_off: month.writtenOff,
            shortfall: e.kind === 'write_off' ? e.shortfall : 0,
          }),
          posted_by_type: actor.type,
          posted_by_id: actor.id,
          posted_at: at,
        }));
        // The month's closing row: marks it posted even when nothing moved, and carries the balance.
        rows.push({
          ...(rows[0] ?? closingTemplate),
          kind: 'close',
          amount: 0,
          balance_after: month.balance,
        });
        await trx.insertInto('reserve_entry').values(rows).execute();
        await this.deps.audit.append(trx, {
          actor,
          action: 'reserve.post',
          target: { type: 'reserve', id: month.month },
          payload: {
            basis: config.basis,
            rate: config.rate,
            provision: month.provision.amount,
            drawn: month.drawn,
            shortfall: month.shortfall,
            recovered: month.recovered,
            balance: month.balance,
          },
        });
      });
      months.push(month.month);
    }
    return months;
  }

  /** The posted ledger: entries oldest first, the balance, and coverage of `overdue` (fen) when given. */
  async reserve(overdue?: number): Promise<ReserveStatus> {
    const entries = await this.deps.db.selectFrom('reserve_entry').selectAll().orderBy('month').execute();
    // Within a month: movements first, the closing row last.
    entries.sort(
      (a, b) => a.month.localeCompare(b.month) || Number(a.kind === 'close') - Number(b.kind === 'close'),
    );
    const last = entries[entries.length - 1];
    const balance = last ? Number(last.balance_after) : 0;
    return {
      config: await reserveConfig(this.deps.db),
      balance,
      coverage: overdue === undefined ? null : coverageRatio(balance, overdue),
      entries: entries.map((e) => ({
        month: e.month,
        kind: e.kind,
        amount: Number(e.amount),
        balance_after: Number(e.balance_after),
        detail: JSON.parse(e.detail) as Record<string, number>,
        posted_at: e.posted_at,
      })),
    };
  }
}

/** The daily job that posts the reserve of any month that has closed since the last posting. */
export function reservePostingJob(portfolio: PortfolioService): JobDefinition {
  return {
    name: 'credit.reserve-post',
    everyMs: 86_400_000,
    run: async () => void (await portfolio.postReserve(SYSTEM_ACTOR)),
  };
}

/** The posted reserve. */
export interface ReserveStatus {
  readonly config: { readonly basis: string; readonly rate: string };
  readonly balance: number;
  readonly coverage: number | null;
  readonly entries: {
    readonly month: string;
    readonly kind: string;
    readonly amount: number;
    readonly balance_after: number;
    readonly detail: Record<string, number>;
    readonly posted_at: string;
  }[];
}
