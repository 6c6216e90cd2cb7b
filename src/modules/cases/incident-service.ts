/**
 * Incidents (reference text 七: 应急响应, emergency response): something went wrong — an outage, a
 * leak, a fraud wave, a run on withdrawals — and people record what happened when, move it from open
 * to mitigated to resolved, and close it with a post-incident review (summary, root cause, actions
 * with owners and due dates). The timeline is append-only; every change commits with its audit
 * entry and a timeline entry in one transaction.
 */
import type { Transaction } from 'kysely';
import { canonicalJson } from '../../kernel/canonical-json.js';
import { isoUtc } from '../../kernel/clock.js';
import { newId } from '../../kernel/ids.js';
import type { Database } from '../../store/schema.js';
import { transact } from '../../store/transaction.js';
import type { Actor } from '../audit/index.js';
import type { Page } from './case-repo.js';
import {
  IncidentAlertNotFound,
  IncidentConflict,
  IncidentInvalid,
  IncidentNotFound,
  IncidentTransition,
} from './errors.js';
import { optionalText, parseTime, requireText } from './fields.js';
import * as repo from './incident-repo.js';
import type {
  CreateIncidentBody,
  IncidentDetail,
  IncidentSummary,
  Review,
  ReviewBody,
} from './incident-schemas.js';
import { toIncidentDetail, toIncidentSummary } from './incident-views.js';
import { incidentMovesInto } from './lifecycle.js';
import type { CasesDeps } from './ports.js';
import type { IncidentTable } from './tables.js';
import type { IncidentStatus } from './vocabulary.js';

/** What one change to an incident records besides its row. */
export interface IncidentChange {
  readonly action: string;
  readonly payload: Record<string, unknown>;
  readonly timeline: readonly { kind: string; text: string; at?: string }[];
  readonly also?: (trx: Transaction<Database>) => Promise<void>;
}

function services(values: readonly string[] | undefined): string[] {
  return [
    ...new Set(
      (values ?? []).map((s, i) => requireText(IncidentInvalid, s, `body.impacted_services.${i}`, 100)),
    ),
  ];
}

/** Opens, records, moves and reviews incidents. */
export class IncidentService {
  constructor(readonly deps: CasesDeps) {}

