import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  addMonths,
  annualRates,
  buildSchedule,
  chinaDate,
  type FeeSpec,
  formatMoney,
  formatRate,
  isLocalDate,
  type LoanImportReport,
  type LoanTerms,
  parseMoney,
  parseRate,
  SCHEDULE_KINDS,
  type Schedule,
  type ScheduleKind,
} from '../modules/credit/loans/index.js';
import { CLI_ACTOR } from '../modules/identity/index.js';
import { CliError, type CliIo, output } from './io.js';
import { withRuntime } from './user.js';

const DB_HELP = 'database URL (default FENGKONG_DB, else ./data/fengkong.db)';

interface ScheduleOptions {
  principal: string;
  rate: string;
  term: string;
  kind: string;
  firstDue?: string;
  upfrontFee?: string;
  upfrontFeeRate?: string;
  monthlyFee?: string;
  monthlyFeeRate?: string;
  json?: boolean;
}

function money(text: string, flag: string): number {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new CliError(`${flag} ${parsed.message}`);
  return parsed.value;
}

function feeOf(amount: string | undefined, rate: string | undefined, flag: string): FeeSpec | undefined {
  if (amount !== undefined && rate !== undefined)
    throw new CliError(`give ${flag} or ${flag}-rate, not both`);
  if (amount !== undefined) return { amount: money(amount, flag) };
  if (rate === undefined) return undefined;
  const parsed = parseRate(rate, 1);
  if (!parsed.ok) throw new CliError(`${flag}-rate ${parsed.message}`);
  return { rate: parsed.value };
}

/** The terms the options describe; the first due date defaults to one month from today (UTC+8). */
function termsOf(opts: ScheduleOptions, now: number): LoanTerms {
  const rate = parseRate(opts.rate, 1);
  if (!rate.ok) throw new CliError(`--rate ${rate.message}`);
  if (!/^\d{1,3}$/.test(opts.term)) throw new CliError('--term must be a whole number of months');
  if (!(SCHEDULE_KINDS as readonly string[]).includes(opts.kind))
    throw new CliError(`--kind must be one of ${SCHEDULE_KINDS.join(', ')}`);
  if (opts.firstDue !== undefined && !isLocalDate(opts.firstDue))
    throw new CliError('--first-due must be a date YYYY-MM-DD');
  return {
    principal: money(opts.principal, '--principal'),
    annualRate: rate.value,
    termMonths: Number(opts.term),
    kind: opts.kind as ScheduleKind,
    firstDueDate: opts.firstDue ?? addMonths(chinaDate(now), 1),
    upfrontFee: feeOf(opts.upfrontFee, opts.upfrontFeeRate, '--upfront-fee'),
    monthlyFee: feeOf(opts.monthlyFee, opts.monthlyFeeRate, '--monthly-fee'),
  };
}

function scheduleJson(terms: LoanTerms, s: Schedule) {
  const apr = annualRates(s);
  return {
    principal: formatMoney(s.principal),
    annual_rate: terms.annualRate.text,
    term_months: terms.termMonths,
    schedule_kind: terms.kind,
    first_due_date: terms.firstDueDate,
    upfront_fee: formatMoney(s.upfrontFee),
    monthly_fee: formatMoney(s.monthlyFee),
    net_disbursed: formatMoney(s.netDisbursed),
    total_interest: formatMoney(s.totalInterest),
    total_fees: formatMoney(s.totalFees),
    total_repayment: formatMoney(s.totalRepayment),
    apr: {
      nominal: formatRate(apr.nominalApr),
      effective: formatRate(apr.effectiveAnnualRate),
      monthly_irr: formatRate(apr.monthlyIrr),
    },
    instalments: s.instalments.map((x) => ({
      seq: x.seq,
      due_date: x.dueDate,
      principal: formatMoney(x.principal),
      interest: formatMoney(x.interest),
      fee: formatMoney(x.fee),
      payment: formatMoney(x.principal + x.interest + x.fee),
    })),
  };
}

function importLines(r: LoanImportReport): string[] {
  return [
    `imported / 已导入: ${r.rows} rows/行, ${r.booked} loans booked/笔贷款, ${r.recorded} repayments recorded/笔还款, ${r.refused} refused/拒绝`,
    ...r.results
      .filter((row) => row.status === 'refused')
      .map(
        (row) => `  row/行 ${row.row} (line/第 ${row.line} 行) ${row.loan_ref}: ${row.message ?? 'refused'}`,
      ),
  ];
}

/**
 * `fengkong loans schedule|import`: a repayment schedule with its APR computed offline, and the
 * import of an existing book (loans and repayments, one CSV file) acting as the CLI operator
 * (audited as `system:cli`). Returns the `loans` command so that other subcommands can join it.
 */
export function registerLoans(program: Command, io: CliIo): Command {
  const loans = program.command('loans').description('Loans: schedules, imports / 贷款：还款计划、导入');

  loans
    .command('schedule')
    .description('Print a repayment schedule and its APR / 计算还款计划与年化利率')
    .requiredOption('--principal <yuan>', 'amount lent, e.g. 12000 / 本金（元）')
    .requiredOption('--rate <fraction>', 'annual nominal rate, e.g. 0.12 / 年利率')
    .requiredOption('--term <months>', 'number of monthly instalments / 期数（月）')
    .option('--kind <kind>', 'annuity (等额本息) or equal_principal (等额本金)', 'annuity')
    .option('--first-due <date>', 'first due date YYYY-MM-DD (default: a month from today)')
    .option('--upfront-fee <yuan>', 'fee deducted at disbursement / 砍头费（元）')
    .option('--upfront-fee-rate <fraction>', 'the upfront fee as a fraction of the principal')
    .option('--monthly-fee <yuan>', 'fee due with each instalment / 月服务费（元）')
    .option('--monthly-fee-rate <fraction>', 'the monthly fee as a fraction of the principal')
    .option('--json', 'print the schedule as JSON')
    .action((opts: ScheduleOptions) => {
      const terms = termsOf(opts, Date.now());
      let schedule: Schedule;
      try {
        schedule = buildSchedule(terms);
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error));
      }
      const json = scheduleJson(terms, schedule);
      output(io, Boolean(opts.json), json, [
        ' seq  due date      principal   interest        fee    payment',
        ...json.instalments.map(
          (x) =>
            `${String(x.seq).padStart(4)}  ${x.due_date} ${x.principal.padStart(11)} ${x.interest.padStart(10)} ${x.fee.padStart(10)} ${x.payment.padStart(10)}`,
        ),
        `total interest/总利息 ${json.total_interest}, fees/费用 ${json.total_fees}, repayment/还款总额 ${json.total_repayment}, net disbursed/实际到账 ${json.net_disbursed}`,
        `APR (IRR) / 年化利率（IRR）: nominal ${json.apr.nominal}, effective ${json.apr.effective}`,
      ]);
    });

  loans
    .command('import <file>')
    .description('Import loans and repayments from a CSV file / 从 CSV 导入存量贷款与还款')
    .option('--db <url>', DB_HELP)
    .option('--json', 'print the per-row report as JSON')
    .action(async (file: string, opts: { db?: string; json?: boolean }) => {
      const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError(
          `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file / 文件不存在' : error.message}`,
        );
      });
      const report = await withRuntime(io, opts.db, (runtime) =>
        runtime.loans.service.import(csv, CLI_ACTOR),
      );
      output(io, Boolean(opts.json), report, importLines(report));
    });

  return loans;
}
