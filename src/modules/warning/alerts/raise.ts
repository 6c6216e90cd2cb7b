/**
 * Raising an alert, deduplicated per (key, subject): while an alert of the pair is open or
 * acknowledged, a new raise only counts (`occurrences`, `last_seen_at`), refreshes the title and
 * details, and raises the severity if the new one is worse (announced as `alert.upgraded`, with an
 * earlier escalation deadline). After the pair's alert is resolved, raises are suppressed for the
 * cooldown, unless they are more severe than the resolved alert: a worse condition is never muted.
 * A partial unique index makes two concurrent raises of one pair end in one alert.
 */
import { canonicalJson } from '../../../kernel/canonical-json.js';
import { isoUtc } from '../../../kernel/clock.js';
import type { Text } from '../../../kernel/i18n.js';
import { newId } from '../../../kernel/ids.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { SYSTEM_ACTOR } from '../../audit/index.js';
import { actorText, isSeverity, maxSeverity, type Severity, severityRank } from '../notify/index.js';
import { type AlertServiceDeps, people, type Trx } from './context.js';
import { AlertInvalid } from './errors.js';
import { alertNotice } from './messages.js';
import * as repo from './repo.js';
import type { AlertTable } from './tables.js';
import { type AlertSource, type AlertView, alertTarget, toAlertView } from './views.js';

/** What raises an alert. */
export interface RaiseInput {
  readonly source: AlertSource;
  /** Deduplication key, e.g. `kri:<id>`, `engine:<policy>:<rule>`. */
  readonly key: string;
  readonly subject: string;
  readonly severity: Severity;
  readonly title: Text;
  readonly details?: unknown;
  /** User id of the owner, or null. */
  readonly owner?: string | null | undefined;
}

/** What a raise did. */
export type RaiseResult =
  | { readonly outcome: 'created'; readonly alert: AlertView }
  | { readonly outcome: 'repeated'; readonly alert: AlertView; readonly upgraded: boolean }
  | { readonly outcome: 'suppressed'; readonly alert: AlertView; readonly until: string };

/** Options of a raise. */
export interface RaiseOptions {
  /** Only count into an active alert; never create one (a KRI that stays amber or red). */
  readonly onlyIfActive?: boolean;
  readonly actor?: Actor;
}

const SOURCES: readonly string[] = ['kri', 'engine', 'manual'];

function checkInput(input: RaiseInput): void {
  const problems: string[] = [];
  if (!SOURCES.includes(input.source)) problems.push('source must be kri, engine or manual');
  if (input.key.trim() === '' || input.key.length > 200) problems.push('key must be 1 to 200 characters');
  if (input.subject.trim() === '' || input.subject.length > 200)
    problems.push('subject must be 1 to 200 characters');
  if (!isSeverity(input.severity)) problems.push('severity must be low, medium, high or critical');
  if (!input.title.en.trim() || !input.title.zh.trim()) problems.push('title needs en and zh');
  if (problems.length > 0) throw AlertInvalid(problems.join('; '));
}

/** Raises (or counts into, or suppresses) an alert; undefined when `onlyIfActive` found none. */
export async function raiseAlert(
  deps: AlertServiceDeps,
  input: RaiseInput,
  options: RaiseOptions = {},
): Promise<RaiseResult | undefined> {
  checkInput(input);
  // A concurrent raise of the same pair can win the insert; one more pass then finds its alert
  // (locked, see `repo.lockActive`) and counts into it.
  for (let pass = 0; pass < 4; pass++) {
    const result = await transact(deps.db, (trx) => raiseOnce(deps, trx, input, options));
    if (result !== 'retry') return result;
  }
  throw new Error(`raising alert ${input.key} / ${input.subject} kept conflicting`);
}

async function raiseOnce(
  deps: AlertServiceDeps,
  trx: Trx,
  input: RaiseInput,
  options: RaiseOptions,
): Promise<RaiseResult | undefined | 'retry'> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const now = deps.clock.now();
  const at = isoUtc(now);
  const details = canonicalJson(input.details ?? {});
  const title = canonicalJson({ en: input.title.en, zh: input.title.zh });
  const active = await repo.lockActive(trx, input.key, input.subject);
  if (active) {
    const severity = maxSeverity(active.severity as Severity, input.severity);
    const upgraded = severity !== active.severity;
    const sooner = isoUtc(now + deps.settings.ackLimitsMs[severity]);
    const due =
      upgraded &&
      active.status === 'open' &&
      active.escalate_due_at !== null &&
      sooner < active.escalate_due_at
        ? sooner
        : active.escalate_due_at;
    const after = await repo.updateAlert(trx, active.id, active.version, {
      occurrences: active.occurrences + 1,
      last_seen_at: at,
      severity,
      title,
      details,
      owner_id: active.owner_id ?? input.owner ?? null,
      escalate_due_at: due,
      updated_at: at,
    });
    if (!after) return 'retry';
    await deps.audit.append(trx, {
      actor,
      action: 'alert.repeat',
      target: alertTarget(after.id),
      payload: { occurrences: after.occurrences, severity, upgraded, key: after.key, subject: after.subject },
    });
    const view = toAlertView(after);
    if (upgraded)
      await deps.notifier.notify(trx, alertNotice('alert.upgraded', view, people([after.owner_id])));
    return { outcome: 'repeated', alert: view, upgraded };
  }
  if (options.onlyIfActive) return undefined;
  const resolved = await repo.findLastResolved(trx, input.key, input.subject);
  if (resolved?.resolved_at) {
    const until = Date.parse(resolved.resolved_at) + deps.settings.cooldownMs;
    const worse = severityRank(input.severity) > severityRank(resolved.severity as Severity);
    if (now < until && !worse)
      return { outcome: 'suppressed', alert: toAlertView(resolved), until: isoUtc(until) };
  }
  const row: AlertTable = {
    id: newId(now),
    source: input.source,
    key: input.key,
    subject: input.subject,
    severity: input.severity,
    status: 'open',
    title,
    details,
    owner_id: input.owner ?? null,
    occurrences: 1,
    first_seen_at: at,
    last_seen_at: at,
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
    escalation_level: 0,
    escalated_at: null,
    escalated_to: null,
    escalate_due_at: isoUtc(now + deps.settings.ackLimitsMs[input.severity]),
    created_by: actorText(actor),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  if (!(await repo.insertAlert(trx, row))) return 'retry';
  await deps.audit.append(trx, {
    actor,
    action: 'alert.raise',
    target: alertTarget(row.id),
    payload: {
      source: row.source,
      key: row.key,
      subject: row.subject,
      severity: row.severity,
      owner: row.owner_id,
      title: input.title,
    },
  });
  const view = toAlertView(row);
  await deps.notifier.notify(trx, alertNotice('alert.raised', view, people([row.owner_id])));
  return { outcome: 'created', alert: view };
}
