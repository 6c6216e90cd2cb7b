/**
 * The four-eyes rules as pure functions of who asks, the stored change and the time, so they read in
 * one place and are tested without a database. Each returns the refusal to give, or undefined.
 */
import type { FkError } from '../../../kernel/errors.js';
import type { ChangeRequestTable } from '../../../store/schema.js';
import type { Actor } from '../../audit/index.js';
import {
  ChangeApproverNotPerson,
  ChangeConflictOfInterest,
  ChangeExpired,
  ChangeForbidden,
  ChangeKindUnknown,
  ChangeNotMaker,
  ChangeNotPending,
  ChangeSelfApproval,
} from './errors.js';
import type { ChangeKind } from './registry.js';

/** Who acts, and what they may do; the HTTP layer's `Principal` fits this shape. */
export interface ChangeCaller {
  readonly actor: Actor;
  readonly permissions: ReadonlySet<string>;
}

/** The permission needed to approve or reject a change when its kind is no longer registered. */
export const FALLBACK_APPROVE_PERMISSION = 'change:approve';

/** The refusal for a caller that lacks the permission a kind asks for. */
export function missingPermission(kind: string, permission: string, verb: string): FkError {
  return ChangeForbidden(`to ${verb} a ${kind} change you need the permission ${permission}`);
}

/**
 * May `asker` take `decision` on `row`? Withdrawal is the maker's alone. Approval and rejection need
 * someone other than the maker (four eyes), a person rather than an API key or the system (a key is
 * not a second pair of eyes, and a maker could hold one), and the kind's approving permission.
 */
export function authorise(
  asker: ChangeCaller,
  row: ChangeRequestTable,
  kind: ChangeKind | undefined,
  decision: 'approve' | 'reject' | 'withdraw',
): FkError | undefined {
  const isMaker = asker.actor.type === row.maker_type && asker.actor.id === row.maker_id;
  if (decision === 'withdraw') {
    return isMaker ? undefined : ChangeNotMaker(`change ${row.id} was submitted by someone else`);
  }
  if (isMaker) {
    return ChangeSelfApproval(
      decision === 'approve'
        ? `you submitted change ${row.id}; another person must approve it`
        : `you submitted change ${row.id}; withdraw it instead of rejecting it`,
    );
  }
  if (asker.actor.type !== 'user') {
    return ChangeApproverNotPerson(`a ${asker.actor.type} cannot ${decision} changes`);
  }
  if (decision === 'approve' && !kind) {
    return ChangeKindUnknown(`no module of this installation applies ${row.kind} changes`);
  }
  const needed = kind?.approvePermission ?? FALLBACK_APPROVE_PERMISSION;
  return asker.permissions.has(needed) ? undefined : missingPermission(row.kind, needed, decision);
}

/** Is `row` still open at `at`? A change is decided once; past its expiry it cannot be decided. */
export function refuseClosed(row: ChangeRequestTable, at: string): FkError | undefined {
  if (row.status !== 'pending') {
    return ChangeNotPending(
      `change ${row.id} is ${row.status}${row.decided_at ? ` since ${row.decided_at}` : ''}`,
    );
  }
  if (row.expires_at <= at) return ChangeExpired(`change ${row.id} expired at ${row.expires_at}`);
  return undefined;
}

/** Does the kind see a conflict of interest in `asker` approving `row`? Only approval is checked. */
export function refuseConflict(
  asker: ChangeCaller,
  row: ChangeRequestTable,
  kind: ChangeKind | undefined,
  decision: 'approve' | 'reject' | 'withdraw',
): FkError | undefined {
  if (decision !== 'approve' || !kind?.conflictOfInterest) return undefined;
  const target = { type: row.target_type, id: row.target_id };
  const reason = kind.conflictOfInterest(
    { target, content: JSON.parse(row.content) as unknown },
    asker.actor,
  );
  return reason === undefined ? undefined : ChangeConflictOfInterest(reason);
}
