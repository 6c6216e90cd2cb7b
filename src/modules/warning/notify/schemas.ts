/**
 * Request and response schemas of `/api/v1/notification-targets`, `/api/v1/notifications` and
 * `/api/v1/notification-deliveries`. Responses list every property and forbid others.
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
/** Spelled out (not mapped from SEVERITIES) so that the static type keeps every literal. */
export const Severity = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
const Event = Type.Union([
  Type.Literal('alert.raised'),
  Type.Literal('alert.upgraded'),
  Type.Literal('alert.escalated'),
  Type.Literal('alert.acknowledged'),
  Type.Literal('alert.resolved'),
  Type.Literal('alert.reassigned'),
  Type.Literal('notification.test'),
]);
const Kind = Type.Union([Type.Literal('webhook'), Type.Literal('email')]);
const Cursor = Type.String({ maxLength: 64, description: 'next_cursor of the previous page' });
const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });

/** A notification target (never its secret). */
export const Target = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: Kind,
    url: Type.Union([Type.String(), Type.Null()], { description: 'webhook URL / Webhook 地址' }),
    recipients: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'e-mail addresses' }),
    events: Type.Array(Event),
    min_severity: Severity,
    enabled: Type.Boolean(),
    created_by: Actor,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

/** A target after a change, with its signing secret when the change set one (shown once). */
export const TargetWithSecret = Type.Object(
  {
    target: Target,
    secret: Type.Union([Type.String(), Type.Null()], {
      description: 'the webhook signing secret, shown only now / Webhook 签名密钥，仅显示一次',
    }),
  },
  { additionalProperties: false },
);

export const TargetList = Type.Object({ items: Type.Array(Target) }, { additionalProperties: false });

const TargetFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  secret: Type.Optional(
    Type.String({ minLength: 16, maxLength: 200, description: 'generated (and returned once) when absent' }),
  ),
  recipients: Type.Optional(Type.Array(Type.String({ maxLength: 254 }), { minItems: 1, maxItems: 20 })),
  events: Type.Optional(Type.Array(Event, { minItems: 1, maxItems: 10 })),
  min_severity: Type.Optional(Severity),
  enabled: Type.Optional(Type.Boolean()),
};

/** `POST /notification-targets`. */
export const CreateTargetBody = Type.Object({ kind: Kind, ...TargetFields }, { additionalProperties: false });

/** `PATCH /notification-targets/{id}`. */
export const PatchTargetBody = Type.Object(
  { ...TargetFields, name: Type.Optional(TargetFields.name) },
  { additionalProperties: false, minProperties: 1 },
);

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const TargetDeleted = Type.Object(
  { id: Type.String(), cancelled_deliveries: Type.Integer() },
  { additionalProperties: false },
);

const Attempt = Type.Object(
  {
    attempt: Type.Integer(),
    started_at: Time,
    duration_ms: Type.Integer(),
    status_code: Type.Union([Type.Integer(), Type.Null()], { description: 'HTTP status or SMTP reply code' }),
    error: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  },
  { additionalProperties: false },
);

/** A delivery and its attempts. */
export const Delivery = Type.Object(
  {
    id: Type.String(),
    target_id: Type.String(),
    target_name: Type.String(),
    kind: Kind,
    destination: Type.String({ description: 'webhook host, or e-mail addresses' }),
    event: Event,
    alert_id: Type.Union([Type.String(), Type.Null()]),
    severity: Severity,
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempts: Type.Integer(),
    max_attempts: Type.Integer(),
    next_attempt_at: Type.Union([Time, Type.Null()]),
    last_status_code: Type.Union([Type.Integer(), Type.Null()]),
    last_error: Type.Union([Type.String(), Type.Null()]),
    created_at: Time,
    updated_at: Time,
    finished_at: Type.Union([Time, Type.Null()]),
    attempt_log: Type.Array(Attempt),
  },
  { additionalProperties: false },
);

export const DeliveryPage = Type.Object(
  { items: Type.Array(Delivery), next_cursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

/** `GET /notification-deliveries`. */
export const DeliveryQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    ),
    target_id: Type.Optional(Id),
    alert_id: Type.Optional(Id),
    limit: Type.Optional(Limit),
    before: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type DeliveryQuery = Static<typeof DeliveryQuery>;

/** A notice in the caller's inbox. */
export const InboxItem = Type.Object(
  {
    id: Type.String(),
    event: Event,
    alert_id: Type.Union([Type.String(), Type.Null()]),
    severity: Severity,
    title: Bilingual,
    body: Bilingual,
    created_at: Time,
    read_at: Type.Union([Time, Type.Null()]),
  },
  { additionalProperties: false },
);

export const InboxPage = Type.Object(
  {
    items: Type.Array(InboxItem),
    unread: Type.Integer({ description: 'unread notices in all / 未读通知总数' }),
    next_cursor: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

/** `GET /notifications`. */
export const InboxQuery = Type.Object(
  { unread: Type.Optional(Type.Boolean()), limit: Type.Optional(Limit), before: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const MarkedAll = Type.Object({ marked: Type.Integer() }, { additionalProperties: false });
