/**
 * Built-in metrics of credit risk, measured as at a month end by the credit module's portfolio
 * analytics over the month-end snapshots of the loan book (`loanMonths`): overdue rate (amounts past
 * due over outstanding), NPL ratio (M3+ over outstanding, see the portfolio module for the definition)
 * and the top-10 borrowers' share of the book; the risk reserve's coverage and a published scorecard's
 * population stability index come through small ports the composition root fills.
 *
 * Which month end: the last calendar month that has ended by the end of the KRI's period (UTC). A
 * monthly KRI for March reads March's month end; a daily KRI reads the previous month end until the
 * month is over, because a month-end position is not known before the month ends.
 */
import { FkError } from '../../../kernel/errors.js';
import type { Executor } from '../../../store/transaction.js';
import { loanMonths } from '../../credit/loans/index.js';
import {
  concentration,
  PortfolioInputError,
  portfolioRates,
  type YearMonth,
} from '../../credit/portfolio/index.js';
import type { BuiltinMetric } from './metrics.js';
import type { KriPeriod } from './periods.js';

/** Drift of a published scorecard over a time range; `ScorecardRegistry` of the credit module fits. */
export interface ScorecardMonitor {
  monitoring(
    name: string,
    query: { from: string; to: string },
  ): Promise<{
    readonly windows: readonly {
      readonly psi: { readonly index: number } | null;
      /** Too few scores in the window for a meaningful PSI (credit's MIN_STABILITY_SAMPLE). */
      readonly small_sample?: boolean;
    }[];
  }>;
}

/** The risk reserve's coverage (reserve balance over overdue amount) as at a month end. */
export interface ReserveFigures {
  coverage(asOf: YearMonth): Promise<number | null>;
}

/** What the credit metrics can use beyond the loan book. */
export interface CreditMetricSources {
  readonly scorecards?: ScorecardMonitor | undefined;
  readonly reserve?: ReserveFigures | undefined;
}

/** The last month that has ended by `period.end`, as `YYYY-MM` (UTC). */
export function monthEndOf(period: KriPeriod): YearMonth {
  const end = new Date(Date.parse(period.end));
  const d = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

async function book(db: Executor, period: KriPeriod) {
  const asOf = monthEndOf(period);
  return { asOf, rows: await loanMonths(db, { to: asOf }) };
}

/** Runs a portfolio figure; a book it cannot measure has no value rather than failing the evaluation. */
async function measured(work: () => Promise<number | null>): Promise<number | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PortfolioInputError) return null;
    throw error;
  }
}

/** The credit module's built-in metrics; PSI and reserve coverage only when their source is given. */
export function creditMetrics(sources: CreditMetricSources = {}): BuiltinMetric[] {
  const metrics: BuiltinMetric[] = [
    {
      id: 'credit.overdue_rate',
      name: { en: 'Overdue rate', zh: '逾期率' },
      description: {
        en: 'Amounts past due over outstanding principal, at the last month end of the period',
        zh: '期末最近月末的逾期金额占贷款余额的比例',
      },
      riskType: 'credit',
      unit: 'ratio',
      direction: 'higher_is_worse',
      compute: (db, period) =>
        measured(async () => {
          const { asOf, rows } = await book(db, period);
          const rate = portfolioRates(rows, { asOf }).overdueRate;
          return rate.denominator === 'cohort' ? null : rate.rate;
        }),
    },
    {
      id: 'credit.npl_ratio',
      name: { en: 'NPL ratio', zh: '不良贷款率' },
      description: {
        en: 'Outstanding of loans more than 90 days past due (M3+) over total outstanding, at month end',
        zh: '月末逾期 90 天以上（M3+）贷款余额占全部贷款余额的比例',
      },
      riskType: 'credit',
      unit: 'ratio',
      direction: 'higher_is_worse',
      compute: (db, period) =>
        measured(async () => {
          const { asOf, rows } = await book(db, period);
          return portfolioRates(rows, { asOf }).npl.ratio;
        }),
    },
    {
      id: 'credit.top10_concentration',
      name: { en: 'Top-10 borrower concentration', zh: '前十大借款人集中度' },
      description: {
        en: "The ten largest borrowers' share of outstanding principal, at month end",
        zh: '月末前十大借款人贷款余额占全部贷款余额的比例',
      },
      riskType: 'credit',
      unit: 'ratio',
      direction: 'higher_is_worse',
      compute: (db, period) =>
        measured(async () => {
          const { asOf, rows } = await book(db, period);
          return concentration(rows, { asOf, top: 10 }).topShare;
        }),
    },
  ];
  const { scorecards, reserve } = sources;
  if (scorecards) {
    metrics.push({
      id: 'credit.scorecard_psi',
      name: { en: 'Scorecard PSI', zh: '评分卡 PSI' },
      description: {
        en: 'Population stability index of the published card’s scores in the period against training (no value below 100 scores)',
        zh: '期间内已发布评分卡得分分布相对训练样本的群体稳定性指数（少于100个得分时不计算）',
      },
      riskType: 'credit',
      unit: 'index',
      direction: 'higher_is_worse',
      params: [
        {
          name: 'scorecard',
          required: true,
          description: { en: 'the registered card name', zh: '评分卡名称' },
        },
      ],
      async compute(_db, period, params) {
        try {
          const report = await scorecards.monitoring(params['scorecard'] as string, {
            from: period.start,
            to: period.end,
          });
          const window = report.windows[0];
          // A PSI over a handful of scores is noise: no value rather than a false breach.
          if (!window || window.small_sample) return null;
          return window.psi?.index ?? null;
        } catch (error) {
          // No such card or no published version: no value, not a failed evaluation.
          if (error instanceof FkError) return null;
          throw error;
        }
      },
    });
  }
  if (reserve) {
    metrics.push({
      id: 'credit.reserve_coverage',
      name: { en: 'Risk reserve coverage', zh: '风险准备金覆盖率' },
      description: {
        en: 'Risk reserve balance over amounts past due, at month end',
        zh: '月末风险准备金余额与逾期金额之比',
      },
      riskType: 'credit',
      unit: 'ratio',
      direction: 'lower_is_worse',
      compute: (_db, period) => reserve.coverage(monthEndOf(period)),
    });
  }
  return metrics;
}
