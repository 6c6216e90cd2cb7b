/**
 * Request and response schemas of `/api/v1/changes`. Responses list every property and forbid
 * others; request bodies forbid unknown properties too, so a `status` or `maker` smuggled into a
 * submission is dropped by validation and never stored (mass assignment).
 */
import Type, { type Static } from 'typebox';

const Id = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: 'change id (UUID)',
});
const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
// Spelled out (not mapped from CHANGE_STATUSES) so that the static type keeps every literal.
const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('applied'),
  Type.Literal('rejected'),
  Type.Literal('withdrawn'),
  Type.Literal('expired'),
  Type.Literal('stale'),
]);
const KindName = Type.String({ minLength: 1, maxLength: 100 });

const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);

const Target = Type.Object(
  { type: Type.String({ minLength: 1, maxLength: 100 }), id: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/** A change request as the API shows it. */
export const Change = Type.Object(
  {
    id: Id,
    kind: Type.String(),
    target: Target,
    content: Type.Unknown({ description: 'the proposed content, as submitted' }),
    reason: Type.String(),
    summary: Bilingual,
    maker: Actor,
    fingerprint: Type.String({ description: 'the target’s version when the change was submitted' }),
    status: Status,
    submitted_at: Type.String({ format: 'date-time' }),
    expires_at: Type.String({ format: 'date-time' }),
    decided_by: Type.Union([Actor, Type.Null()]),
    decided_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    decision_comment: Type.Union([Type.String(), Type.Null()]),
    result: Type.Unknown({ description: 'what applying the change produced; null until applied' }),
  },
  { additionalProperties: false },
);

/** `POST /changes`. */
export const SubmitBody = Type.Object(
  {
    kind: KindName,
    target: Target,
    content: Type.Unknown({ description: 'the proposed content; its shape depends on the kind' }),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type SubmitBody = Static<typeof SubmitBody>;

/** `POST /changes/:id/approve` and `/withdraw`. */
export const OptionalComment = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** `POST /changes/:id/reject`: the maker is owed a reason. */
export const RequiredComment = Type.Object(
  { comment: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

/** Path parameters of one change. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** `GET /changes` filters. */
export const ChangeQuery = Type.Object(
  {
    status: Type.Optional(Status),
    kind: Type.Optional(KindName),
    target_type: Type.Optional(Type.String({ maxLength: 100 })),
    target_id: Type.Optional(Type.String({ maxLength: 200 })),
    maker_id: Type.Optional(Type.String({ maxLength: 200 })),
    before_id: Type.Optional(Id),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type ChangeQuery = Static<typeof ChangeQuery>;

/** A page of changes, newest first. */
export const ChangePage = Type.Object(
  {
    items: Type.Array(Change),
    next_before_id: Type.Union([Id, Type.Null()], { description: 'pass as before_id for the next page' }),
  },
  { additionalProperties: false },
);

/** The kinds of change this installation knows. */
export const KindList = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          kind: Type.String(),
          target_type: Type.String(),
          title: Bilingual,
          submit_permission: Type.String(),
          content_submit_permissions: Type.Array(Type.String(), {
            description:
              'other permissions that suffice to submit some contents of this kind (list.change: proposing entries with list:propose) / 对部分内容也可提交的其他权限',
          }),
          approve_permission: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
