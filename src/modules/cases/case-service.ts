/**
 * Cases (reference text 七: suspicious activity is investigated and disposed of; 三: ex-post
 * handling): review-queue decisions and alerts become cases with an owner, a priority and a due
 * time; people note what they find, and resolve the case with a disposition. Every change commits
 * with its audit entry and an activity entry in one transaction. Resolution and list proposals are
 * implemented in `case-resolve.ts` and `case-proposal.ts`.
 */
import type { Transaction } from 'kysely';
import { isoUtc } from '../../kernel/clock.js';
import type { Database } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import type { ChangeCaller } from '../identity/changes/index.js';
import { createCase, type NewCase } from './case-create.js';
import { mergeSubjects, readLinks } from './case-links.js';
import { type ProposalInput, proposeListEntries } from './case-proposal.js';
import * as repo from './case-repo.js';
import { type CaseFilter, findCase, lockCase, type Page, partsOf, queryCases } from './case-repo.js';
import { resolveCase } from './case-resolve.js';
import type { CaseDetail, CaseSummary, Proposal } from './case-schemas.js';
import { toCaseDetail, toCaseSummary } from './case-views.js';
import { CaseConflict, CaseInvalid, CaseNotFound, CaseTransition } from './errors.js';
import { optionalText, requireText } from './fields.js';
import { ACTIVE_CASE, caseMoveNeedsReason, caseMovesInto } from './lifecycle.js';
import type { CasesDeps } from './ports.js';
import type { RiskCaseTable } from './tables.js';
import { type CasePriority, type CaseStatus, DEFAULT_DUE_HOURS, type Disposition } from './vocabulary.js';

export type { NewCase } from './case-create.js';

/** The activity entry written beside a change. */
export interface ActivityInput {
  readonly kind: string;
  readonly text: string;
}

/** Creates, lists, assigns, notes, moves, resolves and links cases. */
export class CaseService {
  constructor(readonly deps: CasesDeps) {}

  /** The current time as stored. */
  now(): string {
    return isoUtc(this.deps.clock.now());
  }

  /** When a case of `priority` opened at `fromMs` is due. */
  dueAt(priority: CasePriority, fromMs: number): string {
    const hours = this.deps.dueHours?.[priority] ?? DEFAULT_DUE_HOURS[priority];
    return isoUtc(fromMs + hours * 3600_000);
  }

  /** Opens a case, from decisions and alerts or from nothing but a title; refused naming a missing link. */
  async create(actor: Actor, input: NewCase): Promise<CaseDetail> {
    return createCase(this, actor, input);
  }

  /** One case with everything recorded about it; `FK_ERR_CASE_NOT_FOUND` otherwise. */
  async get(id: string): Promise<CaseDetail> {
    const row = await findCase(this.deps.db, id);
    if (!row) throw CaseNotFound(`case ${id} does not exist`);
    return toCaseDetail(row, await partsOf(this.deps.db, id), this.now());
  }

  /** A page of cases, earliest due first. */
  async list(
    filter: Omit<CaseFilter, 'overdue_at'> & { overdue?: boolean | undefined },
  ): Promise<Page<CaseSummary>> {
    const now = this.now();
    const page = await queryCases(this.deps.db, {
      ...filter,
      ...(filter.overdue ? { overdue_at: now } : {}),
    });
    const subjects = await repo.subjectsOfCases(
      this.deps.db,
      page.items.map((r) => r.id),
    );
    return {
      items: page.items.map((row) =>
        toCaseSummary(
          row,
          subjects.filter((s) => s.case_id === row.id),
          now,
        ),
      ),
      total: page.total,
    };
  }

  /** Gives an active case to a person (null takes it back). */
  async assign(actor: Actor, id: string, assigneeId: string | null, note?: string): Promise<CaseDetail> {
    const assignee = assigneeId?.trim() || null;
    const text = optionalText(CaseInvalid, note, 'body.note', 4000);
    return this.change(actor, id, ACTIVE_CASE, { assignee_id: assignee }, (before) => ({
      action: 'case.assign',
      payload: { from: before.assignee_id, to: assignee, note: text || null },
      activity: [{ kind: 'assignment', text: `${assignee ?? '-'}${text ? `: ${text}` : ''}` }],
    }));
  }

  /** Appends a note to a case, in any status. */
  async note(actor: Actor, id: string, text: string): Promise<CaseDetail> {
    const body = requireText(CaseInvalid, text, 'body.text', 4000);
    return this.change(actor, id, undefined, {}, () => ({
      action: 'case.note',
      payload: { text: body },
      activity: [{ kind: 'note', text: body }],
    }));
  }

