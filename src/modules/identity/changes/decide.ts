/**
 * The inside of one decision's transaction. Everything here runs in the caller's transaction and
 * returns refusals as values, so that the service decides after the transaction ends whether to
 * commit a side effect (a change found expired or stale is recorded as such) and what to throw.
 */
import type { Transaction } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { FkError } from '../../../kernel/errors.js';
import type { ChangeRequestTable, Database } from '../../../store/schema.js';
import { type Actor, type AuditLog, SYSTEM_ACTOR } from '../../audit/index.js';
import { ChangeNotFound, ChangeNotPending, ChangeStale } from './errors.js';
import type { ApprovedChange, ChangeRegistry } from './registry.js';
import * as repo from './repo.js';
import { authorise, type ChangeCaller, refuseClosed, refuseConflict } from './rules.js';

/** A decision a caller can take on a pending change. */
export type Decision = 'approve' | 'reject' | 'withdraw';

/** What a decision needs besides the transaction. */
export interface DecideDeps {
  readonly kinds: ChangeRegistry;
  readonly audit: AuditLog;
}

/** The decided row, or a refusal and whether it still needs a `denied` audit entry. */
export type Outcome =
  | { readonly row: ChangeRequestTable }
  | { readonly refusal: FkError; readonly record: boolean };

const FINAL = { approve: 'applied', reject: 'rejected', withdraw: 'withdrawn' } as const;

/**
 * Takes `decision` on change `id` inside `trx`: checks the rules, claims the change with the
 * conditional update (the only arbiter between concurrent deciders), and for an approval re-checks
 * the fingerprint, applies the change and writes the `change.approve` and `change.apply` entries.
 */
export async function decideIn(
  deps: DecideDeps,
  trx: Transaction<Database>,
  caller: ChangeCaller,
  id: string,
  decision: Decision,
  comment: string | null,
  at: string,
): Promise<Outcome> {
  const row = await repo.findChange(trx, id);
  if (!row) return { refusal: ChangeNotFound(`change ${id} does not exist`), record: false };
  const kind = deps.kinds.get(row.kind);
  const denied =
    authorise(caller, row, kind, decision) ??
    refuseConflict(caller, row, kind, decision) ??
    refuseClosed(row, at);
  if (denied) {
    if (denied.code === 'FK_ERR_CHANGE_EXPIRED') await markClosed(deps, trx, row, 'expired', at);
    return { refusal: denied, record: true };
  }
  if (!(await repo.claimPending(trx, id, FINAL[decision], caller.actor, at, comment))) {
    return {
      refusal: ChangeNotPending(`change ${id} was decided by someone else a moment ago`),
      record: true,
    };
  }
  const decided: ChangeRequestTable = {
    ...row,
    status: FINAL[decision],
    decided_by_type: caller.actor.type,
    decided_by_id: caller.actor.id,
    decided_at: at,
    decision_comment: comment,
  };
  const changeTarget = { type: 'change', id };
  const target = { type: row.target_type, id: row.target_id };
  const payload = { kind: row.kind, target, maker: { type: row.maker_type, id: row.maker_id }, comment };
  if (decision !== 'approve' || !kind) {
    await deps.audit.append(trx, {
      actor: caller.actor,
      action: `change.${decision}`,
      target: changeTarget,
      payload,
    });
    return { row: decided };
  }
  const current = await kind.fingerprint(trx, target);
  if (current !== row.fingerprint) {
    await repo.settle(trx, id, 'stale', null);
    await deps.audit.append(trx, {
      actor: caller.actor,
      action: 'change.stale',
      target: changeTarget,
      payload: { ...payload, submitted_fingerprint: row.fingerprint, current_fingerprint: current },
    });
    return {
      refusal: ChangeStale(`the target of change ${id} changed after it was submitted; it is now stale`),
      record: false,
    };
  }
  const change = {
    ...repo.toChange(decided, at),
    decided_by: caller.actor,
    decided_at: at,
  } as ApprovedChange;
  const result = canonicalJson(await kind.apply(trx, change, caller.actor));
  await repo.settle(trx, id, 'applied', result);
  await deps.audit.append(trx, {
    actor: caller.actor,
    action: 'change.approve',
    target: changeTarget,
    payload,
  });
  await deps.audit.append(trx, {
    actor: caller.actor,
    action: 'change.apply',
    target,
    payload: { change_id: id, kind: row.kind, maker: payload.maker, result: JSON.parse(result) as unknown },
  });
  return { row: { ...decided, result } };
}

/**
 * Closes a pending change that can no longer be decided — expired (decided by the system) or found
 * stale — with its audit entry. False when someone else closed it first.
 */
export async function markClosed(
  deps: Pick<DecideDeps, 'audit'>,
  trx: Transaction<Database>,
  row: ChangeRequestTable,
  status: 'expired' | 'stale',
  at: string,
  by: Actor = SYSTEM_ACTOR,
): Promise<boolean> {
  if (!(await repo.claimPending(trx, row.id, status, by, at, null))) return false;
  await deps.audit.append(trx, {
    actor: by,
    action: status === 'expired' ? 'change.expire' : 'change.stale',
    target: { type: 'change', id: row.id },
    payload: {
      kind: row.kind,
      target: { type: row.target_type, id: row.target_id },
      expires_at: row.expires_at,
    },
  });
  return true;
}
