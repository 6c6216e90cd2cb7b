/**
 * `loan.approve`: the second signature on a loan above the first approver's authority (reference
 * text 五.3 approval by delegated authority; 七 four eyes against internal misconduct). The first
 * approver submits it; a different person with `loan:approve` approves it, and the loan is booked in
 * the approval's transaction. The first approver is refused as a conflict of interest; an approver
 * whose own authority does not cover the amount is refused in `apply`, which reads the authority
 * table and the approver's roles inside the approval's transaction (the kind's
 * `conflictOfInterest` is synchronous and cannot read them), so the approval rolls back and the
 * change stays pending for someone who may sign.
 */
import { createHash } from 'node:crypto';
import Type from 'typebox';
import Value from 'typebox/value';
import type { ErrorField } from '../../../kernel/errors.js';
import { type ChangeKind, ChangeStale, ChangeTargetNotFound } from '../../identity/changes/index.js';
import { applicationTarget, bookApplication, OPEN_STATUSES } from './applications.js';
import { limitOf } from './authority.js';
import { LoanAuthorityExceeded, LoanSameApprover } from './errors.js';
import { formatMoney } from './money.js';
import * as repo from './repo.js';
import type { LoanApplicationTable } from './tables.js';
import type { LoanDeps } from './terms.js';

/** What a `loan.approve` carries: the terms the first approver saw, and who they were. */
export const LoanApproveContent = Type.Object(
  {
    amount: Type.String({ maxLength: 20 }),
    product: Type.String({ maxLength: 64 }),
    borrower_id: Type.String({ maxLength: 128 }),
    first_approver: Type.Object(
      { type: Type.Literal('user'), id: Type.String({ minLength: 1, maxLength: 64 }) },
      { additionalProperties: false },
    ),
    first_approver_limit: Type.String({ maxLength: 20 }),
  },
  { additionalProperties: false },
);

/** The content of a `loan.approve` change. */
export interface LoanApproveChange {
  readonly amount: string;
  readonly product: string;
  readonly borrower_id: string;
  readonly first_approver: { readonly type: 'user'; readonly id: string };
  readonly first_approver_limit: string;
}

/**
 * The fingerprint of an application for approval: its terms and whether it is still open. Moving
 * from pending review to awaiting a second approval keeps it; a rejection or a booking changes it.
 */
export function applicationFingerprint(app: LoanApplicationTable): string {
  const state = OPEN_STATUSES.includes(app.status) ? 'open' : app.status;
  const terms = [
    state,
    app.borrower_id,
    app.product,
    app.amount,
    app.term_months,
    app.annual_rate,
    app.schedule_kind,
    app.fees,
  ];
  return `sha256:${createHash('sha256').update(JSON.stringify(terms)).digest('hex')}`;
}

/** Builds the kind over the loan dependencies (booking, authority, audit). */
export function loanApproveKind(deps: LoanDeps): ChangeKind<LoanApproveChange> {
  return {
    kind: 'loan.approve',
    targetType: 'loan_application',
    submitPermission: 'loan:approve',
    approvePermission: 'loan:approve',
    title: { en: 'Second approval of a loan above an authority limit', zh: '超出审批权限的贷款复核' },

    validate(content: unknown): readonly ErrorField[] {
      const problems: ErrorField[] = [];
      for (const e of Value.Errors(LoanApproveContent, content)) {
        if (e.keyword === 'boolean') continue;
        problems.push({ path: `body.content${e.instancePath.replaceAll('/', '.')}`, message: e.message });
      }
      return problems;
    },

    conflictOfInterest({ content }, approver) {
      return approver.type === content.first_approver.type && approver.id === content.first_approver.id
        ? 'you gave the first approval of this loan; a second person must sign'
        : undefined;
    },

    describe({ target, content }) {
      return {
        en: `Approve loan application ${target.id}: ${content.amount} yuan of ${content.product} to borrower ${content.borrower_id} (above ${content.first_approver_limit}, the first approver's authority)`,
        zh: `审批贷款申请 ${target.id}：向借款人 ${content.borrower_id} 发放 ${content.product} 贷款 ${content.amount} 元（超出第一审批人 ${content.first_approver_limit} 元的权限）`,
      };
    },

    async fingerprint(db, target) {
      const app = await repo.findApplication(db, target.id);
      if (!app) throw ChangeTargetNotFound(`loan application ${target.id} does not exist`);
      return applicationFingerprint(app);
    },

    async apply(trx, change, approver) {
      const id = change.target.id;
      const app = await repo.findApplication(trx, id);
      if (!app || applicationFingerprint(app) !== change.fingerprint || !OPEN_STATUSES.includes(app.status))
        throw ChangeStale(`loan application ${id} was decided or changed since this change was submitted`);
      if (approver.type === 'user' && approver.id === app.first_approver_id)
        throw LoanSameApprover(`you gave the first approval of loan application ${id}`);
      const limit = await limitOf(deps, trx, approver, app.product);
      if (limit < app.amount) {
        throw LoanAuthorityExceeded(
          `loan application ${id} is for ${formatMoney(app.amount)} yuan; your authority for ${app.product} is ${formatMoney(limit)} yuan`,
        );
      }
      const booked = await bookApplication(deps, trx, app, approver, change.decision_comment);
      if (!booked) throw ChangeStale(`loan application ${id} was decided by someone else a moment ago`);
      await deps.audit.append(trx, {
        actor: approver,
        action: 'loan.application.approve',
        target: applicationTarget(id),
        payload: {
          second_approval: true,
          change_id: change.id,
          limit: formatMoney(limit),
          loan_id: booked.loan.id,
        },
      });
      return { application_id: id, loan_id: booked.loan.id, amount: formatMoney(app.amount) };
    },
  };
}
