/**
 * Escalation (reference text 七: an alert someone must own, and that goes up when nobody acts). An
 * open alert has until `escalate_due_at` (raise time plus its severity's acknowledgement limit) to be
 * acknowledged; then it moves to the next level of the escalation chain that has someone to notify
 * (a level with nobody — no manager known, no active holder of the role — is skipped), the level and
 * time are recorded, its people are notified, and the clock starts again for the next level. When no
 * level is left the deadline is cleared and the exhaustion audited. A person may also escalate an
 * open or acknowledged alert at once. Acknowledging stops the clock.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import { transact } from '../../../store/transaction.js';
import { type Actor, SYSTEM_ACTOR } from '../../audit/index.js';
import type { Severity } from '../notify/index.js';
import { type AlertServiceDeps, people } from './context.js';
import { AlertChanged, AlertEscalationExhausted, AlertNotFound, AlertState } from './errors.js';
import { alertNotice } from './messages.js';
import * as repo from './repo.js';
import { type EscalationLevel, levelText } from './settings.js';
import type { AlertTable } from './tables.js';
import { type AlertView, alertTarget, type EscalationView, toAlertView } from './views.js';

/** What one run of the escalation job did. */
export interface EscalationRun {
  readonly escalated: number;
  readonly exhausted: number;
}

const BATCH = 100;

async function recipientsOf(
  deps: AlertServiceDeps,
  level: EscalationLevel,
  owner: string | null,
): Promise<string[]> {
  if (level.kind === 'manager') {
    const manager = owner === null ? null : await deps.directory.managerOf(owner);
    return manager === null ? [] : [manager];
  }
  if (level.kind === 'role') return deps.directory.usersWithRole(level.role);
  return (await deps.directory.isActiveUser(level.id)) ? [level.id] : [];
}

/** The next level after the alert's current one that has someone to notify, if any. */
export async function nextLevel(
  deps: AlertServiceDeps,
  row: AlertTable,
): Promise<EscalationView | undefined> {
  const chain = deps.settings.escalationChain;
  for (let i = row.escalation_level; i < chain.length; i++) {
    const level = chain[i];
    if (level === undefined) break;
    const recipients = await recipientsOf(deps, level, row.owner_id);
    if (recipients.length > 0) return { level: i + 1, rule: levelText(level), recipients };
  }
  return undefined;
}

/**
 * Moves `row` to `next` if it is still at the version read; the alert after, or undefined when it
 * changed meanwhile. The directory was asked before the transaction (SQLite has one connection).
 */
async function applyEscalation(
  deps: AlertServiceDeps,
  row: AlertTable,
  next: EscalationView,
  actor: Actor,
  cause: { readonly kind: 'timeout' | 'manual'; readonly reason?: string | undefined },
): Promise<AlertView | undefined> {
  const now = deps.clock.now();
  const at = isoUtc(now);
  const limit = deps.settings.ackLimitsMs[row.severity as Severity];
  return transact(deps.db, async (trx) => {
    const after = await repo.updateAlert(trx, row.id, row.version, {
      escalation_level: next.level,
      escalated_at: at,
      escalated_to: canonicalJson(next),
      escalate_due_at: row.status === 'open' ? isoUtc(now + limit) : null,
      updated_at: at,
    });
    if (!after) return undefined;
    await deps.audit.append(trx, {
      actor,
      action: 'alert.escalate',
      target: alertTarget(row.id),
      payload: {
        level: next.level,
        rule: next.rule,
        recipients: next.recipients,
        cause: cause.kind,
        ...(cause.reason ? { reason: cause.reason } : {}),
      },
    });
    const view = toAlertView(after);
    const notice = alertNotice('alert.escalated', view, people([...next.recipients, after.owner_id]), {
      limitMs: cause.kind === 'timeout' ? limit : undefined,
      by: cause.kind === 'manual' ? `${actor.type}:${actor.id}` : undefined,
      note: cause.reason,
    });
    await deps.notifier.notify(trx, notice);
    return view;
  });
}

/** Clears the deadline of an alert with no level left, auditing it; false when it changed meanwhile. */
async function markExhausted(deps: AlertServiceDeps, row: AlertTable): Promise<boolean> {
  const at = isoUtc(deps.clock.now());
  return transact(deps.db, async (trx) => {
    const after = await repo.updateAlert(trx, row.id, row.version, { escalate_due_at: null, updated_at: at });
    if (!after) return false;
    await deps.audit.append(trx, {
      actor: SYSTEM_ACTOR,
      action: 'alert.escalation.exhausted',
      target: alertTarget(row.id),
      payload: { level: row.escalation_level, chain: deps.settings.escalationChain.map(levelText) },
    });
    return true;
  });
}

/** Escalates every open alert whose acknowledgement time ran out (what the escalation job runs). */
export async function escalateOverdue(deps: AlertServiceDeps): Promise<EscalationRun> {
  const overdue = await repo.overdueAlerts(deps.db, isoUtc(deps.clock.now()), BATCH);
  let escalated = 0;
  let exhausted = 0;
  for (const row of overdue) {
    const next = await nextLevel(deps, row);
    if (next === undefined) {
      if (await markExhausted(deps, row)) exhausted += 1;
    } else if (await applyEscalation(deps, row, next, SYSTEM_ACTOR, { kind: 'timeout' })) {
      escalated += 1;
    }
  }
  return { escalated, exhausted };
}

/** Escalates one open or acknowledged alert to its next level now. */
export async function escalateNow(
  deps: AlertServiceDeps,
  id: string,
  actor: Actor,
  reason?: string,
): Promise<AlertView> {
  const row = await repo.findAlert(deps.db, id);
  if (!row) throw AlertNotFound(`alert ${id} does not exist`);
  if (row.status === 'resolved') throw AlertState(`alert ${id} is resolved`);
  const next = await nextLevel(deps, row);
  if (next === undefined) throw AlertEscalationExhausted(`alert ${id} is at level ${row.escalation_level}`);
  const view = await applyEscalation(deps, row, next, actor, {
    kind: 'manual',
    reason: reason?.trim() || undefined,
  });
  if (!view) throw AlertChanged(`alert ${id} changed meanwhile`);
  return view;
}
