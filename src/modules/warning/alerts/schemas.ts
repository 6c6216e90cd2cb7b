/**
 * Request and response schemas of `/api/v1/alerts`. Responses list every property and forbid others;
 * an alert's `details` is free-form JSON (a KRI evaluation, an engine event's facts).
 */
import Type, { type Static } from 'typebox';

const Time = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);
const Severity = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
const Status = Type.Union([Type.Literal('open'), Type.Literal('acknowledged'), Type.Literal('resolved')]);
const Source = Type.Union([Type.Literal('kri'), Type.Literal('engine'), Type.Literal('manual')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** An alert. */
export const Alert = Type.Object(
  {
    id: Type.String(),
    source: Source,
    key: Type.String({ description: 'deduplication key, e.g. kri:<id> / 去重键' }),
    subject: Type.String({ description: 'what the alert is about; * when global / 预警对象' }),
    severity: Severity,
    status: Status,
    title: Bilingual,
    details: Type.Unknown({ description: 'facts of the latest raise / 最近一次触发的详情' }),
    owner_id: Nullable(Type.String()),
    occurrences: Type.Integer({ description: 'raises absorbed by deduplication, 1 for a new alert' }),
    first_seen_at: Time,
    last_seen_at: Time,
    acknowledged_at: Nullable(Time),
    acknowledged_by: Nullable(Actor),
    resolved_at: Nullable(Time),
    resolved_by: Nullable(Actor),
    resolution_note: Nullable(Type.String()),
    escalation_level: Type.Integer({
      description: '0 with the owner; position reached in the escalation chain',
    }),
    escalated_at: Nullable(Time),
    escalated_to: Nullable(
      Type.Object(
        { level: Type.Integer(), rule: Type.String(), recipients: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    escalate_due_at: Nullable(Time),
    created_by: Actor,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

export const AlertPage = Type.Object(
  { items: Type.Array(Alert), next_cursor: Nullable(Type.String()) },
  { additionalProperties: false },
);

/** `GET /alerts`. */
export const AlertQuery = Type.Object(
  {
    status: Type.Optional(Status),
    severity: Type.Optional(Severity),
    owner: Type.Optional(Id),
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    source: Type.Optional(Source),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    before: Type.Optional(Type.String({ maxLength: 64, description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

/** `POST /alerts`: raise an alert by hand. */
export const RaiseBody = Type.Object(
  {
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'deduplication key' })),
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    severity: Severity,
    title: Type.Object(
      {
        en: Type.String({ minLength: 1, maxLength: 300 }),
        zh: Type.String({ minLength: 1, maxLength: 300 }),
      },
      { additionalProperties: false },
    ),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    owner: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);

/** What a raise did. */
export const RaiseResult = Type.Object(
  {
    outcome: Type.Union([Type.Literal('created'), Type.Literal('repeated'), Type.Literal('suppressed')]),
    alert: Alert,
    upgraded: Type.Optional(Type.Boolean({ description: 'repeated: the severity rose' })),
    until: Type.Optional(Time),
  },
  { additionalProperties: false },
);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const AcknowledgeBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const ResolveBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: 'required: how it was resolved' })) },
  { additionalProperties: false },
);

export const ReassignBody = Type.Object({ owner: Nullable(Id) }, { additionalProperties: false });

export const EscalateBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
