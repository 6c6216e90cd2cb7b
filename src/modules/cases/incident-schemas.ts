/**
 * Request and response schemas of `/api/v1/incidents`. Words are plain (`severity: "SEV2"`); their
 * labels come from `GET /cases/vocabulary`.
 */
import Type, { type Static } from 'typebox';
import { Actor, Id, Nullable, PageOf, paging, Time } from './schemas.js';
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES, INCIDENT_TYPES } from './vocabulary.js';

const IncidentType = Type.Enum([...INCIDENT_TYPES]);
const Severity = Type.Enum([...INCIDENT_SEVERITIES]);
const Status = Type.Enum([...INCIDENT_STATUSES]);
const Services = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 });
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

/** `POST /incidents`. */
export const CreateIncidentBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    type: IncidentType,
    severity: Severity,
    impacted_services: Type.Optional(Services),
    owner_id: Type.Optional(Id),
    alert_ids: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    started_at: Type.Optional(Time),
  },
  { additionalProperties: false },
);
export type CreateIncidentBody = Static<typeof CreateIncidentBody>;

/** `GET /incidents`. */
export const IncidentQuery = Type.Object(
  {
    status: Type.Optional(Status),
    type: Type.Optional(IncidentType),
    severity: Type.Optional(Severity),
    alert_id: Type.Optional(Id),
    ...paging,
  },
  { additionalProperties: false },
);

/** `POST /incidents/{id}/timeline`: what happened, and when (default: now). */
export const TimelineBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 4000 }), at: Type.Optional(Time) },
  { additionalProperties: false },
);

/** `POST /incidents/{id}/status`. */
export const IncidentStatusBody = Type.Object(
  { status: Type.Enum(['mitigated', 'resolved']), note: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

/** `POST /incidents/{id}/alerts`. */
export const IncidentAlertsBody = Type.Object(
  { alert_ids: Type.Array(Id, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

const ReviewAction = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    owner: Type.String({ minLength: 1, maxLength: 128 }),
    due_date: DateText,
  },
  { additionalProperties: false },
);

/** `POST /incidents/{id}/review`: the post-incident review. */
export const ReviewBody = Type.Object(
  {
    summary: Type.String({ minLength: 1, maxLength: 8000 }),
    root_cause: Type.String({ minLength: 1, maxLength: 8000 }),
    actions: Type.Array(ReviewAction, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

/** `POST /incidents/{id}/activate-plan`. */
export const ActivatePlanBody = Type.Object({ plan_id: Id }, { additionalProperties: false });

const incidentFields = {
  id: Type.String(),
  title: Type.String(),
  type: IncidentType,
  severity: Severity,
  status: Status,
  owner_id: Nullable(Type.String()),
  impacted_services: Type.Array(Type.String()),
  started_at: Type.String(),
  mitigated_at: Nullable(Type.String()),
  resolved_at: Nullable(Type.String()),
  reviewed_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  version: Type.Integer(),
};

/** An incident in a list. */
export const IncidentSummary = Type.Object(incidentFields, { additionalProperties: false });
export type IncidentSummary = Static<typeof IncidentSummary>;

/** A page of incidents. */
export const IncidentPage = PageOf(IncidentSummary);

/** A stored post-incident review. */
export const Review = Type.Object(
  {
    summary: Type.String(),
    root_cause: Type.String(),
    actions: Type.Array(ReviewAction),
    written_by: Actor,
    written_at: Type.String(),
  },
  { additionalProperties: false },
);
export type Review = Static<typeof Review>;

/** One incident with its timeline, alerts, review and plan activations. */
export const IncidentDetail = Type.Object(
  {
    ...incidentFields,
    description: Type.String(),
    created_by: Actor,
    alert_ids: Type.Array(Type.String()),
    timeline: Type.Array(
      Type.Object(
        {
          seq: Type.Integer(),
          at: Type.String(),
          recorded_at: Type.String(),
          kind: Type.String(),
          author: Actor,
          text: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    review: Nullable(Review),
    plan_activations: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          plan_id: Type.String(),
          plan_version: Type.Integer(),
          status: Type.String(),
          activated_at: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IncidentDetail = Static<typeof IncidentDetail>;
