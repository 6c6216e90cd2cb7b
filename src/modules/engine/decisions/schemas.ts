/** Request and response schemas of `/api/v1/decisions` and `/api/v1/reviews`. */
import Type, { type Static } from 'typebox';

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Outcome = Type.Union([Type.Literal('approve'), Type.Literal('review'), Type.Literal('reject')]);
const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A rule that fired, with the inputs that made it fire. */
const RuleHit = Type.Object(
  {
    rule_id: Type.String(),
    action: Type.String(),
    score: Nullable(Type.Number()),
    description: Bilingual,
    values: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);

/** The decision as `POST /decisions` answers it (and as it is stored, byte for byte). */
export const Decision = Type.Object(
  {
    decision_id: Uuid,
    event_id: Type.String(),
    event_type: Type.String(),
    outcome: Outcome,
    score: Nullable(Type.Number()),
    reasons: Type.Array(
      Type.Object({ rule_id: Type.String(), text: Type.String() }, { additionalProperties: false }),
    ),
    rule_hits: Type.Array(RuleHit),
    features: Type.Record(Type.String(), Nullable(Type.Number())),
    truncated_features: Type.Array(Type.String(), {
      description: 'features whose window may be incomplete (per-key cap) / 窗口可能不完整的特征',
    }),
    models: Type.Record(Type.String(), Nullable(Type.Number())),
    model_reasons: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Array(
          Type.Object(
            {
              variable: Type.String(),
              points: Type.Number(),
              max_points: Type.Number(),
              text: Type.String(),
            },
            { additionalProperties: false },
          ),
        ),
        { description: 'Reason codes of each scorecard model, largest shortfall first / 评分卡拒绝原因' },
      ),
    ),
    rule_errors: Type.Array(
      Type.Object({ rule_id: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    policy: Nullable(
      Type.Object({ id: Type.String(), version: Type.Integer() }, { additionalProperties: false }),
    ),
    fallback: Nullable(
      Type.Object({ reason: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    latency_ms: Type.Number(),
    decided_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** One line of the decision search. */
export const DecisionSummary = Type.Object(
  {
    decision_id: Uuid,
    event_id: Type.String(),
    event_type: Type.String(),
    outcome: Outcome,
    score: Nullable(Type.Number()),
    policy: Nullable(
      Type.Object({ id: Type.String(), version: Type.Integer() }, { additionalProperties: false }),
    ),
    fallback: Nullable(Type.String()),
    occurred_at: Type.String({ format: 'date-time' }),
    decided_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** `GET /decisions` query. */
export const DecisionQuery = Type.Object(
  {
    subject_key: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' })),
    subject_value: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    outcome: Type.Optional(Outcome),
    rule: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    event_type: Type.Optional(Type.String({ maxLength: 64 })),
    policy_id: Type.Optional(Type.String({ maxLength: 64 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Type.String({ maxLength: 200, description: 'cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

/** A page of decisions. */
export const DecisionPage = Type.Object(
  { items: Type.Array(DecisionSummary), next: Nullable(Type.String()) },
  { additionalProperties: false },
);

/** A review-queue item. */
export const Review = Type.Object(
  {
    decision_id: Uuid,
    event_id: Type.String(),
    event_type: Type.String(),
    score: Nullable(Type.Number()),
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    created_at: Type.String(),
    resolution: Nullable(Type.Union([Type.Literal('fraud'), Type.Literal('legitimate')])),
    comment: Nullable(Type.String()),
    resolved_by: Nullable(
      Type.Object({ type: Type.String(), id: Type.String() }, { additionalProperties: false }),
    ),
    resolved_at: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

/** `GET /decisions/{id}`: the decision, its event (identifiers hashed), shadow outcomes and review. */
export const DecisionTrace = Type.Object(
  {
    decision: Decision,
    event: Type.Object(
      {
        type: Type.String(),
        id: Type.String(),
        occurred_at: Type.String(),
        received_at: Type.String(),
        subject: Type.Record(Type.String(), Type.String()),
        data: Type.Record(Type.String(), Type.Unknown()),
      },
      { additionalProperties: false },
    ),
    shadows: Type.Array(
      Type.Object(
        {
          policy_id: Type.String(),
          policy_version: Type.Integer(),
          outcome: Outcome,
          score: Nullable(Type.Number()),
          rule_hits: Type.Array(Type.String()),
          rule_errors: Type.Array(Type.Object({ rule_id: Type.String(), message: Type.String() })),
          agrees: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    review: Nullable(Review),
  },
  { additionalProperties: false },
);

/** `GET /reviews` query. */
export const ReviewQuery = Type.Object(
  {
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')], { default: 'open' }),
    event_type: Type.Optional(Type.String({ maxLength: 64 })),
    after: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);

/** `POST /reviews/{id}/resolve`: the analyst's verdict, the label backtests learn from. */
export const ResolveBody = Type.Object(
  {
    resolution: Type.Union([Type.Literal('fraud'), Type.Literal('legitimate')]),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export type DecisionQuery = Static<typeof DecisionQuery>;
export type ReviewQuery = Static<typeof ReviewQuery>;
