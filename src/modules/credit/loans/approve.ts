/**
 * A person approving a loan application. Within their authority the loan is booked at once; above it
 * the approval becomes the first of two (a `loan.approve` change), and a later approval of the same
 * application by someone else is the second signature, which books the loan.
 */
import { isoUtc } from '../../../kernel/clock.js';
import { transact } from '../../../store/transaction.js';
import type { ChangeCaller } from '../../identity/changes/index.js';
import {
  applicationTarget,
  bookApplication,
  deny,
  OPEN_STATUSES,
  requireApplication,
  requirePerson,
} from './applications.js';
import { limitOf } from './authority.js';
import { LoanApplicationClosed, LoanAuthorityExceeded, LoanSameApprover } from './errors.js';
import { formatMoney } from './money.js';
import * as repo from './repo.js';
import type { LoanDeps } from './terms.js';
import { type ApplicationView, toApplicationView } from './views.js';

/**
 * Approves application `id` as `caller` (who holds `loan:approve`). Refused for a caller that is not
 * a person, a closed application, the first approver signing twice (`FK_ERR_LOAN_SAME_APPROVER`) and
 * a second approver whose authority does not cover the amount (`FK_ERR_LOAN_AUTHORITY_EXCEEDED`);
 * refusals of a second approval are audited as denied.
 */
export async function approveApplication(
  deps: LoanDeps,
  caller: ChangeCaller,
  id: string,
  comment?: string,
): Promise<ApplicationView> {
  requirePerson(caller.actor);
  const app = await requireApplication(deps.db, id);
  const note = comment?.trim() || null;
  const limit = await limitOf(deps, deps.db, caller.actor, app.product);
  // A second approval while the first one's change is still open; once it has expired (or was
  // closed) an approval starts over as a first approval.
  const open = app.change_id ? await deps.changes.get(app.change_id).catch(() => undefined) : undefined;
  if (app.status === 'awaiting_second_approval' && app.change_id && open?.status === 'pending') {
    if (app.first_approver_id === caller.actor.id)
      await deny(
        deps,
        caller,
        'loan.application.approve',
        id,
        LoanSameApprover(`you gave the first approval of loan application ${id}`),
      );
    if (limit < app.amount) {
      const message = `loan application ${id} is for ${formatMoney(app.amount)} yuan; your authority for ${app.product} is ${formatMoney(limit)} yuan`;
      await deny(deps, caller, 'loan.application.approve', id, LoanAuthorityExceeded(message));
    }
    await deps.changes.approve(caller, app.change_id, note ?? undefined);
    return toApplicationView(await requireApplication(deps.db, id));
  }
  if (!OPEN_STATUSES.includes(app.status))
    throw LoanApplicationClosed(`loan application ${id} is ${app.status}`);
  if (app.amount <= limit) {
    const booked = await transact(deps.db, async (trx) => {
      const done = await bookApplication(deps, trx, app, caller.actor, note);
      if (!done)
        throw LoanApplicationClosed(`loan application ${id} was decided by someone else a moment ago`);
      await deps.audit.append(trx, {
        actor: caller.actor,
        action: 'loan.application.approve',
        target: applicationTarget(id),
        payload: { second_approval: false, limit: formatMoney(limit), loan_id: done.loan.id, comment: note },
      });
      return done.application;
    });
    return toApplicationView(booked);
  }
  const change = await deps.changes.submit(caller, {
    kind: 'loan.approve',
    target: applicationTarget(id),
    content: {
      amount: formatMoney(app.amount),
      product: app.product,
      borrower_id: app.borrower_id,
      first_approver: { type: 'user', id: caller.actor.id },
      first_approver_limit: formatMoney(limit),
    },
    reason:
      note ??
      `${formatMoney(app.amount)} yuan is above the first approver's authority of ${formatMoney(limit)} yuan`,
  });
  const at = isoUtc(deps.clock.now());
  const escalated = await transact(deps.db, async (trx) => {
    const row = await repo.updateApplication(trx, id, app.version, {
      status: 'awaiting_second_approval',
      change_id: change.id,
      first_approver_id: caller.actor.id,
      updated_at: at,
    });
    if (!row) return undefined;
    await deps.audit.append(trx, {
      actor: caller.actor,
      action: 'loan.application.escalate',
      target: applicationTarget(id),
      payload: {
        change_id: change.id,
        amount: formatMoney(app.amount),
        limit: formatMoney(limit),
        comment: note,
      },
    });
    return row;
  });
  if (!escalated) {
    await deps.changes
      .withdraw(caller, change.id, 'the application was decided meanwhile')
      .catch(() => undefined);
    throw LoanApplicationClosed(`loan application ${id} was decided by someone else a moment ago`);
  }
  return toApplicationView(escalated);
}
