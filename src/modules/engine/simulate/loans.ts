/**
 * Credit: loan applications, the lender's own approval (the stream carries no decision event), the
 * disbursement into the wallet, and monthly repayments that are mostly on time, sometimes late and
 * occasionally stop for good (credit default, which is not fraud and is labelled as such). A loan
 * repaid on time raises the customer's limit, which a bust-out later draws in full.
 */
import type { Pattern } from './model.js';
import { type Draft, yuan } from './model.js';
import { DAY_MS, HOUR_MS, localDayStart, timeOfDay } from './rhythm.js';
import { appSubject, type Via } from './session-events.js';
import type { Customer, Loan, World } from './world.js';

/** The largest credit limit the simulated lender grants (yuan). */
export const MAX_LIMIT = 50_000;

const TERMS = [3, 6, 6, 12, 12, 12, 24];
const PURPOSES = [
  'consumption',
  'consumption',
  'education',
  'medical',
  'travel',
  'home_improvement',
  'business',
];
const APPROVAL_RATE = 0.7;

/** What a loan application may fix instead of drawing it. */
export interface ApplicationTerms {
  readonly amount?: number;
  readonly termMonths?: number;
  /** Forces the lender's answer (a bust-out gets its loan; a ring's synthetic identities are not followed). */
  readonly approve?: boolean;
  readonly via?: Via;
}

/** A loan application by `c`; when approved the money lands in the wallet and repayments follow. */
export function applyForLoan(
  world: World,
  c: Customer,
  pattern: Pattern | null,
  terms: ApplicationTerms = {},
): Draft {
  const { rng } = world;
  const amount = terms.amount ?? Math.max(500, Math.round((c.limit * rng.between(0.3, 1)) / 100) * 100);
  const termMonths = terms.termMonths ?? rng.pick(TERMS);
  c.maxApplied = Math.max(c.maxApplied, amount);
  const approved = terms.approve ?? (c.loan === null && rng.chance(APPROVAL_RATE));
  if (approved) grant(world, c, amount, termMonths);
  return {
    type: 'loan_application',
    at: world.now,
    subject: { ...appSubject(c, terms.via), id_number: c.idNumber, phone: c.phone, card: c.card },
    data: {
      amount,
      term_months: termMonths,
      monthly_income: c.monthlyIncome,
      purpose: rng.pick(PURPOSES),
      product: termMonths <= 6 ? 'cash_loan' : 'installment_loan',
      channel: c.channel,
    },
    pattern,
  };
}

/**
 * The equal monthly instalment of an annuity loan (等额本息): A = P·i / (1 − (1 + i)^−n), with the
 * monthly rate i = APR / 12 and n instalments (the standard annuity formula).
 */
export function instalment(principal: number, apr: number, months: number): number {
  const i = apr / 12;
  return yuan((principal * i) / (1 - (1 + i) ** -months));
}

function grant(world: World, c: Customer, amount: number, termMonths: number): void {
  const { rng, now } = world;
  const defaults = rng.chance((1 - c.reliability) * 0.6);
  const loan: Loan = {
    id: world.nextLoanId(),
    amount,
    termMonths,
    instalment: instalment(amount, rng.between(0.072, 0.239), termMonths),
    grantedDay: localDayStart(now),
    paid: 0,
    defaultsAfter: defaults ? rng.int(0, termMonths - 1) : Number.POSITIVE_INFINITY,
  };
  c.loan = loan;
  c.balance = yuan(c.balance + amount);
  scheduleRepayment(world, c, loan);
}

/** Local midnight of the day instalment `k` falls due: k calendar months after the grant (day ≤ 28). */
function dueDay(loan: Loan, k: number): number {
  const local = new Date(loan.grantedDay + 8 * HOUR_MS);
  const day = Math.min(28, local.getUTCDate());
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + k, day) - 8 * HOUR_MS;
}

function scheduleRepayment(world: World, c: Customer, loan: Loan): void {
  const { rng, now } = world;
  if (loan.paid >= loan.defaultsAfter) {
    c.delinquent = true;
    return;
  }
  const due = dueDay(loan, loan.paid + 1);
  const automatic = rng.chance(0.6);
  let at: number;
  if (!rng.chance(c.reliability)) at = due + (1 + Math.floor(rng.exponential(6))) * DAY_MS + timeOfDay(rng);
  else if (automatic) at = due + rng.int(7 * HOUR_MS, 9 * HOUR_MS);
  else at = due - rng.int(0, 3) * DAY_MS + timeOfDay(rng);
  if (at <= now) at = now + rng.int(HOUR_MS, 2 * DAY_MS);
  world.schedule(at, () => repay(world, c, loan, due, automatic));
}

function repay(world: World, c: Customer, loan: Loan, due: number, automatic: boolean): Draft | null {
  if (c.gone) return null;
  const { now } = world;
  const daysPastDue = Math.max(0, Math.floor((now - due) / DAY_MS));
  loan.paid++;
  if (daysPastDue === 0) c.onTimeRepayments++;
  else c.lateRepayments++;
  if (loan.paid < loan.termMonths) scheduleRepayment(world, c, loan);
  else if (c.loan === loan) {
    c.loan = null;
    if (c.lateRepayments === 0) c.limit = Math.min(MAX_LIMIT, Math.round((c.limit * 1.2) / 1_000) * 1_000);
  }
  const subject = automatic
    ? { user_id: c.userId, account_id: c.accountId, card: c.card }
    : { ...appSubject(c), card: c.card };
  return {
    type: 'repayment',
    at: now,
    subject,
    data: {
      amount: loan.instalment,
      loan_id: loan.id,
      days_past_due: daysPastDue,
      channel: automatic ? 'auto_debit' : 'app',
    },
    pattern: null,
  };
}
