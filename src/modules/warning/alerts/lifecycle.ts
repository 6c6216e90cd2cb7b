/**
 * The people's side of an alert: open → acknowledged → resolved (a resolution note is required,
 * and an open alert may be resolved directly), and reassignment to another owner. Each change is
 * conditional on the version read, audited in its transaction, and announced to the people involved
 * (owner and those it was escalated to, not the person acting).
 */
import { isoUtc } from '../../../kernel/clock.js';
import { transact } from '../../../store/transaction.js';
import type { Actor } from '../../audit/index.js';
import { actorText } from '../notify/index.js';
import { type AlertServiceDeps, people } from './context.js';
import {
  AlertChanged,
  AlertInvalid,
  AlertNoteRequired,
  AlertNotFound,
  AlertOwnerUnknown,
  AlertState,
} from './errors.js';
import { alertNotice } from './messages.js';
import type { AlertChange } from './repo.js';
import * as repo from './repo.js';
import type { AlertTable } from './tables.js';
import { type AlertView, alertTarget, toAlertView } from './views.js';

const NOTE_MAX = 2000;

function checkNote(note: string | undefined, required: boolean): string | null {
  const text = note?.trim() ?? '';
  if (required && text === '') throw AlertNoteRequired('body.note must say how the alert was resolved');
  if ([...text].length > NOTE_MAX) throw AlertInvalid(`body.note must be at most ${NOTE_MAX} characters`);
  return text === '' ? null : text;
}

async function load(deps: AlertServiceDeps, id: string): Promise<AlertTable> {
  const row = await repo.findAlert(deps.db, id);
  if (!row) throw AlertNotFound(`alert ${id} does not exist`);
  return row;
}

function watchers(row: AlertTable, actor: Actor): string[] {
  const escalated =
    row.escalated_to === null ? [] : (JSON.parse(row.escalated_to) as { recipients: string[] }).recipients;
  return people([row.owner_id, ...escalated], actor.type === 'user' ? actor.id : undefined);
}

async function change(
  deps: AlertServiceDeps,
  row: AlertTable,
  set: AlertChange,
  actor: Actor,
  action: string,
  payload: Record<string, unknown>,
  notice: (after: AlertView) => ReturnType<typeof alertNotice> | undefined,
): Promise<AlertView> {
  return transact(deps.db, async (trx) => {
    const after = await repo.updateAlert(trx, row.id, row.version, set);
    if (!after) throw AlertChanged(`alert ${row.id} changed meanwhile`);
    await deps.audit.append(trx, { actor, action, target: alertTarget(row.id), payload });
    const view = toAlertView(after);
    const n = notice(view);
    if (n) await deps.notifier.notify(trx, n);
    return view;
  });
}

/** Acknowledges an open alert: someone owns the work now, so escalation stops. */
export async function acknowledgeAlert(
  deps: AlertServiceDeps,
  id: string,
  actor: Actor,
  note?: string,
): Promise<AlertView> {
  const row = await load(deps, id);
  if (row.status !== 'open') throw AlertState(`alert ${id} is ${row.status}, not open`);
  const text = checkNote(note, false);
  const at = isoUtc(deps.clock.now());
  return change(
    deps,
    row,
    {
      status: 'acknowledged',
      acknowledged_at: at,
      acknowledged_by: actorText(actor),
      escalate_due_at: null,
      updated_at: at,
    },
    actor,
    'alert.acknowledge',
    { severity: row.severity, level: row.escalation_level, ...(text ? { note: text } : {}) },
    (after) => alertNotice('alert.acknowledged', after, watchers(row, actor), { note: text ?? undefined }),
  );
}

/** Resolves an open or acknowledged alert with a note saying how. */
export async function resolveAlert(
  deps: AlertServiceDeps,
  id: string,
  note: string,
  actor: Actor,
): Promise<AlertView> {
  const text = checkNote(note, true) ?? '';
  const row = await load(deps, id);
  if (row.status === 'resolved') throw AlertState(`alert ${id} is already resolved`);
  const at = isoUtc(deps.clock.now());
  return change(
    deps,
    row,
    {
      status: 'resolved',
      resolved_at: at,
      resolved_by: actorText(actor),
      resolution_note: text,
      escalate_due_at: null,
      updated_at: at,
    },
    actor,
    'alert.resolve',
    { from: row.status, severity: row.severity, note: text },
    (after) => alertNotice('alert.resolved', after, watchers(row, actor), { note: text }),
  );
}

/** Gives an open or acknowledged alert to another active user (or to nobody, with null). */
export async function reassignAlert(
  deps: AlertServiceDeps,
  id: string,
  owner: string | null,
  actor: Actor,
): Promise<AlertView> {
  const row = await load(deps, id);
  if (row.status === 'resolved') throw AlertState(`alert ${id} is resolved`);
  if (owner === row.owner_id) return toAlertView(row);
  if (owner !== null && !(await deps.directory.isActiveUser(owner))) {
    throw AlertOwnerUnknown(`user ${owner} does not exist or is disabled`, [
      { path: 'body.owner', message: 'must be an active user id' },
    ]);
  }
  const at = isoUtc(deps.clock.now());
  return change(
    deps,
    row,
    { owner_id: owner, updated_at: at },
    actor,
    'alert.reassign',
    { from: row.owner_id, to: owner },
    (after) =>
      owner === null
        ? undefined
        : alertNotice(
            'alert.reassigned',
            after,
            people([owner], actor.type === 'user' ? actor.id : undefined),
          ),
  );
}
