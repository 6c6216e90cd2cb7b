/**
 * Test support for the loan tests (kept out of the build): the worked-example loan of 12,000 yuan
 * over 12 months at 12 %, its ledger terms, and the loan service over a test database.
 */
import { ManualClock } from '../../../kernel/clock.js';
import { FkError } from '../../../kernel/errors.js';
import type { Store } from '../../../store/database.js';
import { AuditLog } from '../../audit/index.js';
import { type ChangeCaller, ChangeRegistry, ChangeService } from '../../identity/changes/index.js';
import { UserNotFound } from '../../identity/index.js';
import { createLoans, type LoanService } from './index.js';
import type { LedgerTerms } from './ledger.js';
import { rate } from './money.js';
import { buildSchedule, type LoanTerms } from './schedule.js';

/** 12,000.00 yuan, 12 months, 12 % nominal, equal instalments, first due 2026-02-15. */
export const EXAMPLE_TERMS: LoanTerms = {
  principal: 1_200_000,
  annualRate: rate('0.12'),
  termMonths: 12,
  kind: 'annuity',
  firstDueDate: '2026-02-15',
};

/** Ledger terms of `terms`, disbursed on `disbursedOn`, penalty 0.05 % a day. */
export function ledgerTerms(terms: LoanTerms = EXAMPLE_TERMS, disbursedOn = '2026-01-15'): LedgerTerms {
  const schedule = buildSchedule(terms);
  return {
    principal: terms.principal,
    annualRate: terms.annualRate,
    kind: terms.kind,
    level: schedule.level,
    monthlyFee: schedule.monthlyFee,
    penaltyDailyRate: rate('0.0005'),
    disbursedOn,
    instalments: schedule.instalments,
  };
}

/** A person with exactly `permissions`. */
export function person(
  id: string,
  permissions: readonly string[] = ['loan:read', 'loan:write', 'loan:approve'],
): ChangeCaller {
  return { actor: { type: 'user', id }, permissions: new Set(permissions) };
}

/** The loans of one process over a test store, with four eyes, fake people and a clock the test moves. */
export interface LoanHarness {
  readonly clock: ManualClock;
  readonly audit: AuditLog;
  readonly changes: ChangeService;
  readonly service: LoanService;
  /** Roles by user id; `addUser` adds to it. */
  readonly roles: Map<string, string[]>;
  addUser(id: string, roles?: string[]): ChangeCaller;
}

/** Builds the harness at 2026-03-01 10:00 China time. */
export function loanHarness(store: Store, options: { engineAuthority?: string } = {}): LoanHarness {
  const clock = new ManualClock('2026-03-01T02:00:00.000Z');
  const audit = new AuditLog({ db: store.db, dialect: store.dialect, clock });
  const kinds = new ChangeRegistry();
  const changes = new ChangeService({ db: store.db, clock, audit, kinds });
  const roles = new Map<string, string[]>();
  const users = {
    get: async (id: string) => {
      const held = roles.get(id);
      if (!held) throw UserNotFound(`user ${id} does not exist`);
      return { roles: JSON.stringify(held) };
    },
  };
  const loans = createLoans({ db: store.db, clock, audit, changes, users, ...options });
  kinds.register(loans.changeKind);
  return {
    clock,
    audit,
    changes,
    service: loans.service,
    roles,
    addUser(id, held = ['approver']) {
      roles.set(id, held);
      return person(id);
    },
  };
}

/** An application's terms: `principal` yuan over 12 months at 12 %, equal instalments. */
export function applicationTerms(principal: string, product = 'cash') {
  return {
    borrower_id: 'b-1',
    product,
    principal,
    annual_rate: '0.12',
    term_months: 12,
    schedule_kind: 'annuity',
  };
}

/** The code of the catalogued error `work` throws (fails the test when it does not throw one). */
export async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof FkError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}
