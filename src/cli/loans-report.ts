import type { Command } from 'commander';
import { CLI_ACTOR } from '../modules/identity/index.js';
import { CliError, type CliIo, output } from './io.js';
import { withRuntime } from './user.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(2)}%`;

/**
 * `fengkong loans report` (portfolio analytics of the booked loans) and `fengkong loans reserve-post`
 * (post the reserve of closed months), attached to the `loans` command.
 */
export function registerLoansReport(loans: Command, io: CliIo): void {
  loans
    .command('report')
    .description(
      'Portfolio report: overdue and NPL rates, buckets, vintages, roll rates, concentration, reserve / 资产组合报告',
    )
    .option('--as-of <month>', 'month end reported, YYYY-MM (default: this month)')
    .option('--denominator <d>', 'overdue rate over outstanding, lent or cohort', 'outstanding')
    .option('--numerator <n>', 'overdue_amount or overdue_balance', 'overdue_amount')
    .option('--top <n>', 'largest borrowers listed', '10')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--json', 'print the report as JSON')
    .action(
      async (opts: {
        asOf?: string;
        denominator: string;
        numerator: string;
        top: string;
        db?: string;
        json?: boolean;
      }) => {
        if (!['outstanding', 'lent', 'cohort'].includes(opts.denominator)) {
          throw new CliError(`--denominator must be outstanding, lent or cohort, not "${opts.denominator}"`);
        }
        if (!['overdue_amount', 'overdue_balance'].includes(opts.numerator)) {
          throw new CliError(
            `--numerator must be overdue_amount or overdue_balance, not "${opts.numerator}"`,
          );
        }
        if (opts.asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.asOf)) {
          throw new CliError(`--as-of must be a month YYYY-MM, not "${opts.asOf}"`);
        }
        const top = Number(opts.top);
        if (!Number.isInteger(top) || top < 1 || top > 100)
          throw new CliError('--top must be an integer from 1 to 100');
        await withRuntime(io, opts.db, async (runtime) => {
          let report: Awaited<ReturnType<typeof runtime.credit.portfolio.report>>;
          try {
            report = await runtime.credit.portfolio.report({
              asOf: opts.asOf,
              denominator: opts.denominator as 'outstanding',
              numerator: opts.numerator as 'overdue_amount',
              top,
            });
          } catch (error) {
            if (error instanceof RangeError) throw new CliError(error.message);
            throw error;
          }
          const r = report.rates;
          output(io, Boolean(opts.json), report, [
            `portfolio as at ${report.asOf}: ${r.activeLoans} active loans of ${report.book.loans} / 截至 ${report.asOf} 在贷 ${r.activeLoans} 笔`,
            `outstanding ¥${yuan(r.outstanding)}, overdue ¥${yuan(r.overdueAmount)}, overdue rate ${'rate' in r.overdueRate ? pct(r.overdueRate.rate) : 'by cohort / 按批次'} (${opts.denominator}) / 余额、逾期金额、逾期率`,
            `NPL ratio ${pct(r.npl.ratio)}, top-${top} concentration ${pct(report.concentration.topShare)} / 不良率、前${top}大借款人集中度`,
            ...(report.reserve
              ? [
                  `reserve (computed) ¥${yuan(report.reserve.ledger.closing)}, coverage ${pct(report.reserve.coverage)} / 准备金及拨备覆盖率`,
                ]
              : []),
            `reserve (posted) ¥${yuan(report.reserve_posted.balance)} / 已计提准备金`,
          ]);
        });
      },
    );

  loans
    .command('reserve-post')
    .description('Post the risk reserve of every closed month not yet posted / 计提已结束月份的风险准备金')
    .option('--up-to <month>', 'last month to post, YYYY-MM (default: last month)')
    .option('--db <url>', 'database URL (default FENGKONG_DB, else ./data/fengkong.db)')
    .option('--json', 'print the months posted as JSON')
    .action(async (opts: { upTo?: string; db?: string; json?: boolean }) => {
      await withRuntime(io, opts.db, async (runtime) => {
        let posted: string[];
        try {
          posted = await runtime.credit.portfolio.postReserve(CLI_ACTOR, opts.upTo);
        } catch (error) {
          if (error instanceof RangeError) throw new CliError(error.message);
          throw error;
        }
        output(
          io,
          Boolean(opts.json),
          { posted },
          `posted ${posted.length} months / 已计提 ${posted.length} 个月：${posted.join(', ')}`,
        );
      });
    });
}
