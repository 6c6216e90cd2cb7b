/**
 * The loan book of the demo workspace: eighteen monthly cohorts of a simulated consumer lender,
 * imported through the same CSV import an existing book would use, with repayments on time, late
 * and never, write-offs of loans 180 days past due and a few recoveries; then approval authority for
 * the roles, the risk reserve posted for every closed month and the borrowers re-scored, so the
 * portfolio report, vintages, roll rates, reserve and watch list all have something to show. Every
 * figure is synthetic and seeded.
 */
import { SYSTEM_ACTOR } from '../modules/audit/index.js';
import type { Credit } from '../modules/credit/index.js';
import { seededRandom } from '../modules/credit/index.js';
import {
  addMonths,
  buildSchedule,
  chinaDate,
  type Loans,
  parseRate,
  type Rate,
} from '../modules/credit/loans/index.js';

const COHORTS = 18;
const PER_COHORT = 24;

/** Imports the demo book and posts what follows from it; returns the lines to print. */
export async function loadLoansDemo(deps: { loans: Loans; credit: Credit; now: number }): Promise<string[]> {
  const { loans, credit } = deps;
  const random = seededRandom(20261127);
  const today = chinaDate(deps.now);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const lines = [
    'record,loan_ref,borrower_id,product,principal,annual_rate,term_months,schedule_kind,disbursed_on,amount,received_on,reference',
  ];
  const writeOffs: { ref: string; on: string }[] = [];
  let n = 0;
  for (let c = COHORTS; c >= 1; c--) {
    const month = addMonths(thisMonth, -c);
    for (let i = 0; i < PER_COHORT; i++) {
      n++;
      const ref = `DEMO-${String(n).padStart(5, '0')}`;
      const day = String(1 + Math.floor(random() * 27)).padStart(2, '0');
      const disbursed = `${month.slice(0, 7)}-${day}`;
      const principal = 100 * Math.round(30 + random() * 470); // 3,000 – 50,000 yuan
      const term = [6, 12, 12, 24][Math.floor(random() * 4)] as number;
      const annual = random() < 0.5 ? '0.18' : '0.24';
      const kind = random() < 0.8 ? 'annuity' : 'equal_principal';
      const product = term <= 6 ? 'cash_loan' : 'installment_loan';
      lines.push(
        `loan,${ref},B${String(1 + Math.floor(random() * 380)).padStart(4, '0')},${product},${principal}.00,${annual},${term},${kind},${disbursed},,,`,
      );
      const schedule = buildSchedule({
        principal: principal * 100,
        annualRate: rateOf(annual),
        termMonths: term,
        kind,
        firstDueDate: addMonths(disbursed, 1),
      });
      // About one loan in ten stops paying at some instalment; one in eight pays one instalment late.
      const stopAt = random() < 0.1 ? 1 + Math.floor(random() * term) : Number.POSITIVE_INFINITY;
      const lateAt = random() < 0.12 ? 1 + Math.floor(random() * term) : -1;
      for (const inst of schedule.instalments) {
        if (inst.seq >= stopAt) break;
        const paidOn =
          inst.seq === lateAt ? addDays(inst.dueDate, 5 + Math.floor(random() * 40)) : inst.dueDate;
        if (paidOn >= today) break;
        const amount = ((inst.principal + inst.interest + inst.fee) / 100).toFixed(2);
        lines.push(`repayment,${ref},,,,,,,,${amount},${paidOn},${ref}-${inst.seq}`);
      }
      if (Number.isFinite(stopAt)) {
        const firstMissed = schedule.instalments[stopAt - 1];
        const writeOffOn = firstMissed ? addDays(firstMissed.dueDate, 181) : undefined;
        if (writeOffOn && writeOffOn < today) writeOffs.push({ ref, on: writeOffOn });
      }
    }
  }
  const report = await loans.service.import(`${lines.join('\n')}\n`, SYSTEM_ACTOR);
  const ids = new Map(report.results.filter((r) => r.loan_id).map((r) => [r.loan_ref, r.loan_id as string]));
  let writtenOff = 0;
  for (const [k, w] of writeOffs.entries()) {
    const id = ids.get(w.ref);
    if (!id) continue;
    await loans.service.writeOff(SYSTEM_ACTOR, id, {
      on: w.on,
      reason: 'demo: 180 days past due / 演示：逾期 180 天',
    });
    writtenOff++;
    // Collections recover something on every third written-off loan, a month later.
    const recoveredOn = addDays(w.on, 30);
    if (k % 3 === 0 && recoveredOn < today) {
      await loans.service.recover(SYSTEM_ACTOR, id, {
        amount: 50_000,
        receivedOn: recoveredOn,
        note: 'demo collection / 演示催收',
      });
    }
  }
  for (const [role, max] of [
    ['approver', 5_000_000],
    ['risk_officer', 0],
  ] as const) {
    await loans.service.setAuthority(SYSTEM_ACTOR, {
      subject_type: 'role',
      subject_id: role,
      product: '*',
      max_amount: max,
    });
  }
  const posted = await credit.portfolio.postReserve(SYSTEM_ACTOR);
  const rescored = await credit.postLoan.rescore();
  return [
    `Demo loans: ${report.booked} loans in ${COHORTS} monthly cohorts, ${report.recorded} repayments, ${writtenOff} written off, reserve posted for ${posted.length} months, ${rescored.watched} borrowers on the watch list / 演示贷款：${report.booked} 笔贷款、${report.recorded} 笔还款、核销 ${writtenOff} 笔，已计提 ${posted.length} 个月准备金，贷后预警 ${rescored.watched} 人`,
  ];
}

function rateOf(text: string): Rate {
  const parsed = parseRate(text);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.value;
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
