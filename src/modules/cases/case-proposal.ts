/**
 * A case proposing list entries (reference text 五.3 blacklists; 七 four eyes): "block the device"
 * becomes a `list.change` change request submitted as the person working the case, and nothing
 * reaches the list until a second person approves it. The submission is the list service's (it
 * normalises and hashes the values and checks the maker's `list:write` or `list:propose`); the case then records the
 * change id and the masked displays, never a clear value, with its own audit entry. Entries added
 * this way carry the source `case:<id>`.
 */
import { transact } from '../../store/transaction.js';
import type { ChangeCaller } from '../identity/changes/index.js';
import * as repo from './case-repo.js';
import { findCase, insertProposal, lockCase } from './case-repo.js';
import type { Proposal } from './case-schemas.js';
import type { CaseService } from './case-service.js';
import { toProposal } from './case-views.js';
import {
  CaseConflict,
  CaseInvalid,
  CaseNotFound,
  CaseProposalUnavailable,
  CaseTransition,
} from './errors.js';
import { requireText } from './fields.js';
import type { CaseListProposalTable } from './tables.js';

/** What a person proposes for a case. */
export interface ProposalInput {
  readonly list: string;
  readonly op?: 'add' | 'remove' | undefined;
  readonly reason: string;
  readonly values: readonly {
    readonly value: string;
    readonly reason?: string | undefined;
    readonly expires_at?: string | null | undefined;
  }[];
}

/** The statuses a case can propose list entries in: while worked, and once resolved. */
export const PROPOSING = ['open', 'in_progress', 'resolved'] as const;

/** The masked displays a `list.change` content carries (empty when it has another shape). */
export function displaysOf(content: unknown): string[] {
  const entries = (content as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries
    .map((e) => (e as { display?: unknown }).display)
    .filter((d): d is string => typeof d === 'string');
}

/** Submits the proposal as `caller` and records it on case `id`. */
export async function proposeListEntries(
  service: CaseService,
  caller: ChangeCaller,
  id: string,
  input: ProposalInput,
): Promise<Proposal & { status: string }> {
  const lists = service.deps.lists;
  if (!lists) throw CaseProposalUnavailable('this installation was composed without the list service');
  const reason = requireText(CaseInvalid, input.reason, 'body.reason', 500);
  if (input.values.length === 0) throw CaseInvalid('body.values must hold at least one value');
  const found = await findCase(service.deps.db, id);
  if (!found) throw CaseNotFound(`case ${id} does not exist`);
  if (!(PROPOSING as readonly string[]).includes(found.status)) {
    throw CaseTransition(`case ${id} is ${found.status}; reopen it to propose list entries`);
  }
  const op = input.op ?? 'add';
  const change = await lists.submitChange(caller, input.list, {
    op,
    reason,
    source: `case:${id}`,
    entries: input.values.map((v) => ({
      value: v.value,
      reason: v.reason,
      expires_at: v.expires_at ?? null,
    })),
  });
  const at = service.now();
  const row: CaseListProposalTable = {
    change_id: change.id,
    case_id: id,
    list_name: input.list,
    op,
    entries: JSON.stringify(displaysOf(change.content)),
    reason,
    proposed_by_type: caller.actor.type,
    proposed_by_id: caller.actor.id,
    proposed_at: at,
  };
  // The change request has committed on its own: the case records it whatever its status now is.
  await transact(service.deps.db, async (trx) => {
    if (!(await lockCase(trx, id, at))) throw CaseConflict(`case ${id} disappeared while proposing`);
    await insertProposal(trx, row);
    const shown = displaysOf(change.content).join(', ');
    await repo.appendNotes(trx, id, [
      {
        kind: 'proposal',
        text: `list.change ${change.id}: ${op} ${input.list} ${shown}`,
        author_type: caller.actor.type,
        author_id: caller.actor.id,
        at,
      },
    ]);
    await service.deps.audit.append(trx, {
      actor: caller.actor,
      action: 'case.propose',
      target: { type: 'case', id },
      payload: { change_id: change.id, list: input.list, op, entries: displaysOf(change.content), reason },
    });
  });
  return { ...toProposal(row), status: change.status };
}
