/**
 * Incidents as the API shows them: plain words, the impacted services as a list, the timeline in
 * the order things happened, the review once written.
 */
import { readJson, requiredActor } from './fields.js';
import type { IncidentParts } from './incident-repo.js';
import type { IncidentDetail, IncidentSummary, Review } from './incident-schemas.js';
import type { IncidentTable } from './tables.js';
import type { IncidentSeverity, IncidentStatus, IncidentType } from './vocabulary.js';

/** An incident in a list. */
export function toIncidentSummary(row: IncidentTable): IncidentSummary {
  return {
    id: row.id,
    title: row.title,
    type: row.type as IncidentType,
    severity: row.severity as IncidentSeverity,
    status: row.status as IncidentStatus,
    owner_id: row.owner_id,
    impacted_services: readJson<string[]>(row.impacted_services),
    started_at: row.started_at,
    mitigated_at: row.mitigated_at,
    resolved_at: row.resolved_at,
    reviewed_at: row.reviewed_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    version: row.version,
  };
}

/** One incident with its timeline, alerts, review and plan activations. */
export function toIncidentDetail(row: IncidentTable, parts: IncidentParts): IncidentDetail {
  return {
    ...toIncidentSummary(row),
    description: row.description,
    created_by: requiredActor(row.created_by_type, row.created_by_id),
    alert_ids: parts.alertIds,
    timeline: parts.timeline.map((t) => ({
      seq: t.seq,
      at: t.at,
      recorded_at: t.recorded_at,
      kind: t.kind,
      author: requiredActor(t.author_type, t.author_id),
      text: t.text,
    })),
    review: row.review === null ? null : readJson<Review>(row.review),
    plan_activations: parts.activations.map((a) => ({
      id: a.id,
      plan_id: a.plan_id,
      plan_version: a.plan_version,
      status: a.status,
      activated_at: a.activated_at,
    })),
  };
}
