/**
 * The kinds of change that need a second person. A module that wants four eyes on one of its
 * actions (publishing a policy, changing a list or threshold, granting a role, approving a loan above
 * an authority limit) describes it once as a `ChangeKind` and the composition root registers it in
 * the `ChangeRegistry` it hands to the `ChangeService`. The registry is an ordinary object built per
 * process, never a module-level singleton, so tests compose whatever kinds they need.
 */
import type { Transaction } from 'kysely';
import type { JsonValue } from '../../../kernel/canonical-json.js';
import type { ErrorField } from '../../../kernel/errors.js';
import type { Text } from '../../../kernel/i18n.js';
import type { Database } from '../../../store/schema.js';
import type { Executor } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { ChangeKindUnknown } from './errors.js';

/** What a change applies to: a setting, a policy, a user, a loan application. */
export interface ChangeTarget {
  readonly type: string;
  readonly id: string;
}

/**
 * Where a change can be. `pending` is the only open state; every other state is final. Approval and
 * application happen in one transaction, so there is no separate "approved but not applied" state:
 * `applied` means a second person approved it and its effect is committed.
 */
export const CHANGE_STATUSES = ['pending', 'applied', 'rejected', 'withdrawn', 'expired', 'stale'] as const;

/** One of `CHANGE_STATUSES`. */
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** A change request as the service returns it and kinds receive it. */
export interface Change<C = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly target: ChangeTarget;
  readonly content: C;
  readonly reason: string;
  readonly maker: Actor;
  /** The target's fingerprint when the change was submitted. */
  readonly fingerprint: string;
  readonly status: ChangeStatus;
  readonly submitted_at: string;
  readonly expires_at: string;
  readonly decided_by: Actor | null;
  readonly decided_at: string | null;
  readonly decision_comment: string | null;
  /** What the kind's `apply` returned, once applied. */
  readonly result: unknown;
}

/** A change at the moment it is applied: the approver and the decision time are known. */
export type ApprovedChange<C = unknown> = Change<C> & {
  readonly decided_by: Actor;
  readonly decided_at: string;
};

/**
 * One kind of change. Methods (not function-valued properties) so that a `ChangeKind<Content>` can be
 * registered where a `ChangeKind<unknown>` is expected: content is validated at submission and
 * immutable afterwards, which is what makes the narrowing sound.
 */
export interface ChangeKind<C = unknown> {
  /** Dotted name, module first: `setting.change`, `policy.publish`, `role.grant`. */
  readonly kind: string;
  /** The `target.type` every change of this kind names (`setting`, `policy`, `user`). */
  readonly targetType: string;
  /** Permission a maker needs to submit it. */
  readonly submitPermission: string;
  /**
   * Where some contents of the kind may also be submitted with other permissions: any one of those
   * returned suffices (default: `submitPermission` alone). Called before the content is validated.
   */
  readonly submitPermissionsFor?: (content: unknown) => readonly string[];
  /**
   * Every permission other than `submitPermission` that {@link submitPermissionsFor} can accept for
   * some content, so that a listing of kinds tells who may submit what without calling it.
   */
  readonly contentSubmitPermissions?: readonly string[];
  /** Permission a second person needs to approve or reject it (`policy:approve`, `loan:approve`). */
  readonly approvePermission: string;
  /** What this kind of change is, for lists and the console. */
  readonly title: Text;
  /** How long a change of this kind stays open; the service default (7 days) when absent. */
  readonly ttlMs?: number;
  /** Problems with a proposed content (an empty list when it is acceptable); paths start at `content`. */
  validate(content: unknown, target: ChangeTarget): readonly ErrorField[];
  /**
   * Why `approver` may not approve this particular change although they hold the permission — the
   * person a role grant would empower, the loan officer of the loan — or undefined. Optional.
   */
  conflictOfInterest?(
    change: { readonly target: ChangeTarget; readonly content: C },
    approver: Actor,
  ): string | undefined;
  /** One line an approver reads before deciding, in both languages. */
  describe(change: { readonly target: ChangeTarget; readonly content: C }): Text;
  /**
   * The target's current version or content hash. Recorded at submission and compared at approval:
   * a difference means someone changed the target in between and the approver would be signing off
   * something other than what they see, so the change is refused as stale. Throw
   * `ChangeTargetNotFound` when the target must exist and does not.
   */
  fingerprint(db: Executor, target: ChangeTarget): Promise<string>;
  /**
   * Makes the change, inside the approval's transaction: if it throws, the approval is rolled back
   * too and the change stays pending. Make the write conditional on the state that was fingerprinted
   * and throw `ChangeStale` when it no longer holds (a writer slipped in after the service's check):
   * the service then closes the change as stale. The service writes the `change.apply` audit entry
   * with the returned value; a kind writes further entries only for side effects of its own.
   */
  apply(trx: Transaction<Database>, change: ApprovedChange<C>, approver: Actor): Promise<JsonValue>;
  /**
   * Called once the approval's transaction has committed, in the process that approved it: the place
   * to refresh in-memory state (compiled policies, list snapshots) at once rather than at the next poll.
   * The approval answers once it settles, so the approver's next request sees the effect; a failure
   * is logged by the kind, never thrown (the change is committed). Other processes see the change
   * through their own refresh.
   */
  afterCommit?(change: Change<C>): void | Promise<void>;
}

const KIND_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** The kinds one process knows, by name. */
export class ChangeRegistry {
  readonly #kinds = new Map<string, ChangeKind>();

  constructor(kinds: Iterable<ChangeKind> = []) {
    for (const kind of kinds) this.register(kind);
  }

  /** Adds a kind; a malformed or duplicate name is a wiring bug and throws at start-up. */
  register(kind: ChangeKind): this {
    if (!KIND_NAME.test(kind.kind)) throw new Error(`change kind ${JSON.stringify(kind.kind)} is not dotted`);
    if (this.#kinds.has(kind.kind)) throw new Error(`change kind ${kind.kind} is registered twice`);
    this.#kinds.set(kind.kind, kind);
    return this;
  }

  /** The kind called `name`, if registered. */
  get(name: string): ChangeKind | undefined {
    return this.#kinds.get(name);
  }

  /** The kind called `name`; `FK_ERR_CHANGE_KIND_UNKNOWN` otherwise. */
  require(name: string): ChangeKind {
    const kind = this.#kinds.get(name);
    if (!kind) {
      const known = [...this.#kinds.keys()].sort().join(', ') || 'none';
      throw ChangeKindUnknown(`${JSON.stringify(name)} is not a kind of change (known: ${known})`, [
        { path: 'body.kind', message: `must be one of: ${known}` },
      ]);
    }
    return kind;
  }

  /** Every registered kind, by name. */
  list(): readonly ChangeKind[] {
    return [...this.#kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
