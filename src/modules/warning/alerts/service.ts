/**
 * The alert service: raise (deduplicated, with a cooldown), read, acknowledge, resolve, reassign and
 * escalate alerts, and turn KRI evaluations into alerts. Every change commits with its audit entry
 * and its notices (inbox rows, queued deliveries) in one transaction.
 */
import type { Text } from '../../../kernel/i18n.js';
import { newId } from '../../../kernel/ids.js';
import { type Actor, SYSTEM_ACTOR } from '../../audit/index.js';
import type { KriEvaluation } from '../kri-evaluation.js';
import type { Severity } from '../notify/index.js';
import type { AlertServiceDeps } from './context.js';
import { AlertNotFound, AlertOwnerUnknown } from './errors.js';
import { type EscalationRun, escalateNow, escalateOverdue } from './escalation.js';
import { planForEvaluation } from './kri-hook.js';
import { acknowledgeAlert, reassignAlert, resolveAlert } from './lifecycle.js';
import { BACK_TO_GREEN_NOTE } from './messages.js';
import { type RaiseInput, type RaiseOptions, type RaiseResult, raiseAlert } from './raise.js';
import * as repo from './repo.js';
import { type AlertView, toAlertView } from './views.js';

/** A page of alerts. */
export interface AlertPage {
  readonly items: AlertView[];
  readonly next_cursor: string | null;
}

/** What a person raises by hand. */
export interface ManualAlertInput {
  /** Deduplication key; `manual:<new id>` when absent (never deduplicated). */
  readonly key?: string | undefined;
  readonly subject: string;
  readonly severity: Severity;
  readonly title: Text;
  readonly details?: unknown;
  readonly owner?: string | null | undefined;
}

/** What a KRI evaluation did to the alerts. */
export type KriAlertOutcome =
  | RaiseResult
  | { readonly outcome: 'resolved'; readonly alert: AlertView }
  | { readonly outcome: 'none' };

/** Alerts. */
export class AlertService {
  constructor(readonly deps: AlertServiceDeps) {}

  /**
   * Raises an alert for `input.key` and `input.subject`: a new one, a count into the active one, or
   * nothing during the cooldown after the last one was resolved (see `raise.ts`).
   */
  async raise(input: RaiseInput, actor: Actor = SYSTEM_ACTOR): Promise<RaiseResult> {
    const result = await raiseAlert(this.deps, input, { actor });
    if (!result) throw new Error('a raise without onlyIfActive always has a result');
    return result;
  }

  /** Raises an alert by hand (`source: manual`); the owner must be an active user. */
  async raiseManual(input: ManualAlertInput, actor: Actor): Promise<RaiseResult> {
    const owner = input.owner ?? null;
    if (owner !== null && !(await this.deps.directory.isActiveUser(owner))) {
      throw AlertOwnerUnknown(`user ${owner} does not exist or is disabled`, [
        { path: 'body.owner', message: 'must be an active user id' },
      ]);
    }
    const key = input.key ?? `manual:${newId(this.deps.clock.now())}`;
    return this.raise({ ...input, key, owner, source: 'manual' }, actor);
  }

  /**
   * The hook the KRI module calls after storing each evaluation (see `kri-hook.ts` for what raises,
   * what only counts, and why a return to green leaves the alert open unless `autoResolveOnGreen`).
   */
  async fromKriEvaluation(e: KriEvaluation): Promise<KriAlertOutcome> {
    const plan = planForEvaluation(e, this.deps.settings.autoResolveOnGreen);
    if (plan.action === 'none') return { outcome: 'none' };
    if (plan.action === 'resolve') {
      const active = await repo.findActive(this.deps.db, plan.key, plan.subject);
      if (!active) return { outcome: 'none' };
      return { outcome: 'resolved', alert: await this.resolve(active.id, BACK_TO_GREEN_NOTE, SYSTEM_ACTOR) };
    }
    const options: RaiseOptions = { onlyIfActive: plan.action === 'touch' };
    return (await raiseAlert(this.deps, plan.input, options)) ?? { outcome: 'none' };
  }

  /** One alert; `FK_ERR_ALERT_NOT_FOUND` otherwise. */
  async get(id: string): Promise<AlertView> {
    const row = await repo.findAlert(this.deps.db, id);
    if (!row) throw AlertNotFound(`alert ${id} does not exist`);
    return toAlertView(row);
  }

  /** A page of alerts, newest first, filtered by status, severity, owner, key, subject, source. */
  async list(query: repo.AlertQuery = {}): Promise<AlertPage> {
    const { rows, more } = await repo.queryAlerts(this.deps.db, query);
    return { items: rows.map(toAlertView), next_cursor: more ? (rows.at(-1)?.id ?? null) : null };
  }

  /** open → acknowledged; stops escalation. */
  acknowledge(id: string, actor: Actor, note?: string): Promise<AlertView> {
    return acknowledgeAlert(this.deps, id, actor, note);
  }

  /** open or acknowledged → resolved, with a note (required). */
  resolve(id: string, note: string, actor: Actor): Promise<AlertView> {
    return resolveAlert(this.deps, id, note, actor);
  }

  /** Gives the alert to another active user, or to nobody (null). */
  reassign(id: string, owner: string | null, actor: Actor): Promise<AlertView> {
    return reassignAlert(this.deps, id, owner, actor);
  }

  /** Escalates to the next level of the chain now. */
  escalate(id: string, actor: Actor, reason?: string): Promise<AlertView> {
    return escalateNow(this.deps, id, actor, reason);
  }

  /** Escalates every open alert past its acknowledgement deadline (the escalation job). */
  escalateOverdue(): Promise<EscalationRun> {
    return escalateOverdue(this.deps);
  }
}
