/**
 * Four-eyes approvals (reference text 七: controls against internal misconduct; issue 3). A maker
 * submits a change; a different person holding the kind's approving permission approves or rejects
 * it; only then is it applied — in the approval's own transaction, with its audit entries, so an
 * approval without its effect (or the reverse) never commits. Refusals are values until the
 * transaction has ended, then thrown as catalogued errors; a refused decision on an existing change,
 * and a submission without the kind's permission, are audited as `denied`.
 */
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { FkError } from '../../../kernel/errors.js';
import type { Text } from '../../../kernel/i18n.js';
import { newId } from '../../../kernel/ids.js';
import type { ChangeRequestTable, Database } from '../../../store/schema.js';
import { transact } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import { type Decision, decideIn, markClosed, type Outcome } from './decide.js';
import { ChangeInvalid, ChangeNotFound, ChangeStale } from './errors.js';
import type { Change, ChangeRegistry, ChangeTarget } from './registry.js';
import * as repo from './repo.js';
import { type ChangeCaller, missingPermission } from './rules.js';

/** How long a change stays open unless its kind says otherwise: seven days. */
export const DEFAULT_CHANGE_TTL_MS = 7 * 24 * 3600 * 1000;

/** Dependencies of the change service. */
export interface ChangeServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly kinds: ChangeRegistry;
  /** Default time a change stays open, in milliseconds. */
  readonly ttlMs?: number;
}

/** What a maker proposes. */
export interface SubmitInput {
  readonly kind: string;
  readonly target: ChangeTarget;
  readonly content: unknown;
  readonly reason: string;
}

/** A change with the one-line summary its kind gives it, for the person deciding. */
export type ChangeView = Change & { readonly summary: Text };

const SWEEP_BATCH = 100;

/** Submits, decides, lists and expires four-eyes change requests. */
export class ChangeService {
  constructor(private readonly deps: ChangeServiceDeps) {}

  /** The kinds this service knows. */
  get kinds(): ChangeRegistry {
    return this.deps.kinds;
  }

  /**
   * Records a proposed change with the target's current fingerprint. Nothing is applied. Refused
   * with `FK_ERR_CHANGE_KIND_UNKNOWN`, `FK_ERR_CHANGE_FORBIDDEN` (the kind's submit permission) or
   * `FK_ERR_CHANGE_INVALID` (naming every problem).
   */
  async submit(caller: ChangeCaller, input: SubmitInput): Promise<ChangeView> {
    const kind = this.deps.kinds.require(input.kind);
    const allowed = kind.submitPermissionsFor?.(input.content) ?? [kind.submitPermission];
    if (!allowed.some((p) => caller.permissions.has(p))) {
      const refusal = missingPermission(kind.kind, allowed.join(' or '), 'submit');
      await this.recordDenied(caller.actor, 'change.submit', { type: 'change_kind', id: kind.kind }, refusal);
      throw refusal;
    }
    const problems = [
      ...(input.target.type === kind.targetType
        ? []
        : [{ path: 'body.target.type', message: `must be ${kind.targetType} for ${kind.kind}` }]),
      ...(input.reason.trim() === '' ? [{ path: 'body.reason', message: 'must not be blank' }] : []),
      ...kind.validate(input.content, input.target),
    ];
    const first = problems[0];
    if (first) throw ChangeInvalid(`${first.path} ${first.message}`, problems);

    const now = this.deps.clock.now();
    const at = isoUtc(now);
    const row = await transact(this.deps.db, async (trx) => {
      const stored: ChangeRequestTable = {
        id: newId(now),
        kind: kind.kind,
        target_type: input.target.type,
        target_id: input.target.id,
        content: canonicalJson(input.content),
        reason: input.reason,
        maker_type: caller.actor.type,
        maker_id: caller.actor.id,
        fingerprint: await kind.fingerprint(trx, input.target),
        status: 'pending',
        submitted_at: at,
        expires_at: isoUtc(now + (kind.ttlMs ?? this.deps.ttlMs ?? DEFAULT_CHANGE_TTL_MS)),
        decided_by_type: null,
        decided_by_id: null,
        decided_at: null,
        decision_comment: null,
        result: null,
      };
      await repo.insertChange(trx, stored);
      await this.deps.audit.append(trx, {
        actor: caller.actor,
        action: 'change.submit',
        target: { type: 'change', id: stored.id },
        payload: {
          kind: kind.kind,
          target: input.target,
          content: input.content,
          reason: input.reason,
          fingerprint: stored.fingerprint,
          expires_at: stored.expires_at,
        },
      });
      return stored;
    });
    return this.view(row, at);
  }

  /**
   * Approves and applies a pending change. Refused (and audited as denied) for the maker, for a
   * caller that is not a person or lacks the kind's approving permission, for a change that is no
   * longer pending (`FK_ERR_CHANGE_NOT_PENDING`: of any number of concurrent approvers exactly one
   * wins), expired, or whose target changed since submission (`FK_ERR_CHANGE_STALE`, and the change
   * becomes `stale`). If the kind's `apply` throws, nothing commits and the change stays pending.
   */
  approve(caller: ChangeCaller, id: string, comment?: string): Promise<ChangeView> {
    return this.decide(caller, id, 'approve', comment?.trim() || null);
  }