  /**
   * Starts, closes or reopens a case (see `lifecycle.ts`). Closing and reopening need a reason;
   * reopening clears the disposition and sets a new due time from the priority. Labels already
   * given to decisions stay: the review queue keeps its first verdict.
   */
  async setStatus(actor: Actor, id: string, to: CaseStatus, reason?: string): Promise<CaseDetail> {
    if (to === 'resolved')
      throw CaseInvalid('resolve a case with POST /cases/{id}/resolve and a disposition');
    const why = caseMoveNeedsReason(to)
      ? requireText(CaseInvalid, reason, 'body.reason', 4000)
      : optionalText(CaseInvalid, reason, 'body.reason', 4000);
    const nowMs = this.deps.clock.now();
    return this.change(
      actor,
      id,
      caseMovesInto(to),
      (before) => statusSet(this, before, to, nowMs),
      (before) => ({
        action: 'case.status',
        payload: { from: before.status, to, reason: why || null },
        activity: [
          {
            kind: to === 'open' ? 'reopen' : 'status',
            text: `${before.status} → ${to}${why ? `: ${why}` : ''}`,
          },
        ],
      }),
    );
  }

  /** Links more decisions and alerts to an active case (and takes in their subjects). */
  async link(
    actor: Actor,
    id: string,
    decisionIds?: readonly string[],
    alertIds?: readonly string[],
  ): Promise<CaseDetail> {
    const linked = await readLinks(this.deps, decisionIds, alertIds);
    if (linked.decisions.length + linked.alerts.length === 0)
      throw CaseInvalid('give decision_ids or alert_ids to link');
    const subjects = mergeSubjects(this.deps, linked, []);
    const refs = [
      ...linked.decisions.map((d) => ({ kind: 'decision', ref_id: d.id })),
      ...linked.alerts.map((a) => ({ kind: 'alert', ref_id: a.id })),
    ];
    return this.change(actor, id, ACTIVE_CASE, {}, () => ({
      action: 'case.link',
      payload: { links: refs, subjects },
      activity: [{ kind: 'link', text: refs.map((r) => `${r.kind} ${r.ref_id}`).join(', ') }],
      also: async (trx) => {
        await repo.insertLinks(
          trx,
          refs.map((r) => ({ case_id: id, ...r })),
        );
        await repo.insertSubjects(
          trx,
          subjects.map((s) => ({ case_id: id, ...s })),
        );
      },
    }));
  }

  /** Resolves an active case with a disposition, labelling its decisions for the fraud ones. */
  async resolve(actor: Actor, id: string, disposition: Disposition, note?: string): Promise<CaseDetail> {
    return resolveCase(this, actor, id, disposition, note);
  }

  /** Proposes list entries for a case through four eyes; the case records the change request. */
  async propose(
    caller: ChangeCaller,
    id: string,
    input: ProposalInput,
  ): Promise<Proposal & { status: string }> {
    return proposeListEntries(this, caller, id, input);
  }

  /**
   * Applies one change to a case in one transaction: moves its version (only from `from`), applies
   * `set`, appends the activity entries, runs `also`, and writes the audit entry. Refused with
   * `FK_ERR_CASE_NOT_FOUND`, or `FK_ERR_CASE_TRANSITION` when the case is in another status.
   */
  async change(
    actor: Actor,
    id: string,
    from: readonly CaseStatus[] | undefined,
    set: Partial<RiskCaseTable> | ((before: RiskCaseTable) => Partial<RiskCaseTable>),
    describe: (before: RiskCaseTable) => {
      action: string;
      payload: Record<string, unknown>;
      activity: readonly ActivityInput[];
      also?: (trx: Transaction<Database>, after: RiskCaseTable) => Promise<void>;
    },
  ): Promise<CaseDetail> {
    const at = this.now();
    await transact(this.deps.db, async (trx) => {
      const before = await findCase(trx, id);
      if (!before) throw CaseNotFound(`case ${id} does not exist`);
      if (from && !from.includes(before.status as CaseStatus)) {
        throw CaseTransition(`case ${id} is ${before.status}; this needs it ${from.join(' or ')}`);
      }
      const values = typeof set === 'function' ? set(before) : set;
      const after = await lockCase(trx, id, at, [before.status], { ...values });
      if (!after || after.version !== before.version + 1) throw CaseConflict(`case ${id} changed meanwhile`);
      const described = describe(before);
      await described.also?.(trx, after);
      await repo.appendNotes(
        trx,
        id,
        described.activity.map((a) => ({ ...a, author_type: actor.type, author_id: actor.id, at })),
      );
      await this.deps.audit.append(trx, {
        actor,
        action: described.action,
        target: { type: 'case', id },
        payload: { ...described.payload, version: after.version },
      });
    });
    return this.get(id);
  }
}

function statusSet(
  service: CaseService,
  before: RiskCaseTable,
  to: CaseStatus,
  nowMs: number,
): Partial<RiskCaseTable> {
  const at = isoUtc(nowMs);
  if (to === 'closed') return { status: to, closed_at: at };
  if (to === 'open') {
    return {
      status: to,
      disposition: null,
      disposition_note: null,
      resolved_at: null,
      resolved_by_type: null,
      resolved_by_id: null,
      closed_at: null,
      due_at: service.dueAt(before.priority as CasePriority, nowMs),
    };
  }
  return { status: to };
}
