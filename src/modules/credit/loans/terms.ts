/**
 * The dependencies of the loan services, and the loan terms as people and files give them: money
 * as yuan strings, rates as decimal strings, fees as an amount or a rate. Reading them names every
 * field that is wrong at once, so a form or a CSV row can be fixed in one go.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { Clock } from '../../../kernel/clock.js';
import type { ErrorField } from '../../../kernel/errors.js';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';
import type { AuditLog } from '../../audit/index.js';
import type { ChangeService } from '../../identity/changes/index.js';
import { LoanInvalid } from './errors.js';
import { formatMoney, parseMoney, parseRate, type Rate } from './money.js';
import {
  type FeeSpec,
  type LoanTerms,
  SCHEDULE_KINDS,
  type ScheduleKind,
  termsProblems,
} from './schedule.js';

/** The port through which loans read a person's roles; the identity module's `Users` fits it. */
export interface LoanUsers {
  /** Throws an error with code `FK_ERR_USER_NOT_FOUND` for an unknown user. */
  get(id: string, db: Executor): Promise<{ readonly roles: string }>;
}

/** What the loan services need. */
export interface LoanDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Four eyes for approvals above the first approver's authority. */
  readonly changes: ChangeService;
  readonly users: LoanUsers;
  /** Penalty interest per day on overdue principal, fixed on each loan when it is booked. */
  readonly penaltyDailyRate: Rate;
  /** Engine approvals up to this amount (fen) are booked without a person; 0: never. */
  readonly engineAuthority: number;
}

/** A fee as given: an amount in yuan, or a rate of the principal. */
export interface FeeInput {
  readonly amount?: string | undefined;
  readonly rate?: string | undefined;
}

/** Loan terms as given. */
export interface TermsInput {
  readonly borrower_id: string;
  readonly product: string;
  readonly principal: string;
  readonly annual_rate: string;
  readonly term_months: number;
  readonly schedule_kind: string;
  readonly upfront_fee?: FeeInput | null | undefined;
  readonly monthly_fee?: FeeInput | null | undefined;
}

/** Terms read and checked; `fees` is their canonical JSON as stored. */
export interface ParsedTerms {
  readonly borrowerId: string;
  readonly product: string;
  readonly principal: number;
  readonly annualRate: Rate;
  readonly termMonths: number;
  readonly kind: ScheduleKind;
  readonly upfrontFee: FeeSpec | undefined;
  readonly monthlyFee: FeeSpec | undefined;
  readonly fees: string;
}

const PRODUCT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const BORROWER = /^[\x21-\x7e]{1,128}$/;
/** Highest annual rate accepted: 100 %. */
const MAX_ANNUAL_RATE = 1;

/** Why `product` is not a product code, or undefined. */
export function productProblem(product: string): string | undefined {
  return PRODUCT.test(product)
    ? undefined
    : 'must be 1–64 letters, digits, _ . or -, starting with a letter or digit';
}

function readFee(
  fee: FeeInput | null | undefined,
  path: string,
  problems: ErrorField[],
): FeeSpec | undefined {
  if (!fee) return undefined;
  if ((fee.amount === undefined) === (fee.rate === undefined)) {
    problems.push({ path, message: 'must give exactly one of amount or rate' });
    return undefined;
  }
  if (fee.amount !== undefined) {
    const amount = parseMoney(fee.amount);
    if (amount.ok) return { amount: amount.value };
    problems.push({ path: `${path}.amount`, message: amount.message });
    return undefined;
  }
  const rate = parseRate(fee.rate!, 1);
  if (rate.ok) return { rate: rate.value };
  problems.push({ path: `${path}.rate`, message: rate.message });
  return undefined;
}

/** The stored JSON of two fees. */
export function feesJson(upfront: FeeSpec | undefined, monthly: FeeSpec | undefined): string {
  const show = (f: FeeSpec | undefined) =>
    !f ? null : 'amount' in f ? { amount: formatMoney(f.amount) } : { rate: f.rate.text };
  return canonicalJson({ upfront: show(upfront), monthly: show(monthly) });
}

/** The fees of stored JSON. */
export function feesOf(json: string): { upfront: FeeSpec | undefined; monthly: FeeSpec | undefined } {
  const stored = JSON.parse(json) as { upfront: FeeInput | null; monthly: FeeInput | null };
  const problems: ErrorField[] = [];
  const out = {
    upfront: readFee(stored.upfront, 'upfront', problems),
    monthly: readFee(stored.monthly, 'monthly', problems),
  };
  if (problems.length > 0) throw new Error(`stored fees ${json} are unreadable`);
  return out;
}

/** Reads terms; every problem is named with `path` before the field. */
export function parseTerms(
  input: TermsInput,
  path = 'body',
): { ok: true; value: ParsedTerms } | { ok: false; problems: ErrorField[] } {
  const problems: ErrorField[] = [];
  const at = (field: string) => `${path}.${field}`;
  if (!BORROWER.test(input.borrower_id))
    problems.push({ path: at('borrower_id'), message: 'must be 1–128 printable characters without spaces' });
  const product = productProblem(input.product);
  if (product) problems.push({ path: at('product'), message: product });
  const principal = parseMoney(input.principal);
  if (!principal.ok) problems.push({ path: at('principal'), message: principal.message });
  const annualRate = parseRate(input.annual_rate, MAX_ANNUAL_RATE);
  if (!annualRate.ok) problems.push({ path: at('annual_rate'), message: annualRate.message });
  const kind = SCHEDULE_KINDS.find((k) => k === input.schedule_kind);
  if (!kind)
    problems.push({ path: at('schedule_kind'), message: `must be one of ${SCHEDULE_KINDS.join(', ')}` });
  const upfrontFee = readFee(input.upfront_fee, at('upfront_fee'), problems);
  const monthlyFee = readFee(input.monthly_fee, at('monthly_fee'), problems);
  if (problems.length > 0 || !principal.ok || !annualRate.ok || !kind) return { ok: false, problems };
  const terms: ParsedTerms = {
    borrowerId: input.borrower_id,
    product: input.product,
    principal: principal.value,
    annualRate: annualRate.value,
    termMonths: input.term_months,
    kind,
    upfrontFee,
    monthlyFee,
    fees: feesJson(upfrontFee, monthlyFee),
  };
  const scheduling = termsProblems(scheduleTerms(terms, '2000-01-01'));
  if (scheduling.length > 0)
    return { ok: false, problems: scheduling.map((p) => ({ path: at(p.path), message: p.message })) };
  return { ok: true, value: terms };
}

/** The schedule terms of parsed terms with a first due date. */
export function scheduleTerms(
  terms: Omit<ParsedTerms, 'fees' | 'borrowerId' | 'product'>,
  firstDueDate: string,
): LoanTerms {
  return {
    principal: terms.principal,
    annualRate: terms.annualRate,
    termMonths: terms.termMonths,
    kind: terms.kind,
    firstDueDate,
    upfrontFee: terms.upfrontFee,
    monthlyFee: terms.monthlyFee,
  };
}

/** A yuan amount of a request in fen; `FK_ERR_LOAN_INVALID` naming `path` otherwise. */
export function fenOf(text: string, path: string): number {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw LoanInvalid(`${path} ${parsed.message}`, [{ path, message: parsed.message }]);
  return parsed.value;
}