  /** Rejects a pending change, with the reason the maker will read; same refusals as `approve`. */
  async reject(caller: ChangeCaller, id: string, comment: string): Promise<ChangeView> {
    if (comment.trim() === '') {
      throw ChangeInvalid('body.comment must say why the change is rejected', [
        { path: 'body.comment', message: 'must not be blank' },
      ]);
    }
    return this.decide(caller, id, 'reject', comment.trim());
  }

  /** Withdraws a pending change; only its maker may (`FK_ERR_CHANGE_NOT_MAKER`). */
  withdraw(caller: ChangeCaller, id: string, comment?: string): Promise<ChangeView> {
    return this.decide(caller, id, 'withdraw', comment?.trim() || null);
  }

  /** One change; `FK_ERR_CHANGE_NOT_FOUND` otherwise. */
  async get(id: string): Promise<ChangeView> {
    const row = await repo.findChange(this.deps.db, id);
    if (!row) throw ChangeNotFound(`change ${id} does not exist`);
    return this.view(row, isoUtc(this.deps.clock.now()));
  }

  /** A page of changes, newest first. */
  async list(query: repo.ChangeQuery): Promise<ChangeView[]> {
    const at = isoUtc(this.deps.clock.now());
    return (await repo.queryChanges(this.deps.db, query, at)).map((row) => this.view(row, at));
  }

  /**
   * Records every pending change whose expiry has passed at `now` as `expired`, one transaction and
   * one audit entry each (the system decides), and returns their ids. Run on a timer by the server;
   * readers already see such changes as expired before the sweep.
   */
  async expire(now: number = this.deps.clock.now()): Promise<string[]> {
    const at = isoUtc(now);
    const expired: string[] = [];
    for (;;) {
      const ids = await repo.overdueIds(this.deps.db, at, SWEEP_BATCH);
      for (const id of ids) {
        const row = await repo.findChange(this.deps.db, id);
        if (row && (await transact(this.deps.db, (trx) => markClosed(this.deps, trx, row, 'expired', at)))) {
          expired.push(id);
        }
      }
      if (ids.length < SWEEP_BATCH) return expired;
    }
  }

  private async decide(
    caller: ChangeCaller,
    id: string,
    decision: Decision,
    comment: string | null,
  ): Promise<ChangeView> {
    const at = isoUtc(this.deps.clock.now());
    let outcome: Outcome;
    try {
      outcome = await transact(this.deps.db, (trx) =>
        decideIn(this.deps, trx, caller, id, decision, comment, at),
      );
    } catch (error) {
      // Thrown by the kind's apply (or the database): the whole transaction rolled back. Recording
      // the failure must not hide the error that caused it.
      if (decision === 'approve') await this.applyFailed(caller, id, error, at).catch(() => undefined);
      throw error;
    }
    if ('refusal' in outcome) {
      if (outcome.record) {
        await this.recordDenied(caller.actor, `change.${decision}`, { type: 'change', id }, outcome.refusal);
      }
      throw outcome.refusal;
    }
    const view = this.view(outcome.row, at);
    if (view.status === 'applied') {
      await Promise.resolve(this.deps.kinds.get(view.kind)?.afterCommit?.(view)).catch(() => undefined);
    }
    return view;
  }

  /**
   * After `apply` failed and everything rolled back: audits the failure and, when the kind found its
   * target changed under it (`FK_ERR_CHANGE_STALE`), closes the change as stale so nobody retries it.
   */
  private async applyFailed(caller: ChangeCaller, id: string, error: unknown, at: string): Promise<void> {
    const code = (error as Partial<FkError>).code ?? 'FK_ERR_INTERNAL';
    await transact(this.deps.db, async (trx) => {
      const row = await repo.findChange(trx, id);
      if (row && ChangeStale.is(error)) await markClosed(this.deps, trx, row, 'stale', at, caller.actor);
      await this.deps.audit.append(trx, {
        actor: caller.actor,
        action: 'change.apply',
        target: { type: 'change', id },
        outcome: 'failure',
        payload: { code },
      });
    });
  }

  private recordDenied(
    actor: Actor,
    action: string,
    target: ChangeTarget,
    refusal: FkError,
  ): Promise<unknown> {
    return this.deps.audit.record({
      actor,
      action,
      target,
      outcome: 'denied',
      payload: { code: refusal.code },
    });
  }

  private view(row: ChangeRequestTable, at: string): ChangeView {
    const change = repo.toChange(row, at);
    const kind = this.deps.kinds.get(row.kind);
    const summary = kind?.describe({ target: change.target, content: change.content }) ?? {
      en: `${row.kind} of ${row.target_type} ${row.target_id}`,
      zh: `${row.kind}：${row.target_type} ${row.target_id}`,
    };
    return { ...change, summary };
  }
}