  /** Opens an incident; linked alerts must exist. */
  async create(actor: Actor, input: CreateIncidentBody): Promise<IncidentDetail> {
    const nowMs = this.deps.clock.now();
    const at = isoUtc(nowMs);
    const startedAt = input.started_at
      ? isoUtc(parseTime(IncidentInvalid, input.started_at, 'body.started_at'))
      : at;
    if (startedAt > at) throw IncidentInvalid('body.started_at must not be in the future');
    const alertIds = await this.existingAlerts(input.alert_ids ?? []);
    const row: IncidentTable = {
      id: newId(nowMs),
      title: requireText(IncidentInvalid, input.title, 'body.title', 200),
      description: optionalText(IncidentInvalid, input.description, 'body.description', 4000),
      type: input.type,
      severity: input.severity,
      status: 'open',
      owner_id: input.owner_id?.trim() || null,
      impacted_services: canonicalJson(services(input.impacted_services)),
      started_at: startedAt,
      mitigated_at: null,
      resolved_at: null,
      reviewed_at: null,
      review: null,
      created_by_type: actor.type,
      created_by_id: actor.id,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await transact(this.deps.db, async (trx) => {
      await repo.insertIncident(trx, row, alertIds);
      await repo.appendTimeline(trx, row.id, [
        {
          kind: 'status',
          text: 'open',
          at: startedAt,
          recorded_at: at,
          author_type: actor.type,
          author_id: actor.id,
        },
      ]);
      await this.deps.audit.append(trx, {
        actor,
        action: 'incident.create',
        target: { type: 'incident', id: row.id },
        payload: { ...toIncidentSummary(row), alert_ids: alertIds },
      });
    });
    return this.get(row.id);
  }

  /** One incident with its timeline, alerts, review and plan activations. */
  async get(id: string): Promise<IncidentDetail> {
    const row = await repo.findIncident(this.deps.db, id);
    if (!row) throw IncidentNotFound(`incident ${id} does not exist`);
    return toIncidentDetail(row, await repo.incidentParts(this.deps.db, id));
  }

  /** A page of incidents, newest first. */
  async list(filter: repo.IncidentFilter): Promise<Page<IncidentSummary>> {
    const page = await repo.queryIncidents(this.deps.db, filter);
    return { items: page.items.map(toIncidentSummary), total: page.total };
  }

  /** Appends a timeline entry; `at` (when it happened) defaults to now and is never in the future. */
  async addTimeline(actor: Actor, id: string, text: string, at?: string): Promise<IncidentDetail> {
    const body = requireText(IncidentInvalid, text, 'body.text', 4000);
    const now = isoUtc(this.deps.clock.now());
    const when = at === undefined ? now : isoUtc(parseTime(IncidentInvalid, at, 'body.at'));
    if (when > now)
      throw IncidentInvalid('body.at must not be in the future', [
        { path: 'body.at', message: 'must not be in the future' },
      ]);
    return this.change(
      actor,
      id,
      undefined,
      {},
      {
        action: 'incident.timeline',
        payload: { at: when, text: body },
        timeline: [{ kind: 'note', text: body, at: when }],
      },
    );
  }

  /** Moves an incident forward to mitigated or resolved. */
  async setStatus(
    actor: Actor,
    id: string,
    to: 'mitigated' | 'resolved',
    note?: string,
  ): Promise<IncidentDetail> {
    const text = optionalText(IncidentInvalid, note, 'body.note', 4000);
    const at = isoUtc(this.deps.clock.now());
    const set: Partial<IncidentTable> =
      to === 'mitigated' ? { status: to, mitigated_at: at } : { status: to, resolved_at: at };
    return this.change(actor, id, incidentMovesInto(to), set, (before) => ({
      action: 'incident.status',
      payload: { from: before.status, to, note: text || null },
      timeline: [{ kind: 'status', text: `${before.status} → ${to}${text ? `: ${text}` : ''}` }],
    }));
  }

  /** Records the post-incident review of a resolved incident, which makes it reviewed. */
  async review(actor: Actor, id: string, input: ReviewBody): Promise<IncidentDetail> {
    const at = isoUtc(this.deps.clock.now());
    const review: Review = {
      summary: requireText(IncidentInvalid, input.summary, 'body.summary', 8000),
      root_cause: requireText(IncidentInvalid, input.root_cause, 'body.root_cause', 8000),
      actions: input.actions.map((a, i) => ({
        title: requireText(IncidentInvalid, a.title, `body.actions.${i}.title`, 500),
        owner: requireText(IncidentInvalid, a.owner, `body.actions.${i}.owner`, 128),
        due_date: a.due_date,
      })),
      written_by: actor,
      written_at: at,
    };
    for (const [i, a] of review.actions.entries()) {
      if (!Number.isFinite(Date.parse(`${a.due_date}T00:00:00Z`))) {
        throw IncidentInvalid(`body.actions.${i}.due_date is not a date`);
      }
    }
    return this.change(
      actor,
      id,
      ['resolved'],
      { status: 'reviewed', reviewed_at: at, review: canonicalJson(review) },
      {
        action: 'incident.review',
        payload: { review },
        timeline: [{ kind: 'review', text: review.summary.slice(0, 500) }],
      },
    );
  }

  /** Links more alerts to an incident. */
  async linkAlerts(actor: Actor, id: string, alertIds: readonly string[]): Promise<IncidentDetail> {
    const found = await this.existingAlerts(alertIds);
    return this.change(
      actor,
      id,
      undefined,
      {},
      {
        action: 'incident.link',
        payload: { alert_ids: found },
        timeline: [{ kind: 'alert', text: found.join(', ') }],
        also: (trx) => repo.insertAlerts(trx, id, found),
      },
    );
  }

  /**
   * Applies one change in one transaction: moves the version (only from `from`), applies `set`,
   * runs `also`, appends the timeline entries and writes the audit entry.
   */
  async change(
    actor: Actor,
    id: string,
    from: readonly IncidentStatus[] | undefined,
    set: Partial<IncidentTable>,
    describe: IncidentChange | ((before: IncidentTable) => IncidentChange),
  ): Promise<IncidentDetail> {
    const at = isoUtc(this.deps.clock.now());
    await transact(this.deps.db, async (trx) => {
      const before = await repo.findIncident(trx, id);
      if (!before) throw IncidentNotFound(`incident ${id} does not exist`);
      if (from && !from.includes(before.status as IncidentStatus)) {
        throw IncidentTransition(
          `incident ${id} is ${before.status}; this needs it ${from.join(' or ') || 'in another status'}`,
        );
      }
      const after = await repo.lockIncident(trx, id, at, [before.status], set);
      if (!after || after.version !== before.version + 1)
        throw IncidentConflict(`incident ${id} changed meanwhile`);
      const described = typeof describe === 'function' ? describe(before) : describe;
      await described.also?.(trx);
      await repo.appendTimeline(
        trx,
        id,
        described.timeline.map((t) => ({
          kind: t.kind,
          text: t.text,
          at: t.at ?? at,
          recorded_at: at,
          author_type: actor.type,
          author_id: actor.id,
        })),
      );
      await this.deps.audit.append(trx, {
        actor,
        action: described.action,
        target: { type: 'incident', id },
        payload: { ...described.payload, version: after.version },
      });
    });
    return this.get(id);
  }

  private async existingAlerts(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
    for (const [i, alertId] of unique.entries()) {
      const found = this.deps.alerts ? await this.deps.alerts.get(alertId) : undefined;
      if (!found) {
        throw IncidentAlertNotFound(`body.alert_ids.${i}: alert ${alertId} does not exist`, [
          { path: `body.alert_ids.${i}`, message: `alert ${alertId} does not exist` },
        ]);
      }
    }
    return unique;
  }
}
